// The container decorator over a scripted collector: forward targets, containers, engines, the
// steady tick's identity, asking the engines again when forwarders come or go, and the wiring.
import { afterEach, describe, expect, test } from 'vitest';
import {
  ContainerCollector,
  containersEnabled,
  createCollector,
  withContainers,
} from '../../../../src-main/core/collector/index.js';
import type { Collector } from '../../../../src-main/core/collector/collector.js';
import { InputError } from '../../../../src-main/core/errors.js';
import type { PortSocket, Snapshot } from '../../../../src-main/domain/model.js';
import { sortSockets } from '../../../../src-main/domain/socket-order.js';
import { listener } from '../rules/fixtures.js';
import { publishedPort } from '../containers/published-ports.js';
import { DOCKER_AVAILABLE, FakeContainerSource } from './fake-container-source.js';

const saved = process.env.PORTHOLE_CONTAINERS;
afterEach(() => {
  if (saved === undefined) delete process.env.PORTHOLE_CONTAINERS;
  else process.env.PORTHOLE_CONTAINERS = saved;
});

/** A collector that hands back the list it is given, the same array object until told otherwise. */
class ScriptedCollector implements Collector {
  readonly source = 'proc' as const;
  calls = 0;
  constructor(public sockets: PortSocket[]) {}
  snapshot(): Promise<Snapshot> {
    this.calls += 1;
    return Promise.resolve({
      takenAt: this.calls,
      sockets: this.sockets,
      unattributed: 0,
      source: 'proc',
      warnings: ['inner warning'],
    });
  }
}

const proxy = (address: string, port: number, pid: number): PortSocket =>
  listener(address, port, pid, 'docker-proxy', {
    command: `/usr/sbin/docker-proxy -proto tcp -host-ip ${address} -host-port ${port} -container-ip 172.17.0.2 -container-port 8080`,
    inode: pid,
  });

const node = listener('127.0.0.1', 3000, 4121, 'node', { inode: 1 });

