// Which columns a socket table's width and rows earn.
import { describe, expect, test } from 'vitest';
import {
  CONNECTION_COLUMNS,
  DROP_ORDER,
  fitColumns,
  fitWidth,
  LISTENER_COLUMNS,
  manyUsers,
} from '../../../src-renderer/lib/columns.js';
import { listener } from '../fakes.js';

describe('fitColumns', () => {
  test('a wide table (or one not measured yet) keeps every column', () => {
    expect(fitColumns(CONNECTION_COLUMNS, 1400)).toEqual(CONNECTION_COLUMNS);
    expect(fitColumns(LISTENER_COLUMNS, 0)).toEqual(LISTENER_COLUMNS);
  });

  test('columns go in DROP_ORDER as the width shrinks, and what is kept fits', () => {
    let previous = CONNECTION_COLUMNS;
    for (let width = 1100; width >= 480; width -= 20) {
      const kept = fitColumns(CONNECTION_COLUMNS, width);
      const dropped = CONNECTION_COLUMNS.filter((c) => !kept.includes(c));
      expect([...DROP_ORDER.slice(0, dropped.length)].sort()).toEqual([...dropped].sort());
      expect(previous.length).toBeGreaterThanOrEqual(kept.length);
      if (dropped.length < DROP_ORDER.length) expect(fitWidth(kept)).toBeLessThanOrEqual(width);
      previous = kept;
    }
    expect(fitColumns(CONNECTION_COLUMNS, 700)).toEqual([
      'port',
      'remote',
      'state',
      'process',
      'command',
    ]);
  });
});

test('manyUsers: unknown owners do not count as a second user', () => {
  expect(manyUsers([listener(), listener({ user: null })])).toBe(false);
  expect(manyUsers([listener(), listener({ user: 'postgres' })])).toBe(true);
  expect(manyUsers([])).toBe(false);
});
