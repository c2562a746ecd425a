// Pure: the socket tables' columns: titles, widths, which ones a table's width and rows earn.
import type { PortSocket } from '../../src-main/domain/index.js';
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
  command: 'Command',
};

// Each column shrinks from its preferred width toward a minimum as the window narrows; the
// command line takes what is left. Header and rows share the template, so they stay aligned.
const WIDTHS: Record<ColumnId, { min: number; max: string; fit: number }> = {
  port: { min: 64, max: '84px', fit: 72 },
  // Wide enough for its own header ("Protocol" and the sort arrow), not only for "tcp6".
  protocol: { min: 84, max: '88px', fit: 84 },
  address: { min: 120, max: '230px', fit: 150 },
  remote: { min: 140, max: '220px', fit: 170 },
  state: { min: 96, max: '112px', fit: 104 },
  // Room for a container's badge beside its forwarder ("▣ shop-db-1 docker-proxy") where there is room.
  process: { min: 80, max: '200px', fit: 110 },
  pid: { min: 60, max: '92px', fit: 70 },
  user: { min: 60, max: '96px', fit: 80 },
  command: { min: 120, max: '1fr', fit: 180 },
};

/** The row actions button's column, last in every row. */
const ACTIONS_WIDTH = 40;

/** At or below this table width (px) a row becomes two lines: "port · process (PID) · state" over address and command. */
export const COMPACT_MAX_WIDTH = 480;

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

/**
 * Which column goes first when a table is too narrow for all of them, least useful first: the
 * user (one user on most machines), the protocol (TCP on most rows), the PID (one click away on
 * the port page and in the row's actions), the local address (a connection's news is its remote
 * end), the command. Port, process and remote stay.
 */
export const DROP_ORDER: readonly ColumnId[] = [
  'user',
  'protocol',
  'pid',
  'address',
  'command',
  'state',
];

/** Width (px) the columns need to read well (between their minimum and their preferred width), the actions button included. */
export function fitWidth(columns: readonly ColumnId[]): number {
  return columns.reduce((sum, c) => sum + WIDTHS[c].fit, ACTIONS_WIDTH);
}

/**
 * The columns that fit in `width` px, dropping them in DROP_ORDER until the rest read well. A
 * width of 0 (not measured yet) keeps them all.
 */
export function fitColumns(columns: readonly ColumnId[], width: number): ColumnId[] {
  let kept = [...columns];
  if (width <= 0) return kept;
  for (const drop of DROP_ORDER) {
    if (fitWidth(kept) <= width) break;
    kept = kept.filter((c) => c !== drop);
  }
  return kept;
}

/** True when the rows have more than one (known) user: only then is a User column news. */
export function manyUsers(rows: readonly PortSocket[]): boolean {
  let first: string | null = null;
  for (const s of rows) {
    if (s.user === null) continue;
    if (first === null) first = s.user;
    else if (s.user !== first) return true;
  }
  return false;
}

/** The CSS grid template header and rows share, the actions column last. */
export function gridTemplate(columns: readonly ColumnId[]): string {
  return [
    ...columns.map((c) => `minmax(${WIDTHS[c].min}px, ${WIDTHS[c].max})`),
    `${ACTIONS_WIDTH}px`,
  ].join(' ');
}

/** Columns holding numbers align right and use tabular figures. */
export function isNumeric(column: ColumnId): boolean {
  return column === 'port' || column === 'pid';
}
