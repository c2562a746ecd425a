import { describe, expect, test } from 'vitest';
import {
  changesListeners,
  ConflictFinder,
  findConflicts,
} from '../../../../src-main/core/rules/conflicts.js';
import { Owners } from '../../../../src-main/core/rules/owner-partition.js';
import { canonicalOrder } from '../../../../src-main/domain/socket-order.js';
import type { PortSocket, SnapshotDiff } from '../../../../src-main/domain/model.js';
import { connection, listener, snapshotOf, watch } from './fixtures.js';
import { seededRandom as random } from '../../../helpers/seeded-random.js';

/** Listeners crowded on a few ports, with shared PIDs and inodes, unseen owners and connections. */
function generated(rnd: () => number): PortSocket {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  const pid = pick([null, 10, 11, 12, 13]);
  const name = pid === null ? null : pick(['node', 'nginx', 'python3']);
  const port = pick([53, 3000, 3001, 8080]);
  const address = pick(['127.0.0.1', '::1', '0.0.0.0', '::']);
  if (rnd() < 0.15) return connection(address, 50_000 + port, address, port, pid, name);
  const extra: Partial<PortSocket> = {};
  if (rnd() < 0.3) extra.protocol = 'udp';
  const inode = rnd();
  if (inode < 0.3)
    extra.inode = pick([1, 2, 3]); // shared now and then
  else if (inode < 0.8) extra.inode = 100 + Math.floor(rnd() * 1_000);
  if (pid !== null && rnd() < 0.2) extra.pids = [pid, pick([10, 11, 12, 13, 20])];
  return listener(address, port, pid, name, extra);
}

function nextSnapshot(rnd: () => number, sockets: PortSocket[]): PortSocket[] {
  const next: PortSocket[] = [];
  for (const s of sockets) {
    const roll = rnd();
    if (roll < 0.1) continue;
    if (roll < 0.2) next.push({ ...s, pid: s.pid === null ? 12 : null, pids: undefined });
    else next.push(s);
  }
  const extra = Math.floor(rnd() * 4);
  for (let i = 0; i < extra; i += 1) next.push(generated(rnd));
  return next.sort(canonicalOrder);
}

const watches = [
  watch('w-node', 3000, 'node'),
  watch('w-dns', 53, 'dnsmasq'),
  watch('w-v6', 8080, 'nginx', '::1'),
];

describe('ConflictFinder', () => {
  test.each([1, 2, 3, 4, 5, 6])(
    'gives findConflicts’ result on every snapshot of a changing machine (seed %i)',
    (seed) => {
      const rnd = random(seed);
      const finder = new ConflictFinder();
      let sockets = Array.from({ length: 24 }, () => generated(rnd)).sort(canonicalOrder);
      let found = 0;
      for (let tick = 0; tick < 80; tick += 1) {
        const snapshot = snapshotOf(sockets, tick);
        const expected = findConflicts(snapshot, watches);
        found += expected.length;
        expect(finder.find(snapshot, watches)).toEqual(expected);
        // A fresh copy of the same sockets (a re-read) gives the same again.
        const copy = snapshotOf(sockets.map((s) => ({ ...s })));
        expect(finder.find(copy, watches)).toEqual(expected);
        sockets = nextSnapshot(rnd, sockets);
      }
      expect(found).toBeGreaterThan(0);
    },
  );

  test('an owner tie made on another port clears a conflict the finder had kept', () => {
    const node = listener('127.0.0.1', 3000, 10, 'node', { inode: 1 });
    const worker = listener('::1', 3000, 20, 'node', { inode: 2 });
    const finder = new ConflictFinder();
    expect(finder.find(snapshotOf([node, worker])).map((c) => c.kind)).toEqual(['shadowed']);
    // One socket elsewhere held by both PIDs: they are one server, so port 3000 is no conflict.
    const shared = listener('0.0.0.0', 9000, 10, 'node', { inode: 3, pids: [10, 20] });
    expect(finder.find(snapshotOf([node, worker, shared]))).toEqual([]);
    expect(finder.find(snapshotOf([node, worker])).map((c) => c.kind)).toEqual(['shadowed']);
  });

  test('a changed process name on a kept port is re-described', () => {
    const a = listener('127.0.0.1', 3000, 10, 'node', { inode: 1 });
    const b = listener('::1', 3000, 20, 'python3', { inode: 2 });
    const finder = new ConflictFinder();
    expect(finder.find(snapshotOf([a, b]))[0]?.message).toContain('python3');
    const renamed = { ...b, process: 'deno' };
    const [conflict] = finder.find(snapshotOf([a, renamed]));
    expect(conflict?.message).toContain('deno');
    expect(conflict?.sockets).toContain(renamed);
  });
});

