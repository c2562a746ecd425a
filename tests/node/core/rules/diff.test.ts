import { describe, expect, test } from 'vitest';
import {
  applyDiff,
  diffByKey,
  diffInSnapshotOrder,
  diffSnapshots,
  isEmptyDiff,
  socketKey,
} from '../../../../src-main/domain/diff.js';
import { canonicalOrder, snapshotOrder } from '../../../../src-main/domain/socket-order.js';
import type { PortSocket } from '../../../../src-main/domain/model.js';
import { connection, listener, snapshotOf } from './fixtures.js';
import { seededRandom as random } from '../../../helpers/seeded-random.js';

describe('socketKey', () => {
  test('ignores pid and state but not endpoints', () => {
    const a = listener('127.0.0.1', 3000, 10, 'node');
    expect(socketKey({ ...a, pid: 11, state: 'CLOSE' })).toBe(socketKey(a));
    expect(socketKey({ ...a, localPort: 3001 })).not.toBe(socketKey(a));
    expect(socketKey({ ...a, protocol: 'udp' })).not.toBe(socketKey(a));
    expect(socketKey(listener('::1', 3000, 10, 'node'))).not.toBe(socketKey(a));
    const c = connection('127.0.0.1', 50000, '127.0.0.1', 3000, 10, 'node');
    expect(socketKey({ ...c, remotePort: 3001 })).not.toBe(socketKey(c));
  });

  test('includes the inode when the socket has one', () => {
    const a = listener('0.0.0.0', 53, 1, 'dns', { protocol: 'udp', inode: 100 });
    expect(socketKey({ ...a, inode: 101 })).not.toBe(socketKey(a));
  });
});

describe('diffSnapshots', () => {
  const node = listener('127.0.0.1', 3000, 10, 'node');
  const py = listener('::1', 8000, 20, 'python3');
  const conn = connection('127.0.0.1', 50000, '127.0.0.1', 3000, 30, 'curl');

  test('null prev: everything is added', () => {
    const d = diffSnapshots(null, snapshotOf([py, node]));
    expect(d.added).toEqual([node, py]);
    expect(d.removed).toEqual([]);
    expect(d.changed).toEqual([]);
  });

  test('added, removed and unchanged', () => {
    const d = diffSnapshots(snapshotOf([node, conn]), snapshotOf([node, py]));
    expect(d.added).toEqual([py]);
    expect(d.removed).toEqual([conn]);
    expect(d.changed).toEqual([]);
    expect(isEmptyDiff(d)).toBe(false);
  });

  test('same sockets give an empty diff', () => {
    const d = diffSnapshots(snapshotOf([node, py]), snapshotOf([{ ...py }, { ...node }]));
    expect(isEmptyDiff(d)).toBe(true);
  });

  test('a new pid on the same endpoints is a change, not remove + add', () => {
    const restarted = { ...node, pid: 11 };
    const d = diffSnapshots(snapshotOf([node]), snapshotOf([restarted]));
    expect(d.changed).toEqual([{ before: node, after: restarted }]);
    expect(d.added).toEqual([]);
    expect(d.removed).toEqual([]);
  });

  test.each<[string, Partial<PortSocket>]>([
    ['state', { state: 'CLOSE_WAIT' }],
    ['pids', { pids: [10, 12] }],
    ['process', { process: 'deno' }],
    ['command', { command: 'node server.js' }],
    ['user', { user: 'root' }],
    ['reason no process is named', { unattributedCause: 'refused' }],
  ])('a different %s is a change', (_field, patch) => {
    const d = diffSnapshots(snapshotOf([node]), snapshotOf([{ ...node, ...patch }]));
    expect(d.changed).toHaveLength(1);
  });

  test('two sockets on the same endpoints with different inodes are two sockets', () => {
    const a = listener('0.0.0.0', 5353, 1, 'avahi', { protocol: 'udp', inode: 7 });
    const b = { ...a, inode: 8 };
    const d = diffSnapshots(snapshotOf([a]), snapshotOf([b]));
    expect(d.added).toEqual([b]);
    expect(d.removed).toEqual([a]);
    expect(d.changed).toEqual([]);
  });

  test('duplicates without inodes pair by pid first', () => {
    const a = listener('0.0.0.0', 5353, 1, 'avahi', { protocol: 'udp' });
    const b = listener('0.0.0.0', 5353, 2, 'chrome', { protocol: 'udp' });
    const c = listener('0.0.0.0', 5353, 3, 'firefox', { protocol: 'udp' });
    const d = diffSnapshots(snapshotOf([a, b]), snapshotOf([b, c]));
    expect(d.changed).toEqual([{ before: a, after: c }]);
    expect(d.added).toEqual([]);
    expect(d.removed).toEqual([]);
  });
});

