import { describe, expect, test } from 'vitest';
import {
  conflictKey,
  diffConflicts,
  findConflicts,
} from '../../../../src-main/core/rules/conflicts.js';
import type { Conflict } from '../../../../src-main/domain/model.js';
import { listener, snapshotOf, watch } from './fixtures.js';

const kinds = (conflicts: Conflict[]) => conflicts.map((c) => `${c.kind}:${c.protocol}:${c.port}`);

describe('unexpected-owner', () => {
  const node = listener('127.0.0.1', 5432, 9, 'node');

  test('a local watch whose port is held by another process', () => {
    const [c] = findConflicts(snapshotOf([node]), [watch('db', 5432, 'postgres')]);
    expect(c?.kind).toBe('unexpected-owner');
    expect(c?.message).toBe('port 5432 is held by node (PID 9) but the watch expects postgres.');
    expect(c?.pids).toEqual([9]);
    expect(c?.fix).toContain('kill 9');
    expect(c?.fix).toContain('expect node');
    expect(conflictKey(c!)).toBe('unexpected-owner:tcp:5432:db');
  });

  test('matches the process name or the command base name, ignoring case', () => {
    const pg = listener('127.0.0.1', 5432, 9, 'postgres', {
      command: '/usr/lib/postgresql/16/bin/postgres -D /data',
    });
    // Without ::1 on this (imagined) machine: only the watch rule speaks.
    const noV6 = { ipv6Loopback: false };
    expect(findConflicts(snapshotOf([pg]), [watch('a', 5432, 'Postgres')], noV6)).toEqual([]);
    const truncated = listener('127.0.0.1', 9000, 3, 'my-very-long-na', {
      command: '/opt/bin/my-very-long-name --port 9000',
    });
    expect(
      findConflicts(snapshotOf([truncated]), [watch('b', 9000, 'my-very-long-name')], noV6),
    ).toEqual([]);
    // The kernel's 15-character name alone (no command line readable) is the expected one too, as
    // the watch's own events judge it: the rule and `watch --expect` agree.
    const cutOnly = listener('127.0.0.1', 9001, 4, 'my-very-long-na', { command: null });
    expect(
      findConflicts(snapshotOf([cutOnly]), [watch('c', 9001, 'my-very-long-name')], noV6),
    ).toEqual([]);
  });

  test('remote watches, watches without expect and unseen owners raise nothing', () => {
    const unseen = listener('127.0.0.1', 5432, null, null);
    const snap = snapshotOf([node, listener('0.0.0.0', 6000, null, null)]);
    expect(
      findConflicts(snap, [watch('r', 5432, 'postgres', 'db.local'), watch('n', 5432, null)], {
        ipv6Loopback: false,
      }),
    ).toEqual([]);
    expect(
      findConflicts(snapshotOf([unseen]), [watch('u', 5432, 'postgres')], {
        ipv6Loopback: false,
      }),
    ).toEqual([]);
  });

  test.each(['localhost', '127.0.0.1', 'LOCALHOST', '[::1]'])('host %s counts as local', (host) => {
    const snap = snapshotOf([node, listener('::1', 5432, 9, 'node')]);
    expect(kinds(findConflicts(snap, [watch('w', 5432, 'postgres', host)]))).toEqual([
      'unexpected-owner:tcp:5432',
    ]);
  });

  test('a loopback host checks only the listener that answers it', () => {
    const snap = snapshotOf([
      listener('127.0.0.1', 5432, 1, 'postgres'),
      listener('::1', 5432, 9, 'node'),
    ]);
    expect(kinds(findConflicts(snap, [watch('w4', 5432, 'postgres', '127.0.0.1')]))).toEqual([
      'shadowed:tcp:5432',
    ]);
    const v6 = findConflicts(snap, [watch('w6', 5432, 'postgres', '::1')]);
    expect(kinds(v6)).toEqual(['shadowed:tcp:5432', 'unexpected-owner:tcp:5432']);
    expect(v6[1]?.message).toContain('(postgres itself listens on');
  });

  test('a port with no TCP listener is checked over UDP', () => {
    const snap = snapshotOf([listener('127.0.0.1', 53, 4, 'dnsmasq', { protocol: 'udp' })]);
    const [c] = findConflicts(snap, [watch('dns', 53, 'unbound')]);
    expect(c?.protocol).toBe('udp');
    expect(c?.message).toContain('port 53 (UDP) is held by dnsmasq (PID 4)');
  });

  test('the watch label is used when it has one', () => {
    const [c] = findConflicts(snapshotOf([node]), [
      { ...watch('db', 5432, 'postgres'), label: 'Main DB' },
    ]);
    expect(c?.message).toContain('the watch "Main DB" expects postgres');
  });
});

