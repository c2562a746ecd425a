// Pure: the socket tables' columns and how each one sorts (stable, empty values last).
import type { PortSocket } from '../../src-main/domain/index.js';

export type ColumnId =
  'port' | 'protocol' | 'address' | 'remote' | 'state' | 'process' | 'pid' | 'user' | 'command';

export type SortDirection = 'ascending' | 'descending';

export interface SortOrder {
  column: ColumnId;
  direction: SortDirection;
}

// Made on the first text sort, not at load: the window opens sorted by port, and an Intl object
// built at load costs start-up the loading of ICU (see formatCount in format.ts).
let collator: Intl.Collator | null = null;

function compareText(a: string, b: string): number {
  collator ??= new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  return collator.compare(a, b);
}

/** Addresses sort by family, then numerically (10.0.0.2 before 10.0.0.10). */
function addressRank(address: string | null): string | null {
  if (address === null) return null;
  if (address.includes(':')) return `6 ${address}`;
  return `4 ${address
    .split('.')
    .map((part) => part.padStart(3, '0'))
    .join('.')}`;
}

type Value = number | string | null;

function valueOf(s: PortSocket, column: ColumnId): Value {
  switch (column) {
    case 'port':
      return s.localPort;
    case 'protocol':
      return `${s.protocol}${s.family}`;
    case 'address':
      return addressRank(s.localAddress);
    case 'remote': {
      const rank = addressRank(s.remoteAddress);
      return rank === null ? null : `${rank} ${String(s.remotePort ?? 0).padStart(5, '0')}`;
    }
    case 'state':
      return s.state;
    case 'process':
      return s.process;
    case 'pid':
      return s.pid;
    case 'user':
      return s.user;
    case 'command':
      return s.command;
  }
}

function compareValues(a: Value, b: Value): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return compareText(String(a), String(b));
}

/** True when `values` already satisfy the order: a one-pass check that spares most refreshes a sort. */
function inOrder(values: readonly Value[], sign: number, numeric: boolean): boolean {
  let previous: Value = null;
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i]!;
    if (value === null) continue;
    // A value after an empty one: empty values must come last.
    if (i > 0 && values[i - 1] === null) return false;
    if (previous !== null) {
      // Numbers (ports, PIDs: the usual sorts) compare inline; text goes to the collator.
      const d = numeric ? (previous as number) - (value as number) : compareValues(previous, value);
      if (sign * d > 0) return false;
    }
    previous = value;
  }
  return true;
}

/**
 * Numbers that compare as the values do. Strings are ranked once per distinct value, so a sort
 * of 10,000 rows calls the (slow) collator for the distinct values only; values the collator
 * finds equal share a rank and so stay ties.
 */
function sortKeys(values: readonly Value[], numeric: boolean): readonly number[] {
  if (numeric) return values as number[];
  const distinct = [...new Set(values.filter((v) => v !== null).map(String))].sort(compareText);
  const rank = new Map<string, number>();
  let r = 0;
  distinct.forEach((text, i) => {
    if (i > 0 && compareText(distinct[i - 1]!, text) !== 0) r += 1;
    rank.set(text, r);
  });
  return values.map((v) => (v === null ? 0 : rank.get(String(v))!));
}

/**
 * The rows in the order asked for. Rows without a value (no PID, no process) go last in either
 * direction, and ties keep the incoming (snapshot) order, so rows do not jump when an unrelated
 * row changes. Returns `rows` itself when there is no order or the rows are already in it (the
 * collector's snapshot usually comes sorted by port), so nothing downstream sees a new list.
 */
export function sortSockets(
  rows: readonly PortSocket[],
  order: SortOrder | null,
): readonly PortSocket[] {
  if (order === null) return rows;
  const sign = order.direction === 'ascending' ? 1 : -1;
  const values: Value[] = [];
  let numeric = true;
  for (const row of rows) {
    const value = valueOf(row, order.column);
    if (value !== null && typeof value !== 'number') numeric = false;
    values.push(value);
  }
  if (inOrder(values, sign, numeric)) return rows;
  const keys = sortKeys(values, numeric);
  const present: number[] = [];
  const empty: number[] = [];
  for (let i = 0; i < values.length; i += 1) (values[i] === null ? empty : present).push(i);
  // Mostly in order already (a refresh moves a few rows): the sort's runs make this near linear.
  present.sort((x, y) => sign * (keys[x]! - keys[y]!) || x - y);
  const sorted: PortSocket[] = new Array<PortSocket>(rows.length);
  let at = 0;
  for (const i of present) sorted[at++] = rows[i]!;
  for (const i of empty) sorted[at++] = rows[i]!;
  return sorted;
}

/** Clicking a header: a new column sorts ascending, the same column flips. */
export function nextSortOrder(current: SortOrder | null, column: ColumnId): SortOrder {
  if (current?.column === column) {
    return {
      column,
      direction: current.direction === 'ascending' ? 'descending' : 'ascending',
    };
  }
  return { column, direction: 'ascending' };
}

/** aria-sort for a column header. */
export function ariaSort(
  order: SortOrder | null,
  column: ColumnId,
): 'ascending' | 'descending' | 'none' {
  return order?.column === column ? order.direction : 'none';
}
