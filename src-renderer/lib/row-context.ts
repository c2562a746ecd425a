// What every row of a socket table shares, passed to each row as one object.
import type { EngineStatus } from '../../src-main/domain/container.js';
import type { ContainerStop } from './container-view.js';
import type { ColumnId } from './sort.js';

export interface RowContext {
  shown: ReadonlySet<ColumnId>;
  /** Two-line rows at tray width. */
  compact: boolean;
  openExternal: (url: string) => Promise<boolean>;
  onGoToPort: (port: number) => void;
  /** Where the window may stop processes: the row actions' "Stop process…". */
  onStop?: (pid: number) => void;
  /** Where the window may stop containers: a container row's "Stop container NAME…". */
  onStopContainer?: (stop: ContainerStop) => void;
  /** Why stopping is off (browser mode without --allow-kill), or null. */
  stopOff: string | null;
  /** The snapshot's engines: which command stops a row's container. */
  engines: readonly EngineStatus[];
  /** Reports an action's outcome to the table's live region. */
  announce: (text: string) => void;
}