describe('ContainerCollector', () => {
  test('no engine: forwarders get their target, nothing else changes, no engines field', async () => {
    const inner = new ScriptedCollector(sortSockets([node, proxy('127.0.0.1', 18090, 11)]));
    const snap = await withContainers(inner, null).snapshot();
    expect(snap.engines).toBeUndefined();
    expect(snap.warnings).toEqual(['inner warning']);
    expect(snap.sockets[0]).toBe(node);
    expect(snap.sockets[1]).toMatchObject({
      pid: 11,
      forwardsTo: { address: '172.17.0.2', port: 8080 },
    });
    expect(snap.sockets[1]!.container).toBeUndefined();
    expect(inner.sockets[1]!.forwardsTo).toBeUndefined();
  });

  test('a list without forwarders and nothing published comes back as the very same array', async () => {
    const inner = new ScriptedCollector([node]);
    const snap = await withContainers(inner, new FakeContainerSource()).snapshot();
    expect(snap.sockets).toBe(inner.sockets);
    expect(snap.engines).toEqual([DOCKER_AVAILABLE]);
  });

  test('with a source: the container on its forwarder, DNAT-only entries, the engines', async () => {
    const inner = new ScriptedCollector(sortSockets([node, proxy('0.0.0.0', 18091, 11)]));
    const source = new FakeContainerSource([
      publishedPort('db', '0.0.0.0', 18091),
      publishedPort('db', '::', 18091),
    ]);
    const snap = await withContainers(inner, source).snapshot();
    expect(snap.sockets.map((s) => [s.localAddress, s.pid, s.container?.name ?? null])).toEqual([
      ['127.0.0.1', 4121, null],
      ['0.0.0.0', 11, 'db'],
      ['::', null, 'db'],
    ]);
    expect(snap.sockets[1]!.forwardsTo).toEqual({ address: '172.17.0.2', port: 8080 });
    expect(snap.sockets[2]!.published).toBe('engine');
    expect(snap.engines).toEqual([DOCKER_AVAILABLE]);
    expect(snap.takenAt).toBe(1);
  });

  test('a steady tick (same list, same published result) returns the same enriched array', async () => {
    const inner = new ScriptedCollector(sortSockets([node, proxy('0.0.0.0', 18091, 11)]));
    const source = new FakeContainerSource([publishedPort('db', '0.0.0.0', 18091)]);
    const collector = withContainers(inner, source);
    const first = await collector.snapshot();
    const second = await collector.snapshot();
    expect(second.sockets).toBe(first.sockets);
    expect(second.takenAt).toBe(2);
    expect(source.publishedCalls).toBe(2);
    expect(source.invalidations).toBe(0);

    // The engine's answer changed (a new result object): attribution runs again on the same list.
    source.publish([publishedPort('cache', '0.0.0.0', 18091)]);
    const third = await collector.snapshot();
    expect(third.sockets).not.toBe(first.sockets);
    expect(third.sockets[1]!.container?.name).toBe('cache');
    expect(third.sockets[1]!.forwardsTo).toEqual({ address: '172.17.0.2', port: 8080 });

    // The collector read the tables again (a new list): the new list is enriched.
    inner.sockets = [...inner.sockets];
    const fourth = await collector.snapshot();
    expect(fourth.sockets).not.toBe(third.sockets);
    expect(fourth.sockets).toEqual(third.sockets);
  });

  test('the forwarder PIDs changed: the source is invalidated before it is asked', async () => {
    const inner = new ScriptedCollector(sortSockets([node, proxy('0.0.0.0', 18091, 11)]));
    const source = new FakeContainerSource();
    const collector = withContainers(inner, source);
    await collector.snapshot();
    // A new list with the same forwarders (a connection came): no need to ask again.
    inner.sockets = sortSockets([...inner.sockets, listener('127.0.0.1', 4000, 4121, 'node')]);
    await collector.snapshot();
    expect(source.invalidations).toBe(0);
    // A new docker-proxy: the container list may be stale.
    inner.sockets = sortSockets([...inner.sockets, proxy('0.0.0.0', 18092, 12)]);
    await collector.snapshot();
    expect(source.calls.filter((c) => c !== 'prepare').slice(-2)).toEqual([
      'invalidate',
      'published',
    ]);
    // One went away.
    inner.sockets = inner.sockets.filter((s) => s.pid !== 11);
    await collector.snapshot();
    expect(source.invalidations).toBe(2);
    // The same list again: nothing to notice.
    await collector.snapshot();
    expect(source.invalidations).toBe(2);
  });

  test('finding the engines starts before the sockets are read; asking them comes after', async () => {
    const source = new FakeContainerSource();
    const inner = new ScriptedCollector([proxy('0.0.0.0', 18091, 11)]);
    const read = inner.snapshot.bind(inner);
    inner.snapshot = () => {
      source.calls.push('read');
      return read();
    };
    await withContainers(inner, source).snapshot();
    expect(source.calls).toEqual(['prepare', 'read', 'published']);
  });

  test('a source that throws (against its contract) leaves a warning, not a failed snapshot', async () => {
    const inner = new ScriptedCollector([proxy('127.0.0.1', 18090, 11)]);
    const source = new FakeContainerSource();
    source.published = () => Promise.reject(new Error('boom'));
    const snap = await withContainers(inner, source).snapshot();
    expect(snap.warnings).toEqual(['inner warning', 'Container engines could not be asked: boom']);
    expect(snap.engines).toEqual([]);
    expect(snap.sockets[0]!.forwardsTo).toEqual({ address: '172.17.0.2', port: 8080 });
  });

  test('snapshots run one at a time, in order', async () => {
    const inner = new ScriptedCollector([node]);
    const collector = withContainers(inner, new FakeContainerSource());
    const [a, b] = await Promise.all([collector.snapshot(), collector.snapshot()]);
    expect([a.takenAt, b.takenAt]).toEqual([1, 2]);
  });
});

describe('createCollector and PORTHOLE_CONTAINERS', () => {
  test('both sources go through the decorator, with the source given', async () => {
    delete process.env.PORTHOLE_CONTAINERS;
    for (const name of ['proc', 'systeminformation'] as const) {
      const collector = createCollector({ source: name });
      expect(collector).toBeInstanceOf(ContainerCollector);
      expect(collector.source).toBe(name);
    }
    const source = new FakeContainerSource();
    const snap = await createCollector({ source: 'proc', containers: source }).snapshot();
    expect(source.publishedCalls).toBe(1);
    expect(snap.engines).toEqual([DOCKER_AVAILABLE]);
  });

  test('off asks no engine; bad values are an InputError', async () => {
    process.env.PORTHOLE_CONTAINERS = 'off';
    const source = new FakeContainerSource();
    const snap = await createCollector({ source: 'proc', containers: source }).snapshot();
    expect(source.publishedCalls).toBe(0);
    expect(snap.engines).toBeUndefined();
    process.env.PORTHOLE_CONTAINERS = 'maybe';
    expect(() => createCollector({ source: 'proc' })).toThrow(InputError);
    expect(() => containersEnabled('maybe')).toThrow(
      /PORTHOLE_CONTAINERS must be one of auto, on, off/,
    );
    expect([undefined, '', ' On ', 'auto'].map((v) => containersEnabled(v))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(containersEnabled('OFF')).toBe(false);
  });
});
