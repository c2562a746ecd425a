import { describe, expect, test } from 'vitest';
import { findConflicts, localhostOwners } from '../../../../src-main/core/rules/conflicts.js';
import type { Conflict } from '../../../../src-main/domain/model.js';
import { connection, listener, snapshotOf } from './fixtures.js';

const kinds = (conflicts: Conflict[]) => conflicts.map((c) => `${c.kind}:${c.protocol}:${c.port}`);

describe('shared-port', () => {
  test('two processes on the same address and port conflict', () => {
    const snap = snapshotOf([
      listener('0.0.0.0', 8080, 200, 'python3', { inode: 2 }),
      listener('0.0.0.0', 8080, 100, 'node', { inode: 1 }),
    ]);
    const [c, ...rest] = findConflicts(snap);
    expect(rest).toEqual([]);
    expect(c?.kind).toBe('shared-port');
    expect(c?.pids).toEqual([100, 200]);
    expect(c?.sockets).toHaveLength(2);
    expect(c?.message).toContain('node (PID 100)');
    expect(c?.message).toContain('python3 (PID 200)');
    expect(c?.message).toContain('0.0.0.0:8080');
    expect(c?.fix).toContain('kill 100');
  });

  test('UDP sockets sharing a port say so', () => {
    const snap = snapshotOf([
      listener('0.0.0.0', 5353, 1, 'avahi-daemon', { protocol: 'udp' }),
      listener('0.0.0.0', 5353, 2, 'chrome', { protocol: 'udp' }),
    ]);
    const [c] = findConflicts(snap);
    expect(c?.protocol).toBe('udp');
    expect(c?.message).toContain('0.0.0.0:5353 (UDP)');
    expect(c?.message).toContain('datagram');
  });

  test('forked workers sharing one socket (same inode) are not a conflict', () => {
    const snap = snapshotOf([
      listener('0.0.0.0', 80, 10, 'nginx', { inode: 5 }),
      listener('0.0.0.0', 80, 11, 'nginx', { inode: 5 }),
      listener('0.0.0.0', 80, 12, 'nginx', { inode: 5 }),
    ]);
    expect(findConflicts(snap)).toEqual([]);
  });

  test('one socket listing several pids is not a conflict', () => {
    const snap = snapshotOf([listener('0.0.0.0', 8000, 10, 'gunicorn', { pids: [10, 11, 12] })]);
    expect(findConflicts(snap)).toEqual([]);
  });

  test('SO_REUSEPORT sockets of workers that share another socket are one server', () => {
    const snap = snapshotOf([
      listener('0.0.0.0', 80, 10, 'nginx', { inode: 1, pids: [10, 11] }),
      listener('0.0.0.0', 80, 10, 'nginx', { inode: 2, pids: [10, 12] }),
      listener('0.0.0.0', 80, 10, 'nginx', { inode: 3, pids: [10, 13] }),
    ]);
    expect(findConflicts(snap)).toEqual([]);
  });

  test('two sockets of the same pid on one address are not a conflict', () => {
    const snap = snapshotOf([
      listener('0.0.0.0', 5353, 7, 'avahi', { protocol: 'udp', inode: 1 }),
      listener('0.0.0.0', 5353, 7, 'avahi', { protocol: 'udp', inode: 2 }),
    ]);
    expect(findConflicts(snap)).toEqual([]);
  });

  test('a seen process next to an unseen one conflicts; two unseen ones cannot be told apart', () => {
    const seen = findConflicts(
      snapshotOf([
        listener('0.0.0.0', 9000, 5, 'node', { inode: 1 }),
        listener('0.0.0.0', 9000, null, null, { inode: 2, unattributedCause: 'other-user' }),
      ]),
    );
    expect(kinds(seen)).toEqual(['shared-port:tcp:9000']);
    // The unseen one is named by why it is unseen.
    expect(seen[0]?.message).toContain('another user’s process (sudo would name it)');
    expect(seen[0]?.pids).toEqual([5]);
    const unseen = findConflicts(
      snapshotOf([
        listener('0.0.0.0', 9000, null, null, { inode: 1 }),
        listener('0.0.0.0', 9000, null, null, { inode: 2 }),
      ]),
    );
    expect(unseen).toEqual([]);
  });

  test('connections on the port do not count', () => {
    const snap = snapshotOf([
      listener('127.0.0.1', 3000, 10, 'node'),
      connection('127.0.0.1', 3000, '127.0.0.1', 50000, 10, 'node'),
      connection('127.0.0.1', 50000, '127.0.0.1', 3000, 99, 'curl'),
    ]);
    // On a machine without ::1, so the half-reachable hint stays out of a shared-port test.
    expect(findConflicts(snap, [], { ipv6Loopback: false })).toEqual([]);
    expect(findConflicts(snap, [], { ipv6Loopback: true }).map((c) => c.kind)).toEqual([
      'half-reachable',
    ]);
  });
});

describe('localhostOwners', () => {
  const v4 = listener('127.0.0.1', 3000, 1, 'exact4');
  const any4 = listener('0.0.0.0', 3000, 2, 'any4');
  const v6 = listener('::1', 3000, 3, 'exact6');
  const any6 = listener('::', 3000, 4, 'any6');

  test.each([
    ['all four', [v4, any4, v6, any6], 'exact4', 'exact6'],
    ['wildcards only', [any4, any6], 'any4', 'any6'],
    ['dual-stack :: answers IPv4 when nothing else does', [any6], 'any6', 'any6'],
    ['127.0.0.1 only', [v4], 'exact4', null],
    ['::1 only', [v6], null, 'exact6'],
    ['0.0.0.0 and ::1', [any4, v6], 'any4', 'exact6'],
  ] as const)('%s', (_name, sockets, ipv4, ipv6) => {
    const owners = localhostOwners(snapshotOf([...sockets]), 'tcp', 3000);
    expect(owners.v4?.process ?? null).toBe(ipv4);
    expect(owners.v6?.process ?? null).toBe(ipv6);
  });

  test('other protocols, ports, other addresses and connections are ignored', () => {
    const owners = localhostOwners(
      snapshotOf([
        listener('127.0.0.1', 3000, 1, 'dns', { protocol: 'udp' }),
        listener('127.0.0.1', 3001, 2, 'other'),
        listener('192.168.1.5', 3000, 3, 'lan'),
        connection('127.0.0.1', 3000, '127.0.0.1', 40000, 4, 'client'),
      ]),
      'tcp',
      3000,
    );
    expect(owners).toEqual({ v4: null, v6: null });
  });
});

