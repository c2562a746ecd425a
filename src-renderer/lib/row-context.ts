// What every row of a socket table shares, passed to each row as one object.
import type { ColumnId } from './sort.js';

export interface RowContext {
  shown: ReadonlySet<ColumnId>;
  /** Two-line rows at tray width. */
  compact: boolean;
  openExternal: (url: string) => Promise<boolean>;
  onGoToPort: (port: number) => void;
  /** Where the window may stop processes: the row actions' "Stop process…". */
  onStop?: (pid: number) => void;
  /** Reports an action's outcome to the table's live region. */
  announce: (text: string) => void;
}
