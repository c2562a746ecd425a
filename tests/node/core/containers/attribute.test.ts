// Joining published ports to sockets: Docker (v4+v6 forwarders, loopback, UDP, DNAT), Podman (no IP), no engine.
import { describe, expect, test } from 'vitest';
import {
  attributeSockets,
  publishedEntry,
} from '../../../../src-main/core/containers/attribute.js';
import { sortSockets } from '../../../../src-main/domain/socket-order.js';
import type { PortSocket } from '../../../../src-main/domain/model.js';
import { connection, listener } from '../rules/fixtures.js';
import { containerRef, publishedPort } from './published-ports.js';

const proxy = (
  address: string,
  port: number,
  pid: number,
  extra: Partial<PortSocket> = {},
): PortSocket =>
  listener(address, port, pid, 'docker-proxy', {
    command: `/usr/sbin/docker-proxy -proto ${extra.protocol ?? 'tcp'} -host-ip ${address} -host-port ${port} -container-ip 172.17.0.3 -container-port 8080`,
    parent: 900,
    inode: pid * 10,
    ...extra,
  });

/** A list in the collector's order, as attribution receives it. */
const scene = (...sockets: PortSocket[]): PortSocket[] => sortSockets(sockets);

describe('attributeSockets', () => {
  test('Docker on all interfaces: the v4 and v6 docker-proxy both name the container', () => {
    const other = listener('127.0.0.1', 3000, 50, 'node');
    const sockets = scene(other, proxy('0.0.0.0', 18091, 11), proxy('::', 18091, 12));
    const ports = [publishedPort('db', '0.0.0.0', 18091), publishedPort('db', '::', 18091)];
    const out = attributeSockets(sockets, ports);
    expect(out).toHaveLength(3);
    expect(out.map((s) => s.container?.name ?? null)).toEqual([null, 'db', 'db']);
    expect(out[0]).toBe(other);
    expect(out.some((s) => s.published)).toBe(false);
    // The input list and its sockets are left as they were.
    expect(sockets.every((s) => s.container === undefined)).toBe(true);
  });

  test('a loopback publish matches 127.0.0.1 exactly, not another address of the port', () => {
    const web = proxy('127.0.0.1', 18090, 21);
    const stranger = listener('127.0.0.2', 18090, 22, 'docker-proxy');
    const out = attributeSockets(scene(web, stranger), [
      publishedPort('web', '127.0.0.1', 18090, { containerAddress: '172.17.0.2' }),
    ]);
    expect(out.find((s) => s.pid === 21)?.container?.name).toBe('web');
    expect(out.find((s) => s.pid === 22)?.container).toBeUndefined();
    expect(out).toHaveLength(2);
  });

  test('the engine spells an address its own way: normalized before matching', () => {
    const out = attributeSockets(scene(proxy('::1', 18095, 23)), [
      publishedPort('v6', '0:0:0:0:0:0:0:1', 18095),
    ]);
    expect(out).toHaveLength(1);
    expect(out[0]!.container?.name).toBe('v6');
  });

  test('Podman leaves the IP out (all interfaces): either wildcard matches, both families', () => {
    const v4 = listener('0.0.0.0', 18094, 31, 'conmon');
    const v6 = listener('::', 18094, 31, 'conmon');
    const loop = listener('127.0.0.1', 18094, 32, 'conmon');
    const out = attributeSockets(scene(v4, v6, loop), [
      publishedPort('pall', null, 18094, { containerAddress: '10.88.0.3' }),
    ]);
    expect(out.map((s) => [s.localAddress, s.container?.name ?? null])).toEqual([
      ['0.0.0.0', 'pall'],
      ['127.0.0.1', null],
      ['::', 'pall'],
    ]);
  });

  test('UDP joins UDP only: the bound socket gets the container, a TCP one on the port does not', () => {
    const udp = proxy('127.0.0.1', 18092, 41, { protocol: 'udp' });
    const tcp = proxy('127.0.0.1', 18092, 42);
    const dns = containerRef('dns', { protocol: 'udp', containerPort: 53 });
    const out = attributeSockets(scene(udp, tcp), [
      publishedPort('dns', '127.0.0.1', 18092, { protocol: 'udp', container: dns }),
    ]);
    expect(out.find((s) => s.protocol === 'udp')?.container).toEqual(dns);
    expect(out.find((s) => s.protocol === 'tcp')?.container).toBeUndefined();
  });

  test('an unseen holder (no PID: another user runs the proxy) gets the container', () => {
    const unseen = listener('0.0.0.0', 18091, null, null, { inode: 777 });
    const out = attributeSockets(scene(unseen), [publishedPort('db', '0.0.0.0', 18091)]);
    expect(out).toHaveLength(1);
    expect(out[0]!.container?.name).toBe('db');
  });

  test('a process that is no forwarder keeps its port; the engine entry is listed beside it', () => {
    const node = listener('0.0.0.0', 18091, 51, 'node');
    const out = attributeSockets(scene(node), [publishedPort('db', '0.0.0.0', 18091)]);
    expect(out).toHaveLength(2);
    expect(out.find((s) => s.pid === 51)?.container).toBeUndefined();
    expect(out.find((s) => s.published === 'engine')?.container?.name).toBe('db');
  });

  test('connections of a forwarder are not holders', () => {
    const conn = connection('127.0.0.1', 18090, '127.0.0.1', 50000, 21, 'docker-proxy');
    const out = attributeSockets(scene(conn), [publishedPort('web', '127.0.0.1', 18090)]);
    expect(out.find((s) => s.state === 'ESTABLISHED')?.container).toBeUndefined();
    expect(out.filter((s) => s.published === 'engine')).toHaveLength(1);
  });

  test('dockerd --userland-proxy=false: dockerd holds 0.0.0.0, the IPv6 publish is a DNAT-only entry in order', () => {
    const dockerd = listener('0.0.0.0', 18091, 900, 'dockerd', { inode: 9000 });
    const before = listener('::', 18000, 60, 'node');
    const after = listener('127.0.0.1', 18100, 61, 'node');
    const udpSame = listener('0.0.0.0', 18091, 62, 'node', { protocol: 'udp' });
    const out = attributeSockets(scene(before, dockerd, after, udpSame), [
      publishedPort('db', '0.0.0.0', 18091),
      publishedPort('db', '::', 18091),
    ]);
    expect(out).toHaveLength(5);
    expect(out).toEqual(sortSockets([...out]));
    const entry = out.find((s) => s.published === 'engine');
    expect(entry).toEqual({
      protocol: 'tcp',
      family: 6,
      localAddress: '::',
      localPort: 18091,
      remoteAddress: null,
      remotePort: null,
      state: 'LISTEN',
      pid: null,
      process: null,
      command: null,
      user: null,
      exposure: 'all-interfaces',
      inode: null,
      container: containerRef('db'),
      forwardsTo: { address: '172.17.0.3', port: 8080 },
      published: 'engine',
    });
    expect(out.find((s) => s.pid === 900)?.container?.name).toBe('db');
  });

  test("a publish no socket holds at all (another host's set-up): UDP entry, no address known", () => {
    const dns = containerRef('dns', { protocol: 'udp', containerPort: 53 });
    const out = attributeSockets(
      scene(listener('127.0.0.1', 53, 70, 'systemd-resolve', { protocol: 'udp' })),
      [
        publishedPort('dns', '127.0.0.1', 18092, {
          protocol: 'udp',
          container: dns,
          containerAddress: null,
        }),
      ],
    );
    expect(out).toHaveLength(2);
    expect(out[1]).toMatchObject({
      protocol: 'udp',
      localAddress: '127.0.0.1',
      localPort: 18092,
      state: 'UNCONN',
      exposure: 'loopback',
      forwardsTo: null,
      container: dns,
      published: 'engine',
    });
  });

  test('Podman without IP and no holder: one entry on 0.0.0.0; repeats of a publish listed once', () => {
    const port = publishedPort('pall', null, 18094, { containerAddress: '10.88.0.3' });
    const out = attributeSockets([], [port, { ...port }]);
    expect(out).toEqual([publishedEntry(port)]);
    expect(out[0]).toMatchObject({
      localAddress: '0.0.0.0',
      family: 4,
      exposure: 'all-interfaces',
    });
  });

  test("a forwarder on the other family's wildcard (dual-stack ::) holds the engine's 0.0.0.0", () => {
    const backend = listener('::', 18091, 80, 'com.docker.backend');
    const out = attributeSockets(scene(backend), [publishedPort('db', '0.0.0.0', 18091)]);
    expect(out).toHaveLength(1);
    expect(out[0]!.container?.name).toBe('db');
  });

  test('engine entries go where the collector would list them: first, between, beside, last', () => {
    const sockets = scene(
      listener('127.0.0.1', 100, 1, 'node'),
      listener('127.0.0.1', 200, 2, 'node'),
      listener('::1', 200, 3, 'node'),
      listener('127.0.0.1', 300, 4, 'node', { protocol: 'udp' }),
    );
    const out = attributeSockets(sockets, [
      publishedPort('a', '0.0.0.0', 400),
      publishedPort('b', '127.0.0.2', 200),
      publishedPort('c', '0.0.0.0', 50),
      publishedPort('d', '::', 200),
      publishedPort('e', '0.0.0.0', 300, { protocol: 'udp' }),
    ]);
    expect(out).toHaveLength(9);
    expect(out).toEqual(sortSockets([...out]));
    expect(
      out.map((s) => `${s.protocol} ${s.localAddress}:${s.localPort} ${s.pid ?? 'engine'}`),
    ).toEqual([
      'tcp 0.0.0.0:50 engine',
      'tcp 127.0.0.1:100 1',
      'tcp 127.0.0.1:200 2',
      'tcp 127.0.0.2:200 engine',
      'tcp :::200 engine',
      'tcp ::1:200 3',
      'tcp 0.0.0.0:400 engine',
      'udp 0.0.0.0:300 engine',
      'udp 127.0.0.1:300 4',
    ]);
  });

  test('no engine, or nothing published: the very same list', () => {
    const sockets = scene(proxy('0.0.0.0', 18091, 11));
    expect(attributeSockets(sockets, [])).toBe(sockets);
    expect(attributeSockets(sockets, [publishedPort('x', '0.0.0.0', 0)])).toBe(sockets);
  });
});
