// Sorting the socket tables: every column, both directions, empty values last, stable ties.
import { describe, expect, test } from 'vitest';
import {
  ariaSort,
  nextSortOrder,
  sortSockets,
  type ColumnId,
} from '../../../src-renderer/lib/sort.js';
import { connection, listener } from '../fakes.js';

const a = listener({
  localPort: 8080,
  protocol: 'udp',
  family: 4,
  localAddress: '10.0.0.10',
  pid: 30,
  process: 'beta',
  user: 'root',
  command: 'c-cmd',
  state: 'UNCONN',
});
const b = connection({
  localPort: 443,
  protocol: 'tcp',
  family: 6,
  localAddress: '::1',
  remoteAddress: '10.0.0.2',
  remotePort: 9,
  pid: 200,
  process: 'Alpha',
  user: 'dev',
  command: 'a-cmd',
  state: 'ESTABLISHED',
});
const c = connection({
  localPort: 3000,
  protocol: 'tcp',
  family: 4,
  localAddress: '10.0.0.2',
  remoteAddress: '10.0.0.10',
  remotePort: 80,
  pid: 4,
  process: 'gamma',
  user: 'alice',
  command: 'b-cmd',
  state: 'CLOSE_WAIT',
});
const rows = [a, b, c];

const expected: Record<ColumnId, [typeof a, typeof a, typeof a]> = {
  port: [b, c, a],
  protocol: [c, b, a], // tcp4, tcp6, udp4
  address: [c, a, b], // 10.0.0.2 < 10.0.0.10 (numeric), then IPv6
  remote: [b, c, a], // a has no remote: last
  state: [c, b, a],
  process: [b, a, c], // case-insensitive: Alpha, beta, gamma
  pid: [c, a, b],
  user: [c, b, a],
  command: [b, c, a],
};

describe('sortSockets', () => {
  for (const [column, order] of Object.entries(expected) as [ColumnId, typeof rows][]) {
    test(`by ${column}, ascending and descending`, () => {
      expect(sortSockets(rows, { column, direction: 'ascending' })).toEqual(order);
      const descending = sortSockets(rows, { column, direction: 'descending' });
      if (column === 'remote')
        expect(descending).toEqual([c, b, a]); // empty stays last
      else expect(descending).toEqual([...order].reverse());
    });
  }

  test('rows without a value go last in both directions', () => {
    const unknown = listener({ localPort: 1, pid: null, process: null, user: null });
    for (const direction of ['ascending', 'descending'] as const) {
      expect(sortSockets([unknown, a, b], { column: 'pid', direction }).at(-1)).toBe(unknown);
      expect(sortSockets([unknown, a, b], { column: 'process', direction }).at(-1)).toBe(unknown);
    }
  });

  test('ties keep the incoming order', () => {
    const x = listener({ localPort: 1, user: 'dev' });
    const y = listener({ localPort: 2, user: 'dev' });
    const z = listener({ localPort: 3, user: 'dev' });
    expect(sortSockets([z, x, y], { column: 'user', direction: 'descending' })).toEqual([z, x, y]);
  });

  test('no order returns a copy in the incoming order', () => {
    const sorted = sortSockets(rows, null);
    expect(sorted).toEqual(rows);
    expect(sorted).not.toBe(rows);
  });
});

describe('header clicks and aria-sort', () => {
  test('a new column sorts ascending, the same column flips', () => {
    const first = nextSortOrder(null, 'pid');
    expect(first).toEqual({ column: 'pid', direction: 'ascending' });
    expect(nextSortOrder(first, 'pid')).toEqual({ column: 'pid', direction: 'descending' });
    expect(nextSortOrder({ column: 'pid', direction: 'descending' }, 'user')).toEqual({
      column: 'user',
      direction: 'ascending',
    });
  });

  test('aria-sort names the direction on the sorted column only', () => {
    const order = { column: 'port', direction: 'descending' } as const;
    expect(ariaSort(order, 'port')).toBe('descending');
    expect(ariaSort(order, 'pid')).toBe('none');
    expect(ariaSort(null, 'port')).toBe('none');
  });
});
