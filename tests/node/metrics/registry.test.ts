// The metrics registry over a real Monitor fed recorded snapshots and probe answers: every metric's
// name, labels and value, what stays absent, and that no command line reaches a label.
import { afterEach, describe, expect, test } from 'vitest';
import type { Collector } from '../../../src-main/core/collector/index.js';
import { CollectorError } from '../../../src-main/core/errors.js';
import { Monitor } from '../../../src-main/core/monitor/monitor.js';
import { findConflicts } from '../../../src-main/core/rules/conflicts.js';
import type { Probe } from '../../../src-main/core/watches/prober.js';
import { createWatchSpec } from '../../../src-main/core/watches/watch-spec.js';
import type { PortSocket, Snapshot, WatchEvent } from '../../../src-main/domain/model.js';
import { PortholeMetrics } from '../../../src-main/metrics/registry.js';
import { portSocket } from '../../helpers/port-socket.js';
import { parseSamples, typesOf, valueOf, type Sample } from './prom-text.js';

/** A recorded scene: a loopback node server shadowed on ::1, postgres on every interface, a UDP
 *  listener on a network address, one connection, and sockets no process could be named for. */
const SOCKETS: PortSocket[] = [
  portSocket({ inode: 11, command: 'node server.js --token=hunter2' }),
  portSocket({
    localAddress: '::1',
    family: 6,
    pid: 4200,
    process: 'python3',
    command: 'python3 -m http.server 3000 --secret=xyzzy',
    inode: 12,
  }),
  portSocket({
    localAddress: '0.0.0.0',
    localPort: 5432,
    pid: 700,
    process: 'postgres',
    command: 'postgres -D /var/lib/postgresql',
    exposure: 'all-interfaces',
    inode: 13,
  }),
  portSocket({
    protocol: 'udp',
    localAddress: '192.168.1.20',
    localPort: 5353,
    state: 'UNCONN',
    pid: 800,
    process: 'avahi',
    command: 'avahi-daemon: running',
    exposure: 'network',
    inode: 14,
  }),
  portSocket({
    localPort: 51000,
    remoteAddress: '127.0.0.1',
    remotePort: 5432,
    state: 'ESTABLISHED',
    exposure: null,
    inode: 15,
  }),
];

function snapshotOf(sockets: PortSocket[], unattributed = 3): Snapshot {
  return {
    takenAt: 1,
    sockets: structuredClone(sockets),
    unattributed,
    source: 'proc',
    warnings: [],
  };
}

/** A collector answering from `answers` in turn (the last one repeats); an Error is thrown. */
function recorded(answers: (Snapshot | Error)[]): Collector {
  let i = 0;
  return {
    source: 'proc',
    snapshot: () => {
      const answer = answers[Math.min(i++, answers.length - 1)]!;
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
    },
  };
}

/** A probe that finds `open` ports open in 2.5 ms and refuses the rest. */
function probeOf(open: Set<number>): Probe {
  return (host, port) =>
    Promise.resolve(
      open.has(port)
        ? { address: host, family: 4, open: true, ms: 2.5, error: null }
        : { address: host, family: 4, open: false, ms: 0.1, error: 'ECONNREFUSED' },
    );
}

const monitors: Monitor[] = [];
afterEach(() => {
  for (const monitor of monitors.splice(0)) monitor.stop();
});

async function scrape(metrics: PortholeMetrics): Promise<{ text: string; samples: Sample[] }> {
  const text = await metrics.text();
  return { text, samples: parseSamples(text) };
}

function setUp(answers: (Snapshot | Error)[], open = new Set<number>(), targets: string[] = []) {
  const metrics = new PortholeMetrics();
  const watches = targets.map((target) => createWatchSpec({ target, failuresToDown: 1 }));
  const monitor = new Monitor({
    collector: metrics.timed(recorded(answers)),
    probe: probeOf(open),
    watches,
    history: null,
    mode: 'watching',
  });
  monitors.push(monitor);
  metrics.follow(monitor);
  return { metrics, monitor };
}

