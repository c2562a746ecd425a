// Sorting the socket tables: every column, both directions, empty values last, stable ties.
import { describe, expect, test } from 'vitest';
import {
  ariaSort,
  nextSortOrder,
  sortSockets,
  type ColumnId,
} from '../../../src-renderer/lib/sort.js';
import type { PortSocket } from '../../../src-main/domain/index.js';
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

  test('no order, or rows already in order, give back the same list', () => {
    expect(sortSockets(rows, null)).toBe(rows);
    const byPort = sortSockets(rows, { column: 'port', direction: 'ascending' });
    expect(byPort).not.toBe(rows);
    expect(sortSockets(byPort, { column: 'port', direction: 'ascending' })).toBe(byPort);
    const unknown = listener({ localPort: 1, pid: null });
    const emptyLast = [c, a, b, unknown];
    expect(sortSockets(emptyLast, { column: 'pid', direction: 'ascending' })).toBe(emptyLast);
    // An empty value before a present one is out of order in either direction.
    const emptyFirst = [unknown, c, a, b];
    expect(sortSockets(emptyFirst, { column: 'pid', direction: 'ascending' })).toEqual(emptyLast);
  });

  test('values too large to pack into one number still sort, ties in order', () => {
    const big = listener({ localPort: 1, pid: 2 ** 40 });
    const small = listener({ localPort: 2, pid: 3 });
    const mid = listener({ localPort: 3, pid: 2 ** 33 });
    const tie = listener({ localPort: 4, pid: 3 });
    expect(sortSockets([big, small, mid, tie], { column: 'pid', direction: 'ascending' })).toEqual([
      small,
      tie,
      mid,
      big,
    ]);
    expect(sortSockets([big, small, mid, tie], { column: 'pid', direction: 'descending' })).toEqual(
      [big, mid, small, tie],
    );
  });

  test('a shortcut never changes the order a full sort gives', () => {
    // The sort before this change: every row compared pairwise with the collator.
    const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
    const reference = (list: PortSocket[], column: 'process' | 'pid', sign: number) =>
      list
        .map((row, index) => ({ row, index, value: row[column] }))
        .sort((x, y) => {
          if (x.value === null || y.value === null) {
            if (x.value === y.value) return x.index - y.index;
            return x.value === null ? 1 : -1;
          }
          const d =
            typeof x.value === 'number' && typeof y.value === 'number'
              ? x.value - y.value
              : collator.compare(String(x.value), String(y.value));
          return sign * d || x.index - y.index;
        })
        .map((k) => k.row);
    const names = ['node', 'Node', 'nginx', 'node2', 'node10', null, 'éclair', 'Zed'];
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let round = 0; round < 30; round += 1) {
      const list = Array.from({ length: 12 }, (_, i) =>
        listener({
          localPort: 1000 + i,
          process: names[Math.floor(random() * names.length)]!,
          pid: random() < 0.2 ? null : Math.floor(random() * 5),
        }),
      );
      for (const column of ['process', 'pid'] as const) {
        for (const [direction, sign] of [
          ['ascending', 1],
          ['descending', -1],
        ] as const) {
          const expectedOrder = reference(list, column, sign);
          const sorted = sortSockets(list, { column, direction });
          expect(sorted).toEqual(expectedOrder);
          // Sorting the result again finds it in order and gives it back unchanged.
          expect(sortSockets(sorted, { column, direction })).toBe(sorted);
        }
      }
    }
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