/** The owner split as first written: a union of string nodes for every PID, inode and socket. */
function referenceOwners(listeners: PortSocket[]): {
  of: (s: PortSocket) => string;
  known: (s: PortSocket) => boolean;
} {
  const parent = new Map<string, string>();
  const find = (n: string): string => {
    let root = n;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    return root;
  };
  const nodes = new Map<PortSocket, string>();
  listeners.forEach((s, i) => {
    const pids = s.pids && s.pids.length > 0 ? s.pids : s.pid === null ? [] : [s.pid];
    const all = pids.map((p) => `pid:${p}`);
    if (typeof s.inode === 'number') all.push(`inode:${s.inode}`);
    if (all.length === 0) all.push(`socket:${i}`);
    for (const n of all.slice(1)) {
      const [ra, rb] = [find(all[0]!), find(n)];
      if (ra !== rb) parent.set(rb, ra);
    }
    nodes.set(s, all[0]!);
  });
  const known = new Set(
    listeners
      .filter((s) => s.pid !== null || (s.pids?.length ?? 0) > 0)
      .map((s) => find(nodes.get(s)!)),
  );
  return { of: (s) => find(nodes.get(s)!), known: (s) => known.has(find(nodes.get(s)!)) };
}

describe('Owners', () => {
  test.each([21, 22, 23, 24])(
    'splits listeners as a union of every PID and inode would (seed %i)',
    (seed) => {
      const rnd = random(seed);
      for (let round = 0; round < 40; round += 1) {
        const listeners = Array.from({ length: 30 }, () => generated(rnd));
        const owners = new Owners(listeners);
        const reference = referenceOwners(listeners);
        // Each listener labelled by the first listener of its owner: equal labels, equal split.
        const split = (of: (s: PortSocket) => unknown): number[] => {
          const ids = listeners.map(of);
          return ids.map((id) => ids.indexOf(id));
        };
        expect(split((s) => owners.of(s))).toEqual(split(reference.of));
        expect(listeners.map((s) => owners.isKnown(owners.of(s)))).toEqual(
          listeners.map(reference.known),
        );
      }
    },
  );

  test('a socket with neither PID nor inode is an owner of its own', () => {
    const a = listener('127.0.0.1', 3000, null, null);
    const b = listener('::1', 3000, null, null);
    const owners = new Owners([a, b]);
    expect(owners.of(a)).not.toBe(owners.of(b));
    expect(owners.isKnown(owners.of(a))).toBe(false);
  });

  test('an inode shared with a seen socket makes an unseen one part of that owner', () => {
    const seen = listener('0.0.0.0', 80, 10, 'nginx', { inode: 7 });
    const unseen = listener('::', 80, null, null, { inode: 7 });
    const owners = new Owners([unseen, seen]);
    expect(owners.of(unseen)).toBe(owners.of(seen));
    expect(owners.isKnown(owners.of(unseen))).toBe(true);
  });
});

describe('changesListeners', () => {
  const node = listener('127.0.0.1', 3000, 10, 'node');
  const conn = connection('127.0.0.1', 50_000, '127.0.0.1', 3000, 30, 'curl');
  const diff = (over: Partial<SnapshotDiff>): SnapshotDiff => ({
    added: [],
    removed: [],
    changed: [],
    ...over,
  });

  test('connections coming, going and changing leave the rules alone', () => {
    expect(changesListeners(diff({}))).toBe(false);
    expect(
      changesListeners(
        diff({
          added: [conn],
          removed: [conn],
          changed: [{ before: conn, after: { ...conn, pid: 31 } }],
        }),
      ),
    ).toBe(false);
  });

  test.each<[string, Partial<SnapshotDiff>]>([
    ['added', { added: [node] }],
    ['removed', { removed: [node] }],
    ['changed', { changed: [{ before: node, after: { ...node, pid: 11 } }] }],
    ['closed', { changed: [{ before: node, after: { ...node, state: 'CLOSE' } }] }],
    ['started listening', { changed: [{ before: { ...node, state: 'CLOSE' }, after: node }] }],
  ])('a listener %s needs them', (_, over) => {
    expect(changesListeners(diff(over))).toBe(true);
  });
});
