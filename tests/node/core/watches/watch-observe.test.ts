import { afterEach, describe, expect, test } from 'vitest';
import type { Clock } from '../../../../src-main/domain/model.js';
import {
  probeTcp,
  type Probe,
  type ProbeResult,
} from '../../../../src-main/core/watches/prober.js';
import { observeWatch } from '../../../../src-main/core/watches/watch-observe.js';
import { createWatchSpec } from '../../../../src-main/core/watches/watch-spec.js';
import {
  initialWatchState,
  nextWatchState,
} from '../../../../src-main/core/watches/watch-state.js';
import { holdSockets, stopAllHolders } from '../../../helpers/sockets.js';
import { listener, snapshotOf } from './snapshot-fixtures.js';

afterEach(stopAllHolders);

const clock: Clock = () => 42_000;

/** A probe that answers from a table and records what it was asked; no sockets involved. */
function scriptedProbe(answers: Record<string, Partial<ProbeResult>>) {
  const calls: [string, number, number | undefined][] = [];
  const probe: Probe = (host, port, timeoutMs) => {
    calls.push([host, port, timeoutMs]);
    const family = host.includes(':') ? 6 : 4;
    return Promise.resolve({
      address: host,
      family,
      open: false,
      ms: null,
      error: 'ECONNREFUSED',
      ...answers[host],
    });
  };
  return { probe, calls };
}

describe('observeWatch against real loopback sockets', () => {
  test('a holder on 127.0.0.1 is open with its PID; after it stops the port is closed', async () => {
    const holder = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    const port = holder.sockets[0]!.port;
    const spec = createWatchSpec({ target: String(port), failuresToDown: 1 });
    const snapshot = snapshotOf([listener('127.0.0.1', port, holder.pid)]);

    const up = await observeWatch(spec, snapshot, probeTcp, clock);
    expect(up).toMatchObject({
      at: 42_000,
      open: true,
      pid: holder.pid,
      process: 'node',
      error: null,
    });
    expect(up.latencyMs).toBeGreaterThanOrEqual(0);

    await holder.stop();
    const down = await observeWatch(spec, snapshotOf([]), probeTcp, clock);
    expect(down).toEqual({
      at: 42_000,
      open: false,
      latencyMs: null,
      pid: null,
      process: null,
      error: 'ECONNREFUSED',
    });

    // Fed to the state machine, the pair reads as the user would want.
    const first = nextWatchState(spec, initialWatchState(0), up);
    const second = nextWatchState(spec, first.state, { ...down, at: 43_000 });
    expect(second.events[0]?.detail).toBe(`node (PID ${holder.pid}) stopped listening on ${port}`);
  });

  test('a holder only on ::1 is found by the second probe', async () => {
    const holder = await holdSockets({ listen: [{ host: '::1' }] });
    const port = holder.sockets[0]!.port;
    const spec = createWatchSpec({ target: `localhost:${port}` });
    const snapshot = snapshotOf([listener('::1', port, holder.pid)]);
    const obs = await observeWatch(spec, snapshot, probeTcp, clock);
    expect(obs).toMatchObject({ open: true, pid: holder.pid, process: 'node' });
  });
});

describe('observeWatch with a scripted probe', () => {
  test('local targets stop after 127.0.0.1 answers, and do not probe ::1', async () => {
    const { probe, calls } = scriptedProbe({ '127.0.0.1': { open: true, ms: 2, error: null } });
    const spec = createWatchSpec({ target: '3000' });
    const obs = await observeWatch(spec, null, probe, clock);
    expect(obs).toMatchObject({ open: true, latencyMs: 2, pid: null, process: null });
    expect(calls.map((c) => c[0])).toEqual(['127.0.0.1']);
    expect(calls[0]![2]).toBeLessThanOrEqual(1000);
  });

  test('different failures on the two families are both reported', async () => {
    const { probe, calls } = scriptedProbe({ '127.0.0.1': { error: 'timeout' } });
    const obs = await observeWatch(createWatchSpec({ target: '3000' }), null, probe, clock);
    expect(calls.map((c) => c[0])).toEqual(['127.0.0.1', '::1']);
    expect(obs).toMatchObject({
      open: false,
      latencyMs: null,
      error: '127.0.0.1 timeout, ::1 ECONNREFUSED',
    });
  });

  test('a loopback address the user named is probed alone', async () => {
    const { probe, calls } = scriptedProbe({});
    await observeWatch(createWatchSpec({ target: '[::1]:3000' }), null, probe, clock);
    expect(calls.map((c) => c[0])).toEqual(['::1']);
  });

  test('remote targets probe host:port and never name an owner', async () => {
    const { probe, calls } = scriptedProbe({ 'db.internal': { open: true, ms: 12, error: null } });
    const spec = createWatchSpec({ target: 'db.internal:5432', intervalMs: 2000 });
    const snapshot = snapshotOf([listener('0.0.0.0', 5432, 99)]);
    const obs = await observeWatch(spec, snapshot, probe, clock);
    expect(calls).toEqual([['db.internal', 5432, 2000]]);
    expect(obs).toEqual({
      at: 42_000,
      open: true,
      latencyMs: 12,
      pid: null,
      process: null,
      error: null,
    });
  });

  test('a probe that throws becomes a failed observation', async () => {
    const probe: Probe = () => Promise.reject(new Error('probe exploded'));
    const obs = await observeWatch(
      createWatchSpec({ target: 'db.internal:5432' }),
      null,
      probe,
      clock,
    );
    expect(obs).toMatchObject({ open: false, error: 'probe exploded' });
  });
});
