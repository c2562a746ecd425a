// Pure: the socket tables' column titles and fixed widths (fixed so rows never jump when data changes).
import type { ColumnId } from './sort.js';

export const COLUMN_TITLES: Record<ColumnId, string> = {
  port: 'Port',
  protocol: 'Protocol',
  address: 'Address',
  remote: 'Remote',
  state: 'State',
  process: 'Process',
  pid: 'PID',
  user: 'User',
  command: 'Command line',
};

// Each column shrinks from its preferred width toward a minimum as the window narrows; the
// command line takes what is left. Header and rows share the template, so they stay aligned.
const WIDTHS: Record<ColumnId, string> = {
  port: 'minmax(60px, 76px)',
  protocol: 'minmax(56px, 76px)',
  address: 'minmax(120px, 230px)',
  remote: 'minmax(140px, 220px)',
  state: 'minmax(92px, 112px)',
  process: 'minmax(80px, 140px)',
  pid: 'minmax(60px, 92px)',
  user: 'minmax(56px, 96px)',
  command: 'minmax(120px, 1fr)',
};

export const LISTENER_COLUMNS: ColumnId[] = [
  'port',
  'protocol',
  'address',
  'process',
  'pid',
  'user',
  'command',
];

/** Every column, in the order any table shows them (a table shows a subset, never reordered). */
export const COLUMN_ORDER = Object.keys(COLUMN_TITLES) as readonly ColumnId[];

export const CONNECTION_COLUMNS: ColumnId[] = [...COLUMN_ORDER];

/** The CSS grid template header and rows share. */
export function gridTemplate(columns: readonly ColumnId[]): string {
  return columns.map((c) => WIDTHS[c]).join(' ');
}

/** Columns holding numbers align right and use tabular figures. */
export function isNumeric(column: ColumnId): boolean {
  return column === 'port' || column === 'pid';
}