function generated(rnd: () => number, withInodes: boolean): PortSocket {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  const addr = pick(['127.0.0.1', '::1', '0.0.0.0', '::']);
  const port = pick([53, 3000, 3001, 8080]);
  const pid = pick([null, 10, 11, 12]);
  const base =
    rnd() < 0.6
      ? listener(addr, port, pid, pid === null ? null : pick(['node', 'nginx']))
      : connection(addr, port, addr, pick([3000, 8080]), pid, 'curl');
  return {
    ...base,
    protocol: base.state === 'LISTEN' && rnd() < 0.3 ? 'udp' : base.protocol,
    ...(withInodes ? { inode: Math.floor(rnd() * 6) } : {}),
    ...(rnd() < 0.2 && pid !== null ? { pids: [pid, pid + 100] } : {}),
  };
}

function mutate(rnd: () => number, sockets: PortSocket[], withInodes: boolean): PortSocket[] {
  const next: PortSocket[] = [];
  for (const s of sockets) {
    const roll = rnd();
    if (roll < 0.2) continue; // removed
    if (roll < 0.4)
      next.push({
        ...s,
        pid: s.pid === null ? 42 : null,
        state: rnd() < 0.5 ? s.state : 'CLOSE_WAIT',
      });
    else next.push(s);
  }
  const extra = Math.floor(rnd() * 5);
  for (let i = 0; i < extra; i += 1) next.push(generated(rnd, withInodes));
  return next.sort(canonicalOrder);
}

describe('applyDiff', () => {
  test('an empty diff hands back the very same list (a window re-renders nothing)', () => {
    const sockets = [listener('127.0.0.1', 3000, 10, 'node'), listener('::1', 3001, 11, 'node')];
    expect(applyDiff(sockets, { added: [], removed: [], changed: [] })).toBe(sockets);
  });

  test.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'prev + diff == next on generated snapshots (seed %i)',
    (seed) => {
      const rnd = random(seed);
      for (let round = 0; round < 50; round += 1) {
        const withInodes = round % 2 === 0;
        const count = Math.floor(rnd() * 12);
        const prev = Array.from({ length: count }, () => generated(rnd, withInodes)).sort(
          canonicalOrder,
        );
        const next = mutate(rnd, prev, withInodes);
        const diff = diffSnapshots(snapshotOf(prev), snapshotOf(next));
        const rebuilt = applyDiff(prev, diff);
        expect(rebuilt).toEqual(next);
        // The collector's own order holds for the rebuilt list.
        for (let i = 1; i < rebuilt.length; i += 1) {
          expect(snapshotOrder(rebuilt[i - 1]!, rebuilt[i]!)).toBeLessThanOrEqual(0);
        }
        expect(
          isEmptyDiff(diffSnapshots(snapshotOf(next), snapshotOf(applyDiff(prev, diff)))),
        ).toBe(true);
      }
    },
  );

  test('does not modify the list it is given', () => {
    const a = listener('127.0.0.1', 3000, 10, 'node');
    const prev = [a];
    const diff = diffSnapshots(snapshotOf(prev), snapshotOf([]));
    expect(applyDiff(prev, diff)).toEqual([]);
    expect(prev).toEqual([a]);
  });

  test('a list that drifted still converges: unknown removals are ignored, unknown changes added', () => {
    const a = listener('127.0.0.1', 3000, 10, 'node');
    const b = listener('::1', 3000, 11, 'node');
    const result = applyDiff([], { added: [], removed: [a], changed: [{ before: a, after: b }] });
    expect(result).toEqual([b]);
  });
});

