// Conflict rules over containers' ports: one container is one owner (its v4 and v6 forwarders, its
// NAT-published ports), conflicts name the container, and watches may expect `container:NAME`.
import { containerRef } from '../../../helpers/port-socket.js';
import { describe, expect, test } from 'vitest';
import { findConflicts } from '../../../../src-main/core/rules/conflicts.js';
import type { ContainerRef } from '../../../../src-main/domain/container.js';
import { listener, snapshotOf, watch } from './fixtures.js';

const DB: ContainerRef = containerRef();
const WEB: ContainerRef = { ...DB, id: 'e'.repeat(64), name: 'web', image: 'nginx:1.25' };

/** docker-proxy on 0.0.0.0 and on :: for one container: what `docker run -p 5432:5432` makes. */
function proxies(port: number, container: ContainerRef, pids: [number, number]) {
  return [
    listener('0.0.0.0', port, pids[0], 'docker-proxy', { container }),
    listener('::', port, pids[1], 'docker-proxy', { container }),
  ];
}

describe('one container is one owner', () => {
  test('its IPv4 and IPv6 forwarders are no shadowed or shared port', () => {
    expect(findConflicts(snapshotOf(proxies(5432, DB, [5040, 5041])))).toEqual([]);
  });

  test('a forwarder and a NAT-published entry of the same container are no conflict', () => {
    const nat = listener('::', 5432, null, null, {
      container: DB,
      published: 'engine',
      user: null,
    });
    const v4 = listener('0.0.0.0', 5432, 5040, 'docker-proxy', { container: DB });
    expect(findConflicts(snapshotOf([v4, nat]))).toEqual([]);
  });

  test('without containers known, the same two forwarders are still two owners (as before)', () => {
    const [v4, v6] = proxies(5432, DB, [5040, 5041]);
    const bare = [
      { ...v4!, container: null },
      { ...v6!, container: null },
    ];
    expect(findConflicts(snapshotOf(bare)).map((c) => c.kind)).toContain('shadowed');
  });
});

describe('conflicts name the container', () => {
  test('a container on 127.0.0.1 shadowed by a process on ::1', () => {
    const v4 = listener('127.0.0.1', 5432, 5040, 'docker-proxy', { container: DB });
    const node = listener('::1', 5432, 9, 'node');
    const [c] = findConflicts(snapshotOf([v4, node]));
    expect(c?.kind).toBe('shadowed');
    expect(c?.summary).toBe(
      '5432 · postgres (container db) via docker-proxy (PID 5040) on 127.0.0.1 · shadowed by node (PID 9) on ::1',
    );
    expect(c?.message).toContain('clients that prefer IPv6 (browsers, Node >= 17) get node');
    expect(c?.fix).toContain('docker stop db or kill 9');
  });

  test('two containers shadowing each other are named by container, stopped by engine command', () => {
    const a = listener('127.0.0.1', 8080, 5040, 'docker-proxy', { container: DB });
    const b = listener('::1', 8080, 6060, 'conmon', { container: { ...WEB, engine: 'podman' } });
    const [c] = findConflicts(snapshotOf([a, b]));
    expect(c?.message).toContain('get nginx (container web)');
    expect(c?.fix).toContain('docker stop db or podman stop web');
  });

  test('a NAT-published container beside a process on another address is named, not "unknown"', () => {
    const nat = listener('127.0.0.1', 5432, null, null, { container: DB, published: 'engine' });
    const node = listener('::1', 5432, 9, 'node');
    const [c] = findConflicts(snapshotOf([nat, node]));
    expect(c?.summary).toBe(
      '5432 · postgres (container db) on 127.0.0.1 · shadowed by node (PID 9) on ::1',
    );
    expect(c?.message).not.toContain('unknown process');
  });
});

describe('half-reachable', () => {
  test('a container published on 127.0.0.1 only: the command publishes its inside port on ::1 too', () => {
    const v4 = listener('127.0.0.1', 15432, 5040, 'docker-proxy', { container: DB });
    const [c] = findConflicts(snapshotOf([v4]));
    expect(c?.kind).toBe('half-reachable');
    expect(c?.summary).toBe(
      '15432 · postgres (container db) via docker-proxy (PID 5040) · only on 127.0.0.1, refused on ::1',
    );
    expect(c?.command).toBe('docker run -p 127.0.0.1:15432:5432 -p [::1]:15432:5432 …');
    expect(c?.fix).toBe(
      'Publish it on both loopback addresses: -p 127.0.0.1:15432:5432 and -p [::1]:15432:5432.',
    );
  });
});

describe('a watch that expects a container', () => {
  test('held by the expected container: nothing to report', () => {
    const sockets = proxies(5432, DB, [5040, 5041]);
    expect(findConflicts(snapshotOf(sockets), [watch('db', 5432, 'container:db')])).toEqual([]);
    expect(findConflicts(snapshotOf(sockets), [watch('db', 5432, 'image:postgres')])).toEqual([]);
  });

  test('held by a plain process: reported, with the container in words', () => {
    const node = listener('127.0.0.1', 5432, 9, 'node');
    const [c] = findConflicts(snapshotOf([node]), [watch('db', 5432, 'container:db')]);
    expect(c?.kind).toBe('unexpected-owner');
    expect(c?.summary).toBe('5432 · held by node (PID 9) · watch expects container db');
    expect(c?.message).toBe(
      'port 5432 is held by node (PID 9) but the watch expects container db.',
    );
    expect(c?.fix).toContain('expect node');
  });

  test('held by another container: reported; the fix offers to expect that one', () => {
    const [c] = findConflicts(snapshotOf(proxies(5432, WEB, [7070, 7071])), [
      watch('db', 5432, 'container:db'),
    ]);
    expect(c?.summary).toBe(
      '5432 · held by nginx (container web) via docker-proxy (PIDs 7070, 7071) · watch expects container db',
    );
    expect(c?.fix).toContain('stop it (docker stop web)');
    expect(c?.fix).toContain('update the watch to expect container:web');
  });

  test('a forwarder whose container is not known is not reported (the engine may be down)', () => {
    const bare = listener('127.0.0.1', 5432, 5040, 'docker-proxy');
    const found = findConflicts(snapshotOf([bare]), [watch('db', 5432, 'container:db')]);
    expect(found.map((c) => c.kind)).not.toContain('unexpected-owner');
  });

  test('a process expectation held by a container names the container', () => {
    const [c] = findConflicts(snapshotOf(proxies(5432, DB, [5040, 5041])), [
      watch('db', 5432, 'postgres'),
    ]);
    expect(c?.message).toBe(
      'port 5432 is held by postgres (container db) via docker-proxy (PIDs 5040, 5041) but the watch expects postgres.',
    );
  });
});