describe('snapshot metrics', () => {
  test('listeners by protocol and exposure, every pair present, connections not counted', async () => {
    const { metrics, monitor } = setUp([snapshotOf(SOCKETS)]);
    await monitor.refresh();
    const { samples, text } = await scrape(metrics);
    const listeners = (protocol: string, exposure: string): number | undefined =>
      valueOf(samples, 'porthole_listeners', { protocol, exposure });
    expect(listeners('tcp', 'loopback')).toBe(2);
    expect(listeners('tcp', 'all-interfaces')).toBe(1);
    expect(listeners('udp', 'network')).toBe(1);
    for (const [p, e] of [
      ['tcp', 'network'],
      ['udp', 'loopback'],
      ['udp', 'all-interfaces'],
    ] as const)
      expect(listeners(p, e)).toBe(0);
    expect(typesOf(text).porthole_listeners).toBe('gauge');
  });

  test("conflicts by kind are the rules' own count, zeros included", async () => {
    const snapshot = snapshotOf(SOCKETS);
    const { metrics, monitor } = setUp([snapshot]);
    await monitor.refresh();
    const expected = findConflicts(snapshot, []);
    expect(expected.map((c) => c.kind)).toContain('shadowed');
    const { samples } = await scrape(metrics);
    for (const kind of ['shared-port', 'shadowed', 'unexpected-owner', 'half-reachable']) {
      expect(valueOf(samples, 'porthole_conflicts', { kind }), kind).toBe(
        expected.filter((c) => c.kind === kind).length,
      );
    }
  });

  test('unattributed sockets and collector up come from the snapshot and the monitor status', async () => {
    const broken = new CollectorError('cannot read /proc/net/tcp', 'failed');
    const { metrics, monitor } = setUp([snapshotOf(SOCKETS, 7), broken]);
    await monitor.refresh();
    let { samples } = await scrape(metrics);
    expect(valueOf(samples, 'porthole_unattributed_sockets')).toBe(7);
    expect(valueOf(samples, 'porthole_collector_up')).toBe(1);
    await monitor.refresh();
    expect(monitor.status.state).toBe('degraded');
    ({ samples } = await scrape(metrics));
    expect(valueOf(samples, 'porthole_collector_up')).toBe(0);
    // The last good snapshot still counts.
    expect(valueOf(samples, 'porthole_unattributed_sockets')).toBe(7);
  });

  test('before any snapshot, listener and conflict series are absent rather than zero', async () => {
    const { metrics } = setUp([snapshotOf(SOCKETS)]);
    const { samples } = await scrape(metrics);
    expect(samples.filter((s) => s.name === 'porthole_listeners')).toEqual([]);
    expect(samples.filter((s) => s.name === 'porthole_conflicts')).toEqual([]);
  });

  test('labels never carry command lines, process names or addresses', async () => {
    const { metrics, monitor } = setUp([snapshotOf(SOCKETS)], new Set([3000]), ['3000']);
    await monitor.refresh();
    await monitor.checkWatches();
    const { samples } = await scrape(metrics);
    const values = samples.flatMap((s) => Object.values(s.labels));
    for (const secret of ['hunter2', 'xyzzy', 'node', 'python3', 'postgres', '0.0.0.0', '::1'])
      expect(
        values.some((v) => v.includes(secret)),
        secret,
      ).toBe(false);
    const names = new Set(samples.flatMap((s) => Object.keys(s.labels)));
    expect([...names].sort()).toEqual(['event', 'exposure', 'kind', 'le', 'protocol', 'target']);
  });
});