describe('shadowed', () => {
  test.each([
    ['127.0.0.1', '::1'],
    ['127.0.0.1', '::'],
    ['0.0.0.0', '::1'],
  ])('%s vs %s splits localhost between two processes', (a, b) => {
    const snap = snapshotOf([listener(a, 3000, 4121, 'node'), listener(b, 3000, 4200, 'python3')]);
    const conflicts = findConflicts(snap);
    expect(kinds(conflicts)).toEqual(['shadowed:tcp:3000']);
    const c = conflicts[0]!;
    expect(c.pids).toEqual([4121, 4200]);
    expect(c.message).toBe(
      `localhost:3000 reaches node (PID 4121) on ${a} over IPv4 but python3 (PID 4200) on ${b} over IPv6; ` +
        'clients that prefer IPv6 (browsers, Node >= 17) get python3.',
    );
    expect(c.fix).toContain('kill 4121');
    expect(c.fix).toContain('kill 4200');
  });

  test('names each family right when IPv6 is the first socket', () => {
    const snap = snapshotOf([
      listener('::1', 5173, 7, 'vite'),
      listener('127.0.0.1', 5173, 8, 'docker-proxy'),
    ]);
    const [c] = findConflicts(snap);
    expect(c?.message).toContain(
      'docker-proxy (PID 8) on 127.0.0.1 over IPv4 but vite (PID 7) on ::1 over IPv6',
    );
    expect(c?.message).toContain('get vite.');
  });

  test('an unseen process on one family is named as unknown, or by why it is unseen', () => {
    const snap = snapshotOf([
      listener('127.0.0.1', 5432, null, null),
      listener('::1', 5432, 9, 'node'),
    ]);
    const [c] = findConflicts(snap);
    expect(c?.kind).toBe('shadowed');
    expect(c?.message).toContain('reaches an unknown process on 127.0.0.1 over IPv4');
    expect(c?.pids).toEqual([9]);
    const refused = findConflicts(
      snapshotOf([
        listener('127.0.0.1', 5432, null, null, { unattributedCause: 'refused' }),
        listener('::1', 5432, 9, 'node'),
      ]),
    );
    expect(refused[0]?.message).toContain(
      'reaches a process that refuses inspection on 127.0.0.1 over IPv4',
    );
  });

  test('a specific bind hides a wildcard one', () => {
    const snap = snapshotOf([
      listener('0.0.0.0', 8080, 10, 'nginx'),
      listener('127.0.0.1', 8080, 20, 'node'),
    ]);
    const [c, ...rest] = findConflicts(snap);
    expect(rest).toEqual([]);
    expect(c?.kind).toBe('shadowed');
    expect(c?.message).toContain(
      'localhost:8080 reaches node (PID 20) on 127.0.0.1, so local clients get node',
    );
    expect(c?.message).toContain('nginx (PID 10) also listens on 0.0.0.0');
    expect(c?.pids).toEqual([10, 20]);
  });

  test('a network address held by another process says who local clients get', () => {
    const snap = snapshotOf([
      listener('127.0.0.1', 3000, 1, 'node'),
      listener('192.168.1.5', 3000, 2, 'ruby'),
    ]);
    const [c] = findConflicts(snap);
    expect(c?.kind).toBe('shadowed');
    expect(c?.message).toContain('local clients get node');
    expect(c?.message).toContain(
      'ruby (PID 2) also listens on 192.168.1.5 and gets the clients that connect to 192.168.1.5',
    );
  });

  test('the same process on 127.0.0.1 and ::1 is fine', () => {
    const snap = snapshotOf([
      listener('127.0.0.1', 3000, 10, 'node'),
      listener('::1', 3000, 10, 'node'),
    ]);
    expect(findConflicts(snap)).toEqual([]);
  });

  test('forked workers on both families are one server', () => {
    const snap = snapshotOf([
      listener('0.0.0.0', 80, 10, 'nginx', { pids: [10, 11] }),
      listener('::', 80, 11, 'nginx', { pids: [11, 12] }),
    ]);
    expect(findConflicts(snap)).toEqual([]);
  });

  test('addresses no localhost client reaches are left alone', () => {
    const snap = snapshotOf([
      listener('127.0.0.53', 53, 1, 'systemd-resolve', { protocol: 'udp' }),
      listener('192.168.122.1', 53, 2, 'dnsmasq', { protocol: 'udp' }),
    ]);
    expect(findConflicts(snap)).toEqual([]);
  });

  test('UDP is checked on its own', () => {
    const snap = snapshotOf([
      listener('127.0.0.1', 3000, 1, 'node'),
      listener('::1', 3000, 2, 'dns', { protocol: 'udp' }),
    ]);
    expect(findConflicts(snap, [], { ipv6Loopback: false })).toEqual([]);
    // A UDP listener on ::1 does not make the TCP one reachable over IPv6.
    expect(findConflicts(snap, [], { ipv6Loopback: true }).map((c) => c.kind)).toEqual([
      'half-reachable',
    ]);
  });
});