describe('diffInSnapshotOrder (the walk diffSnapshots takes for collector lists)', () => {
  const byKey = (prev: PortSocket[], next: PortSocket[]) => diffByKey(prev, next);

  test.each([11, 12, 13, 14, 15, 16, 17, 18])(
    'gives diffByKey’s very result on generated lists in snapshot order (seed %i)',
    (seed) => {
      const rnd = random(seed);
      for (let round = 0; round < 60; round += 1) {
        const withInodes = round % 3 !== 0;
        const count = Math.floor(rnd() * 40);
        const prev = Array.from({ length: count }, () => generated(rnd, withInodes)).sort(
          canonicalOrder,
        );
        const next = mutate(rnd, prev, withInodes);
        const walked = diffInSnapshotOrder(prev, next);
        expect(walked).not.toBeNull();
        expect(walked).toEqual(byKey(prev, next));
        // Same objects in the same order, not merely equal ones.
        const keyed = byKey(prev, next);
        expect(walked!.added.every((s, i) => s === keyed.added[i])).toBe(true);
        expect(walked!.removed.every((s, i) => s === keyed.removed[i])).toBe(true);
        expect(walked!.changed.every((c, i) => c.after === keyed.changed[i]!.after)).toBe(true);
        expect(diffSnapshots(snapshotOf(prev), snapshotOf(next))).toEqual(keyed);
      }
    },
  );

  test('a fresh copy of the same list (a re-read with nothing changed) is an empty diff', () => {
    const rnd = random(99);
    const prev = Array.from({ length: 60 }, () => generated(rnd, true)).sort(canonicalOrder);
    const copy = prev.map((s) => ({ ...s, pids: s.pids ? [...s.pids] : undefined }));
    expect(isEmptyDiff(diffInSnapshotOrder(prev, copy)!)).toBe(true);
  });

  test('a list out of snapshot order is left to the keyed diff, with the same result', () => {
    const a = listener('127.0.0.1', 3000, 10, 'node');
    const b = listener('::1', 8000, 20, 'python3');
    const c = listener('127.0.0.1', 9000, 30, 'ruby');
    expect(diffInSnapshotOrder([a, b], [c, a])).toBeNull();
    expect(diffInSnapshotOrder([b, a], [a, c])).toBeNull();
    expect(diffSnapshots(snapshotOf([b, a]), snapshotOf([a, c]))).toEqual(byKey([b, a], [a, c]));
  });

  test.each<[string, Partial<PortSocket>, Partial<PortSocket>]>([
    ['an empty peer beside none', { remoteAddress: '' }, { remoteAddress: null }],
    ['a peer port of -1 beside none', { remotePort: -1 }, { remotePort: null }],
    ['a peer spelled *', { remoteAddress: '*' }, { remoteAddress: null }],
    ['a | inside an address', { localAddress: 'a|1' }, {}],
  ])('endpoints the key and the order could disagree on (%s) go to the keyed diff', (_, x, y) => {
    const base = connection('127.0.0.1', 50000, '127.0.0.1', 3000, 30, 'curl');
    const prev = [{ ...base, ...x }];
    const next = [{ ...base, ...y, pid: 31 }];
    expect(diffInSnapshotOrder(prev, next)).toBeNull();
    expect(diffSnapshots(snapshotOf(prev), snapshotOf(next))).toEqual(byKey(prev, next));
  });
});
