// The conflict rules over attributed sockets: one container on both families is one owner, not a
// shadowing; an engine entry next to a real rival is still a conflict, and names the container.
import { describe, expect, test } from 'vitest';
import { attributeSockets } from '../../../../src-main/core/containers/attribute.js';
import { findConflicts } from '../../../../src-main/core/rules/conflicts.js';
import { Owners } from '../../../../src-main/core/rules/owner-partition.js';
import { diffSnapshots } from '../../../../src-main/domain/diff.js';
import type { PortSocket } from '../../../../src-main/domain/model.js';
import { sortSockets } from '../../../../src-main/domain/socket-order.js';
import { listener, snapshotOf } from '../rules/fixtures.js';
import { containerRef, publishedPort } from './published-ports.js';

const kinds = (sockets: PortSocket[]): string[] =>
  findConflicts(snapshotOf(sockets), [], { ipv6Loopback: true }).map((c) => c.kind);

const attributed = (sockets: PortSocket[], ...ports: Parameters<typeof publishedPort>[]) =>
  attributeSockets(
    sortSockets(sockets),
    ports.map((args) => publishedPort(...args)),
  );

describe('rules over containers', () => {
  test('dockerd on 0.0.0.0 and the DNAT-only :: entry of its container: no conflict', () => {
    const dockerd = listener('0.0.0.0', 18091, 900, 'dockerd', { inode: 9000 });
    const sockets = attributed([dockerd], ['db', '0.0.0.0', 18091], ['db', '::', 18091]);
    expect(sockets).toHaveLength(2);
    expect(kinds(sockets)).toEqual([]);
    // Without the container the same two sockets read as two owners (what the change avoids).
    const bare = sockets.map((s) => ({ ...s, container: null }));
    expect(kinds(bare)).toEqual(['shadowed']);
  });

  test("Docker's v4 and v6 docker-proxy of one container are one owner", () => {
    const v4 = listener('0.0.0.0', 18091, 11, 'docker-proxy', { inode: 110, parent: 900 });
    const v6 = listener('::', 18091, 12, 'docker-proxy', { inode: 120, parent: 900 });
    expect(kinds([v4, v6])).toEqual(['shadowed']);
    expect(kinds(attributed([v4, v6], ['db', '0.0.0.0', 18091], ['db', '::', 18091]))).toEqual([]);
  });

  test('with no engine, forwarders of one parent sending to one target are one owner', () => {
    const target = { address: '172.17.0.3', port: 8080 };
    const v4 = listener('0.0.0.0', 18091, 11, 'docker-proxy', { inode: 110, parent: 900 });
    const v6 = listener('::', 18091, 12, 'docker-proxy', { inode: 120, parent: 900 });
    expect(
      kinds([
        { ...v4, forwardsTo: target },
        { ...v6, forwardsTo: target },
      ]),
    ).toEqual([]);
    // Another parent, or another target: two servers as far as anyone can tell.
    const orphan = { ...v6, forwardsTo: target, parent: 1 };
    expect(kinds([{ ...v4, forwardsTo: target }, orphan])).toEqual(['shadowed']);
    const elsewhere = { ...v6, forwardsTo: { ...target, port: 8081 } };
    expect(kinds([{ ...v4, forwardsTo: target }, elsewhere])).toEqual(['shadowed']);
  });

  test('two proxies of different containers on one port still conflict', () => {
    const v4 = listener('127.0.0.1', 18091, 11, 'docker-proxy', { inode: 110 });
    const v6 = listener('::1', 18091, 12, 'docker-proxy', { inode: 120 });
    const sockets = attributed([v4, v6], ['a', '127.0.0.1', 18091], ['b', '::1', 18091]);
    expect(kinds(sockets)).toEqual(['shadowed']);
  });

  test('a real process beside a DNAT-only entry: a conflict that names the container', () => {
    const node = listener('127.0.0.1', 18090, 4121, 'node', { inode: 1 });
    const sockets = attributed([node], ['web', '0.0.0.0', 18090]);
    const [conflict, ...rest] = findConflicts(snapshotOf(sockets), [], { ipv6Loopback: true });
    expect(rest).toEqual([]);
    expect(conflict?.kind).toBe('shadowed');
    expect(conflict?.message).toContain('porthole-test (container web) also listens on 0.0.0.0');
    expect(conflict?.message).not.toContain('no permission');
    expect(conflict?.fix).toContain('kill 4121 or docker stop web');
  });

  test('two containers published by DNAT only, one per loopback family: rivals', () => {
    const sockets = attributed([], ['a', '127.0.0.1', 18093], ['b', '::1', 18093]);
    const [conflict] = findConflicts(snapshotOf(sockets), [], { ipv6Loopback: true });
    expect(conflict?.kind).toBe('shadowed');
    expect(conflict?.summary).toContain('porthole-test (container a)');
    expect(conflict?.summary).toContain('porthole-test (container b)');
  });

  test('unseen holders of one container (another user runs docker-proxy) are one owner', () => {
    const v4 = listener('127.0.0.1', 18094, null, null, { inode: 1 });
    const v6 = listener('::1', 18094, null, null, { inode: 2 });
    const sockets = attributed([v4, v6], ['p', '127.0.0.1', 18094], ['p', '::1', 18094]);
    expect(sockets.filter((s) => s.container)).toHaveLength(2);
    const owners = new Owners(sockets);
    expect(owners.of(sockets[0]!)).toBe(owners.of(sockets[1]!));
    expect(owners.isKnown(owners.of(sockets[0]!))).toBe(true);
    expect(kinds(sockets)).toEqual([]);
  });

  test('a snapshot diff sees a container, a forward target or an engine entry come', () => {
    const proxy = listener('0.0.0.0', 18091, 11, 'docker-proxy', { inode: 110 });
    const before = snapshotOf([proxy]);
    const withContainer = snapshotOf([{ ...proxy, container: containerRef('db') }]);
    expect(diffSnapshots(before, withContainer).changed).toHaveLength(1);
    const withTarget = snapshotOf([
      { ...proxy, forwardsTo: { address: '172.17.0.3', port: 8080 } },
    ]);
    expect(diffSnapshots(before, withTarget).changed).toHaveLength(1);
    const renamed = snapshotOf([{ ...proxy, container: containerRef('db', { name: 'db2' }) }]);
    expect(diffSnapshots(withContainer, renamed).changed).toHaveLength(1);
    const same = snapshotOf([{ ...proxy, container: containerRef('db') }]);
    expect(diffSnapshots(withContainer, same).changed).toHaveLength(0);
    expect(
      diffSnapshots(before, snapshotOf([{ ...proxy, published: 'engine' }])).changed,
    ).toHaveLength(1);
  });
});
