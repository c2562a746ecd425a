import { afterEach, expect, test, vi } from 'vitest';
import type { Collector } from '../../../../src-main/core/collector/index.js';
import type { PortSocket, Snapshot } from '../../../../src-main/core/model.js';
import { portSocket } from '../../../helpers/port-socket.js';

// Counts how often the conflict rules run, keeping their real behaviour.
const calls = vi.hoisted(() => ({ findConflicts: 0 }));
vi.mock('../../../../src-main/core/conflicts.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../../src-main/core/conflicts.js')>();
  return {
    ...real,
    findConflicts: (...args: Parameters<typeof real.findConflicts>) => {
      calls.findConflicts += 1;
      return real.findConflicts(...args);
    },
  };
});

const { Monitor } = await import('../../../../src-main/core/monitor.js');
const { createWatchSpec } = await import('../../../../src-main/core/watch-state.js');

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

test('a new socket list, or new watches, do re-run them', async () => {
  const monitor = new Monitor({ collector: collectorReturning(() => [portSocket()]) });
  await monitor.refresh();
  await monitor.refresh();
  expect(calls.findConflicts).toBe(2);
  monitor.setWatches([createWatchSpec({ target: '3000', expect: 'postgres' })]);
  expect(calls.findConflicts).toBe(3);
  expect(monitor.conflicts.map((c) => c.kind)).toEqual(['unexpected-owner']);
});
