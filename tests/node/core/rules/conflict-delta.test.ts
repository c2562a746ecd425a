import fc from 'fast-check';
import { expect, test } from 'vitest';
import {
  applyConflictDelta,
  conflictDelta,
  conflictKey,
  diffConflicts,
  findConflicts,
} from '../../../../src-main/core/rules/conflicts.js';
import type { Conflict } from '../../../../src-main/domain/model.js';
import { listener, snapshotOf, watch } from './fixtures.js';

/** Conflicts found by the real rules over a random scene of listeners on a few ports. */
const scene = fc
  .array(
    fc.record({
      port: fc.constantFrom(3000, 3001, 5432, 8080),
      address: fc.constantFrom('127.0.0.1', '::1', '0.0.0.0', '::'),
      pid: fc.integer({ min: 100, max: 105 }),
      protocol: fc.constantFrom('tcp' as const, 'udp' as const),
    }),
    { maxLength: 12 },
  )
  .map((rows) => {
    const sockets = rows.map((r, i) =>
      listener(r.address, r.port, r.pid, `p${r.pid}`, { protocol: r.protocol, inode: i + 1 }),
    );
    return findConflicts(snapshotOf(sockets), [watch('w-3000', 3000, 'p100')]);
  });

test('a delta replayed onto the old list gives exactly the new list, in order', () => {
  fc.assert(
    fc.property(scene, scene, (before: Conflict[], after: Conflict[]) => {
      const delta = conflictDelta(diffConflicts(before, after));
      expect(applyConflictDelta(before, delta)).toEqual(after);
    }),
    { numRuns: 300 },
  );
});

test('an unchanged list gives an empty delta, and replaying it keeps the same array', () => {
  const before = findConflicts(
    snapshotOf([listener('127.0.0.1', 3000, 100, 'node'), listener('::1', 3000, 101, 'vite')]),
  );
  expect(before).toHaveLength(1);
  const delta = conflictDelta(
    diffConflicts(
      before,
      before.map((c) => ({ ...c })),
    ),
  );
  expect(delta).toEqual({ appeared: [], changed: [], resolved: [] });
  expect(applyConflictDelta(before, delta)).toBe(before);
});

test('resolved conflicts travel as their keys only', () => {
  const before = findConflicts(
    snapshotOf([listener('127.0.0.1', 3000, 100, 'node'), listener('::1', 3000, 101, 'vite')]),
  );
  const delta = conflictDelta(diffConflicts(before, []));
  expect(delta.resolved).toEqual(before.map(conflictKey));
  expect(applyConflictDelta(before, delta)).toEqual([]);
});
