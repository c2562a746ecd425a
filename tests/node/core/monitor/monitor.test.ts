import { afterEach, describe, expect, test, vi } from 'vitest';
import { once } from 'node:events';
import { createCollector, type Collector } from '../../../../src-main/core/collector/index.js';
import { CollectorError } from '../../../../src-main/core/errors.js';
import { HistoryLog } from '../../../../src-main/core/history/history-log.js';
import type { Conflict, Snapshot, WatchEvent } from '../../../../src-main/domain/model.js';
import { Monitor, type MonitorStatus } from '../../../../src-main/core/monitor/monitor.js';
import { createWatchSpec } from '../../../../src-main/core/watches/watch-spec.js';
import { holdSockets, stopAllHolders } from '../../../helpers/sockets.js';

const monitors: Monitor[] = [];
afterEach(async () => {
  for (const m of monitors.splice(0)) m.stop();
  vi.useRealTimers();
  await stopAllHolders();
});

function track(monitor: Monitor): Monitor {
  monitors.push(monitor);
  return monitor;
}

/** Resolves with the first event matching `match`, or rejects after `ms` (bounded waits only). */
function waitFor(
  monitor: Monitor,
  match: (v: WatchEvent) => boolean,
  ms = 8_000,
): Promise<WatchEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      monitor.off('watch', listener);
      reject(new Error(`no matching watch event within ${ms} ms`));
    }, ms);
    const listener = (value: WatchEvent): void => {
      if (!match(value)) return;
      clearTimeout(timer);
      monitor.off('watch', listener);
      resolve(value);
    };
    monitor.on('watch', listener);
  });
}

function emptySnapshot(): Snapshot {
  return { takenAt: 0, sockets: [], unattributed: 0, source: 'fake', warnings: [] };
}

describe('Monitor with a failing collector', () => {
  test('goes degraded with the reason, backs off, and recovers without throwing', async () => {
    vi.useFakeTimers();
    let failing = true;
    let calls = 0;
    const collector: Collector = {
      source: 'proc',
      snapshot: () => {
        calls += 1;
        return failing
          ? Promise.reject(new CollectorError('ss not found', 'missing-tool'))
          : Promise.resolve(emptySnapshot());
      },
    };
    const monitor = track(new Monitor({ collector, activeIntervalMs: 500 }));
    const statuses: MonitorStatus[] = [];
    monitor.on('status', (s) => statuses.push(s));
    monitor.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(monitor.status.state).toBe('degraded');
    expect(monitor.status.reason).toContain('ss not found');
    expect(monitor.status.retryInMs).toBe(1_000);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls).toBe(2);
    expect(monitor.status.retryInMs).toBe(2_000);
    failing = false;
    await vi.advanceTimersByTimeAsync(2_000);
    expect(monitor.status.state).toBe('ok');
    expect(statuses.map((s) => s.state)).toEqual(['degraded', 'degraded', 'ok']);
  });

  test('a listener that throws does not stop the loop', async () => {
    vi.useFakeTimers();
    let calls = 0;
    const collector: Collector = {
      source: 'proc',
      snapshot: () => (calls++, Promise.resolve(emptySnapshot())),
    };
    const monitor = track(new Monitor({ collector, activeIntervalMs: 100 }));
    const errors: Error[] = [];
    monitor.on('error', (e) => errors.push(e));
    monitor.on('snapshot', () => {
      throw new Error('boom');
    });
    monitor.start();
    await vi.advanceTimersByTimeAsync(350);
    expect(calls).toBeGreaterThanOrEqual(3);
    expect(errors[0]?.message).toBe('boom');
  });

  test('setActiveInterval changes the refresh cadence at once', async () => {
    vi.useFakeTimers();
    let calls = 0;
    const collector: Collector = {
      source: 'proc',
      snapshot: () => (calls++, Promise.resolve(emptySnapshot())),
    };
    const monitor = track(new Monitor({ collector, activeIntervalMs: 10_000 }));
    monitor.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(1);
    monitor.setActiveInterval(500);
    await vi.advanceTimersByTimeAsync(1_100);
    expect(calls).toBe(3);
  });

  test('snooze(id, null) ends a snooze', () => {
    const collector: Collector = {
      source: 'proc',
      snapshot: () => Promise.resolve(emptySnapshot()),
    };
    const spec = createWatchSpec({ target: '62893' });
    const monitor = track(new Monitor({ collector, watches: [spec] }));
    monitor.snooze(spec.id, 'until-up');
    expect(monitor.watchState(spec.id)?.snoozeUntilUp).toBe(true);
    monitor.snooze(null, null);
    expect(monitor.watchState(spec.id)?.snoozeUntilUp).toBe(false);
    expect(monitor.watchState(spec.id)?.snoozedUntil).toBeNull();
  });

  test('emits nothing after stop()', async () => {
    vi.useFakeTimers();
    const collector: Collector = {
      source: 'proc',
      snapshot: () => Promise.resolve(emptySnapshot()),
    };
    const monitor = track(new Monitor({ collector, activeIntervalMs: 100 }));
    let snapshots = 0;
    monitor.on('snapshot', () => snapshots++);
    monitor.start();
    await vi.advanceTimersByTimeAsync(0);
    monitor.stop();
    const seen = snapshots;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(snapshots).toBe(seen);
    expect(monitor.status.state).toBe('stopped');
  });
});

describe('Monitor against real loopback sockets', () => {
  test('a watched port goes up with its owner PID, then down when the owner exits; history records both', async () => {
    const holder = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    const port = holder.sockets[0]!.port;
    const history = new HistoryLog({ file: null });
    const spec = createWatchSpec({ target: String(port), intervalMs: 500, failuresToDown: 1 });
    const monitor = track(
      new Monitor({ collector: createCollector(), watches: [spec], mode: 'watching', history }),
    );
    const up = waitFor(monitor, (e) => e.event === 'up');
    monitor.start();
    const upEvent = await up;
    expect(upEvent.pid).toBe(holder.pid);
    expect(upEvent.process).toBe('node');
    const down = waitFor(monitor, (e) => e.event === 'down');
    await holder.stop();
    const downEvent = await down;
    expect(downEvent.target).toBe(String(port));
    expect(monitor.watchState(spec.id)?.status).toBe('down');
    const entries = await history.query({ port });
    expect(entries.map((e) => e.event)).toEqual(['up', 'down']);
  });

  test('a 127.0.0.1 vs ::1 pair appears as a conflict and resolves when one side closes', async () => {
    const v4 = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    const port = v4.sockets[0]!.port;
    const v6 = await holdSockets({ listen: [{ host: '::1', port }] });
    const monitor = track(new Monitor({ collector: createCollector(), activeIntervalMs: 300 }));
    monitor.start();
    const [current] = (await once(monitor, 'conflicts')) as [Conflict[]];
    const conflict = current.find((c) => c.port === port);
    expect(conflict?.kind).toBe('shadowed');
    expect(conflict?.pids).toEqual([v4.pid, v6.pid].sort((a, b) => a - b));
    const resolvedSeen = new Promise<boolean>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('conflict did not resolve')), 8_000);
      monitor.on('conflicts', (_c, _a, resolved) => {
        if (resolved.some((c) => c.port === port)) {
          clearTimeout(timer);
          resolve(true);
        }
      });
    });
    await v6.stop();
    expect(await resolvedSeen).toBe(true);
  });
});
