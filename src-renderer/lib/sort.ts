// Pure: the socket tables' columns and how each one sorts (stable, empty values last).
import type { PortSocket } from '../../src-main/shared/snapshot.js';

export type ColumnId =
  'port' | 'protocol' | 'address' | 'remote' | 'state' | 'process' | 'pid' | 'user' | 'command';

export type SortDirection = 'ascending' | 'descending';

export interface SortOrder {
  column: ColumnId;
  direction: SortDirection;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

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
  return collator.compare(String(a), String(b));
}

/**
 * A sorted copy. Rows without a value (no PID, no process) go last in either direction, and ties
 * keep the incoming (snapshot) order, so rows do not jump when an unrelated row changes.
 */
export function sortSockets(rows: readonly PortSocket[], order: SortOrder | null): PortSocket[] {
  if (order === null) return [...rows];
  const sign = order.direction === 'ascending' ? 1 : -1;
  const keyed = rows.map((row, index) => ({ row, index, value: valueOf(row, order.column) }));
  keyed.sort((x, y) => {
    if (x.value === null || y.value === null) {
      if (x.value === y.value) return x.index - y.index;
      return x.value === null ? 1 : -1;
    }
    return sign * compareValues(x.value, y.value) || x.index - y.index;
  });
  return keyed.map((k) => k.row);
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