describe('findConflicts output', () => {
  const snap = snapshotOf([
    listener('127.0.0.1', 9000, 1, 'a'),
    listener('::1', 9000, 2, 'b'),
    listener('0.0.0.0', 9000, 3, 'c', { inode: 30 }),
    listener('0.0.0.0', 9000, 4, 'd', { inode: 40 }),
    listener('0.0.0.0', 53, 5, 'e', { protocol: 'udp' }),
    listener('0.0.0.0', 53, 6, 'f', { protocol: 'udp' }),
  ]);
  const watches = [watch('z', 9000, 'x'), watch('y', 9000, 'x')];

  test('is sorted by port, then kind', () => {
    expect(findConflicts(snap, watches).map((c) => conflictKey(c))).toEqual([
      'shared-port:udp:53',
      'shared-port:tcp:9000',
      'shadowed:tcp:9000',
      'unexpected-owner:tcp:9000:y',
      'unexpected-owner:tcp:9000:z',
    ]);
  });

  test('does not depend on socket or watch order', () => {
    const reversed = snapshotOf([...snap.sockets].reverse());
    expect(findConflicts(reversed, [...watches].reverse())).toEqual(findConflicts(snap, watches));
  });

  test('pids are distinct and sorted', () => {
    for (const c of findConflicts(snap, watches)) {
      expect(c.pids).toEqual([...new Set(c.pids)].sort((x, y) => x - y));
    }
  });
});

describe('diffConflicts', () => {
  const split = snapshotOf([
    listener('127.0.0.1', 3000, 1, 'node'),
    listener('::1', 3000, 2, 'python3'),
  ]);
  const shared = snapshotOf([
    listener('0.0.0.0', 8080, 1, 'node', { inode: 1 }),
    listener('0.0.0.0', 8080, 2, 'ruby', { inode: 2 }),
  ]);

  test('reports what appeared and what was resolved', () => {
    const before = findConflicts(split);
    const after = findConflicts(shared);
    const d = diffConflicts(before, after);
    expect(d.appeared.map(conflictKey)).toEqual(['shared-port:tcp:8080']);
    expect(d.resolved.map(conflictKey)).toEqual(['shadowed:tcp:3000']);
  });

  test('the same conflict with a new pid has changed: neither appeared nor resolved', () => {
    const moved = snapshotOf([
      listener('127.0.0.1', 3000, 1, 'node'),
      listener('::1', 3000, 77, 'python3'),
    ]);
    const after = findConflicts(moved);
    const d = diffConflicts(findConflicts(split), after);
    expect(d).toEqual({ appeared: [], resolved: [], changed: after });
    expect(d.changed[0]?.message).toContain('PID 77');
  });

  test('a renamed process or a changed socket field is a change; equal copies are not', () => {
    const renamed = snapshotOf([
      listener('127.0.0.1', 3000, 1, 'node'),
      listener('::1', 3000, 2, 'uvicorn'),
    ]);
    expect(diffConflicts(findConflicts(split), findConflicts(renamed)).changed).toHaveLength(1);
    const userChanged = snapshotOf([
      listener('127.0.0.1', 3000, 1, 'node'),
      listener('::1', 3000, 2, 'python3', { user: 'root' }),
    ]);
    const d = diffConflicts(findConflicts(split), findConflicts(userChanged));
    expect(d.changed.map(conflictKey)).toEqual(['shadowed:tcp:3000']);
    // Found again from equal (not identical) sockets: nothing to tell.
    expect(diffConflicts(findConflicts(split), findConflicts(structuredClone(split)))).toEqual({
      appeared: [],
      resolved: [],
      changed: [],
    });
  });

  test("a watch's changed expectation changes its conflict's text under the same key", () => {
    const node = snapshotOf([listener('127.0.0.1', 5432, 9, 'node')]);
    const d = diffConflicts(
      findConflicts(node, [watch('a', 5432, 'postgres')]),
      findConflicts(node, [watch('a', 5432, 'mysqld')]),
    );
    expect(d.appeared).toEqual([]);
    expect(d.changed.map(conflictKey)).toEqual(['unexpected-owner:tcp:5432:a']);
    expect(d.changed[0]?.message).toContain('mysqld');
  });

  test('watches on one port stay apart', () => {
    const node = snapshotOf([listener('127.0.0.1', 5432, 9, 'node')]);
    const one = findConflicts(node, [watch('a', 5432, 'postgres')]);
    const two = findConflicts(node, [watch('a', 5432, 'postgres'), watch('b', 5432, 'postgres')]);
    expect(diffConflicts(one, two).appeared.map(conflictKey)).toEqual([
      'unexpected-owner:tcp:5432:b',
    ]);
  });
});
