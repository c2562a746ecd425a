import { afterEach, expect, test, vi } from 'vitest';
import type { Collector } from '../../../../src-main/core/collector/index.js';
import type { PortSocket, Snapshot } from '../../../../src-main/domain/model.js';
import { portSocket } from '../../../helpers/port-socket.js';

// Counts how often the conflict rules run, keeping their real behaviour.
const calls = vi.hoisted(() => ({ findConflicts: 0 }));
vi.mock('../../../../src-main/core/rules/conflicts.js', async (importOriginal) => {
  const real =
    await importOriginal<typeof import('../../../../src-main/core/rules/conflicts.js')>();
  class CountingFinder extends real.ConflictFinder {
    override find(...args: Parameters<InstanceType<typeof real.ConflictFinder>['find']>) {
      calls.findConflicts += 1;
      return super.find(...args);
    }
  }
  return { ...real, ConflictFinder: CountingFinder };
});

const { Monitor } = await import('../../../../src-main/core/monitor/monitor.js');
const { createWatchSpec } = await import('../../../../src-main/core/watches/watch-spec.js');

afterEach(() => {
  calls.findConflicts = 0;
});

function collectorReturning(lists: () => PortSocket[]): Collector {
  let now = 0;
  return {
    source: 'proc',
    snapshot: (): Promise<Snapshot> =>
      Promise.resolve({
        takenAt: (now += 1),
        sockets: lists(),
        unattributed: 0,
        source: 'proc',
        warnings: [],
      }),
  };
}

test('a steady tick (same socket list) does not re-run the conflict rules', async () => {
  const same = [portSocket(), portSocket({ localAddress: '::1', family: 6, pid: 4200 })];
  const monitor = new Monitor({ collector: collectorReturning(() => same) });
  await monitor.refresh();
  await monitor.refresh();
  await monitor.refresh();
  expect(calls.findConflicts).toBe(1);
  expect(monitor.conflicts.map((c) => c.kind)).toEqual(['shadowed']);
});

test('a re-read of the same sockets, or of changed connections only, does not re-run them', async () => {
  const conn = portSocket({
    localPort: 50_000,
    remoteAddress: '127.0.0.1',
    remotePort: 3000,
    state: 'ESTABLISHED',
    exposure: null,
  });
  const lists = [
    [portSocket(), portSocket({ localAddress: '::1', family: 6, pid: 4200 })],
    [portSocket(), portSocket({ localAddress: '::1', family: 6, pid: 4200 })],
    [portSocket(), portSocket({ localAddress: '::1', family: 6, pid: 4200 }), conn],
    [portSocket(), portSocket({ localAddress: '::1', family: 6, pid: 4200 }), { ...conn, pid: 9 }],
  ];
  let tick = 0;
  const monitor = new Monitor({ collector: collectorReturning(() => lists[tick++]!) });
  const seen: string[][] = [];
  monitor.on('conflicts', (current) => seen.push(current.map((c) => c.kind)));
  for (let i = 0; i < lists.length; i += 1) await monitor.refresh();
  expect(calls.findConflicts).toBe(1);
  expect(seen).toEqual([['shadowed']]);
  expect(monitor.conflicts.map((c) => c.kind)).toEqual(['shadowed']);
});

test('a changed listener, or new watches, do re-run them', async () => {
  const lists = [
    [portSocket()],
    [portSocket(), portSocket({ localAddress: '::1', family: 6, pid: 4200 })],
    [portSocket(), portSocket({ localAddress: '::1', family: 6, pid: 4200, state: 'CLOSE' })],
  ];
  let tick = 0;
  // A machine without ::1: the lone 127.0.0.1 listener is no half-reachable hint here.
  const monitor = new Monitor({
    collector: collectorReturning(() => lists[tick++]!),
    rules: { ipv6Loopback: false },
  });
  await monitor.refresh();
  expect(monitor.conflicts).toEqual([]);
  await monitor.refresh();
  expect(calls.findConflicts).toBe(2);
  expect(monitor.conflicts.map((c) => c.kind)).toEqual(['shadowed']);
  await monitor.refresh();
  expect(calls.findConflicts).toBe(3);
  expect(monitor.conflicts).toEqual([]);
  monitor.setWatches([createWatchSpec({ target: '3000', expect: 'postgres' })]);
  expect(calls.findConflicts).toBe(4);
  expect(monitor.conflicts.map((c) => c.kind)).toEqual(['unexpected-owner']);
});