describe('watch metrics', () => {
  test('up is absent while unknown, then 1 with the probe latency in seconds, then 0', async () => {
    const open = new Set([3000]);
    const { metrics, monitor } = setUp([snapshotOf(SOCKETS)], open, ['3000', 'db.internal:5432']);
    let { samples } = await scrape(metrics);
    expect(valueOf(samples, 'porthole_watch_up', { target: '3000' })).toBeUndefined();
    expect(samples.filter((s) => s.name === 'porthole_watch_probe_seconds')).toEqual([]);

    await monitor.refresh();
    await monitor.checkWatches();
    ({ samples } = await scrape(metrics));
    expect(valueOf(samples, 'porthole_watch_up', { target: '3000' })).toBe(1);
    expect(valueOf(samples, 'porthole_watch_probe_seconds', { target: '3000' })).toBe(0.0025);
    expect(valueOf(samples, 'porthole_watch_up', { target: 'db.internal:5432' })).toBe(0);

    open.delete(3000);
    await monitor.checkWatches();
    ({ samples } = await scrape(metrics));
    expect(valueOf(samples, 'porthole_watch_up', { target: '3000' })).toBe(0);
    // A failed probe has no latency: the series goes rather than keep a stale one.
    expect(valueOf(samples, 'porthole_watch_probe_seconds', { target: '3000' })).toBeUndefined();
  });

  test('transitions count the monitor events per target and kind, from zero', async () => {
    const open = new Set([3000]);
    const { metrics, monitor } = setUp([snapshotOf(SOCKETS)], open, ['3000']);
    const seen: WatchEvent[] = [];
    monitor.on('watch', (event) => seen.push(event));
    const first = await scrape(metrics);
    expect(typesOf(first.text).porthole_watch_transitions_total).toBe('counter');
    let samples = first.samples;
    for (const event of ['up', 'down', 'owner-changed', 'flapping'])
      expect(valueOf(samples, 'porthole_watch_transitions_total', { target: '3000', event })).toBe(
        0,
      );

    await monitor.refresh();
    await monitor.checkWatches();
    open.delete(3000);
    await monitor.checkWatches();
    open.add(3000);
    await monitor.checkWatches();
    ({ samples } = await scrape(metrics));
    const count = (event: string): number =>
      valueOf(samples, 'porthole_watch_transitions_total', { target: '3000', event }) ?? -1;
    expect(count('up')).toBe(seen.filter((e) => e.event === 'up').length);
    expect(count('down')).toBe(seen.filter((e) => e.event === 'down').length);
    expect(count('up')).toBe(2);
    expect(count('down')).toBe(1);
  });

  test('a restated event (history already said it) is no transition', async () => {
    const { metrics, monitor } = setUp([snapshotOf(SOCKETS)], new Set(), ['3000']);
    const [spec] = monitor.watchSpecs();
    const event: WatchEvent = {
      at: 1,
      watchId: spec!.id,
      target: '3000',
      event: 'down',
      pid: null,
      process: null,
      detail: 'nothing listens on 3000',
      silenced: false,
    };
    metrics.watchEvent({ ...event, restated: true });
    metrics.watchEvent(event);
    const { samples } = await scrape(metrics);
    expect(
      valueOf(samples, 'porthole_watch_transitions_total', { target: '3000', event: 'down' }),
    ).toBe(1);
  });

  test('a watch no longer watched leaves no series behind', async () => {
    const { metrics, monitor } = setUp([snapshotOf(SOCKETS)], new Set([3000]), ['3000', '8080']);
    await monitor.refresh();
    await monitor.checkWatches();
    monitor.setWatches(monitor.watchSpecs().filter((w) => w.target.port === 8080));
    const { samples } = await scrape(metrics);
    expect(samples.filter((s) => s.labels.target === '3000')).toEqual([]);
    expect(valueOf(samples, 'porthole_watch_up', { target: '8080' })).toBe(0);
  });
});

test('each snapshot, failed ones too, is timed into the porthole_collect_seconds histogram', async () => {
  let now = 0;
  const metrics = new PortholeMetrics(() => now);
  const slow: Collector = {
    source: 'proc',
    snapshot: () => {
      now += 30; // 30 ms pass while it reads
      return Promise.resolve(snapshotOf(SOCKETS));
    },
  };
  const failing: Collector = {
    source: 'proc',
    snapshot: () => {
      now += 400;
      return Promise.reject(new CollectorError('no /proc', 'failed'));
    },
  };
  await metrics.timed(slow).snapshot();
  await expect(metrics.timed(failing).snapshot()).rejects.toThrow('no /proc');
  const { samples, text } = await scrape(metrics);
  expect(typesOf(text).porthole_collect_seconds).toBe('histogram');
  expect(valueOf(samples, 'porthole_collect_seconds_count')).toBe(2);
  expect(valueOf(samples, 'porthole_collect_seconds_sum')).toBeCloseTo(0.43, 9);
  expect(valueOf(samples, 'porthole_collect_seconds_bucket', { le: '0.025' })).toBe(0);
  expect(valueOf(samples, 'porthole_collect_seconds_bucket', { le: '0.05' })).toBe(1);
  expect(valueOf(samples, 'porthole_collect_seconds_bucket', { le: '0.5' })).toBe(2);
  expect(metrics.timed(slow).source).toBe('proc');
});
