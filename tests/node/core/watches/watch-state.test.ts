import { describe, expect, test } from 'vitest';
import type { Clock, WatchEvent, WatchSpec } from '../../../../src-main/domain/model.js';
import { InputError } from '../../../../src-main/core/errors.js';
import { createWatchSpec } from '../../../../src-main/core/watches/watch-spec.js';
import {
  defaultWatchPolicy,
  initialWatchState,
  nextWatchState,
  snoozeWatch,
  unsnoozeWatch,
  type Observation,
  type WatchPolicy,
  type WatchState,
} from '../../../../src-main/core/watches/watch-state.js';
import { opened, refused } from './snapshot-fixtures.js';

/** A fake clock the test moves by hand; observations take their time from it. */
function fakeClock(start = 1_000_000): Clock & { advance(ms: number): number } {
  let now = start;
  const clock = (() => now) as Clock & { advance(ms: number): number };
  clock.advance = (ms) => (now += ms);
  return clock;
}

/** Feeds observations one by one; returns the final state and every event in order. */
function feed(
  spec: WatchSpec,
  observations: Observation[],
  start: WatchState = initialWatchState(0),
  policy?: WatchPolicy,
) {
  let state = start;
  const events: WatchEvent[] = [];
  for (const obs of observations) {
    const next = nextWatchState(spec, state, obs, policy);
    state = next.state;
    events.push(...next.events);
  }
  return { state, events };
}

const local = (options: Partial<Parameters<typeof createWatchSpec>[0]> = {}) =>
  createWatchSpec({ target: '62893', ...options });

describe('first observation', () => {
  test('an open port is up at once, with an event saying so', () => {
    const clock = fakeClock();
    const { state, events } = feed(local({ successesToUp: 3 }), [opened(clock())]);
    expect(state.status).toBe('up');
    expect(state.since).toBe(clock());
    expect(state.owner).toEqual({ pid: 4121, process: 'node' });
    expect(events).toEqual([
      {
        at: clock(),
        watchId: 'local:62893',
        target: '62893',
        event: 'up',
        pid: 4121,
        process: 'node',
        detail: '62893 is up (node, PID 4121), 3 ms',
        silenced: false,
      },
    ]);
  });

  test('a closed port is down at once, even when failuresToDown is higher', () => {
    const { state, events } = feed(local({ failuresToDown: 5 }), [refused(10)]);
    expect(state.status).toBe('down');
    expect(state.lastError).toBe('ECONNREFUSED');
    expect(events.map((e) => [e.event, e.detail])).toEqual([
      ['down', '62893 is down (refused (nothing listens))'],
    ]);
  });

  test('the first decision does not count as a transition', () => {
    expect(feed(local(), [opened(10)]).state.transitions).toEqual([]);
  });
});

describe('hysteresis', () => {
  test('up turns down only after failuresToDown failures in a row', () => {
    const clock = fakeClock();
    const spec = local({ failuresToDown: 3 });
    let run = feed(spec, [
      opened(clock()),
      refused(clock.advance(5000)),
      refused(clock.advance(5000)),
    ]);
    expect(run.state.status).toBe('up');
    expect(run.state.consecutiveFailures).toBe(2);
    expect(run.events.map((e) => e.event)).toEqual(['up']);

    const downAt = clock.advance(5000);
    run = feed(spec, [refused(downAt)], run.state);
    expect(run.state.status).toBe('down');
    expect(run.state.since).toBe(downAt);
    expect(run.events).toHaveLength(1);
    expect(run.events[0]).toMatchObject({
      event: 'down',
      pid: 4121,
      process: 'node',
      detail: 'node (PID 4121) stopped listening on 62893',
      silenced: false,
    });
    // The owner is remembered while down, so recovery can be compared with it.
    expect(run.state.owner).toEqual({ pid: 4121, process: 'node' });
  });

  test('a success in between resets the failure count', () => {
    const { state, events } = feed(local({ failuresToDown: 2 }), [
      opened(0),
      refused(1),
      opened(2),
      refused(3),
    ]);
    expect(state.status).toBe('up');
    expect(state.consecutiveFailures).toBe(1);
    expect(events).toHaveLength(1);
  });

  test('down turns up only after successesToUp successes in a row', () => {
    const clock = fakeClock();
    const spec = local({ successesToUp: 2 });
    let run = feed(spec, [refused(clock()), opened(clock.advance(5000))]);
    expect(run.state.status).toBe('down');
    expect(run.state.consecutiveSuccesses).toBe(1);

    const upAt = clock.advance(5000);
    run = feed(spec, [opened(upAt)], run.state);
    expect(run.state).toMatchObject({ status: 'up', since: upAt, consecutiveSuccesses: 2 });
    expect(run.events.map((e) => e.detail)).toEqual(['62893 is up again (node, PID 4121), 3 ms']);
  });

  test('a timeout says the owner stopped answering, a remote target names no owner', () => {
    const localRun = feed(local({ failuresToDown: 1 }), [opened(0), refused(1, 'timeout')]);
    expect(localRun.events[1]?.detail).toBe(
      'node (PID 4121) stopped answering on 62893 (timed out (filtered or down))',
    );

    const remote = createWatchSpec({ target: 'db.internal:5432', failuresToDown: 1 });
    const remoteRun = feed(remote, [opened(0, null, null, 12), refused(1, 'timeout')]);
    expect(remoteRun.events.map((e) => e.detail)).toEqual([
      'db.internal:5432 is up, 12 ms',
      'db.internal:5432 went down (timed out (filtered or down))',
    ]);
    expect(remoteRun.events[1]).toMatchObject({
      pid: null,
      process: null,
      target: 'db.internal:5432',
    });
  });

  test('the check that takes it down gives the event its cause; the state keeps it while down, up clears it', () => {
    const cause = {
      kind: 'exited' as const,
      text: 'node (PID 4121) exited',
      fix: 'Start it again.',
    };
    const spec = local({ failuresToDown: 2, successesToUp: 1 });
    // The first failure's cause is not the one that counts: the second check's is.
    const early = { ...cause, text: 'stale' };
    const run = feed(spec, [
      opened(0),
      { ...refused(1), cause: early },
      { ...refused(2), cause },
      refused(3),
    ]);
    const down = run.events.find((e) => e.event === 'down');
    expect(down?.detail).toBe('62893 is down: node (PID 4121) exited');
    expect(down?.cause).toEqual(cause);
    expect(run.state.downCause).toEqual(cause);
    const back = feed(spec, [opened(4)], run.state);
    expect(back.state.status).toBe('up');
    expect(back.state.downCause).toBeNull();
  });

  test('recovery under a different process says who held it before', () => {
    const { events } = feed(local({ failuresToDown: 1 }), [
      opened(0, 4121, 'python3'),
      refused(1),
      opened(2, 4200, 'node', 0.4),
    ]);
    expect(events[2]?.detail).toBe(
      '62893 is up again (node, PID 4200), <1 ms; was python3 (PID 4121)',
    );
    expect(events.some((e) => e.event === 'owner-changed')).toBe(false);
  });
});

describe('owner changes', () => {
  test('a new PID while up raises one owner-changed naming both owners', () => {
    const { state, events } = feed(local(), [
      opened(0, 4121, 'python3'),
      opened(1, 4200, 'node'),
      opened(2, 4200, 'node'),
    ]);
    expect(events.map((e) => e.event)).toEqual(['up', 'owner-changed']);
    expect(events[1]).toMatchObject({
      pid: 4200,
      process: 'node',
      detail: '62893 is now held by node (PID 4200), was python3 (PID 4121)',
      silenced: false,
    });
    expect(state.owner).toEqual({ pid: 4200, process: 'node' });
  });

  test('the first owner becoming known is not a change', () => {
    const { state, events } = feed(local(), [opened(0, null, null), opened(1, 4121, 'node')]);
    expect(events.map((e) => e.event)).toEqual(['up']);
    expect(state.owner).toEqual({ pid: 4121, process: 'node' });
  });

  test('without PIDs the process name decides', () => {
    const { events } = feed(local(), [
      opened(0, null, 'node'),
      opened(1, null, 'node'),
      opened(2, null, 'python3'),
    ]);
    expect(events.map((e) => e.event)).toEqual(['up', 'owner-changed']);
    expect(events[1]?.detail).toBe('62893 is now held by python3, was node');
  });

  test('an observation without owner information keeps the known owner', () => {
    const { state, events } = feed(local(), [opened(0), opened(1, null, null)]);
    expect(events).toHaveLength(1);
    expect(state.owner).toEqual({ pid: 4121, process: 'node' });
  });
});

describe('expected owner', () => {
  const spec = local({ expect: 'postgres' });

  test('a wrong first owner is reported once, not every tick', () => {
    const { events } = feed(spec, [opened(0, 4121, 'python3'), opened(1, 4121, 'python3')]);
    expect(events.map((e) => e.event)).toEqual(['up', 'owner-changed']);
    expect(events[1]).toMatchObject({
      pid: 4121,
      process: 'python3',
      detail: '62893 is held by python3 (PID 4121), expected postgres',
    });
  });

  test('a change to another wrong owner is one event that says what was expected', () => {
    const { events } = feed(spec, [
      opened(0, 100, 'postgres'),
      opened(1, 4121, 'python3'),
      opened(2, 4121, 'python3'),
      opened(3, 4200, 'python3'),
    ]);
    expect(events.map((e) => e.detail)).toEqual([
      '62893 is up (postgres, PID 100), 3 ms',
      '62893 is now held by python3 (PID 4121), was postgres (PID 100); expected postgres',
      '62893 is now held by python3 (PID 4200), was python3 (PID 4121); expected postgres',
    ]);
  });

  test('container:NAME is judged by the container behind the forwarder, and named in the event', () => {
    const container = {
      engine: 'docker',
      id: 'c0ffee00d00d',
      name: 'web',
      image: 'nginx:1.27',
      containerPort: 80,
      protocol: 'tcp' as const,
      project: null,
      service: null,
    };
    const proxied = (at: number, name: string): Observation => ({
      ...opened(at, 5040, 'docker-proxy'),
      container: { ...container, name },
    });
    const wantsWeb = local({ expect: 'container:web' });
    const met = feed(wantsWeb, [proxied(0, 'web'), proxied(1, 'web')]);
    expect(met.events.map((e) => e.event)).toEqual(['up']);
    expect(met.state.owner?.container?.name).toBe('web');
    const broken = feed(local({ expect: 'container:db' }), [proxied(0, 'web')]);
    expect(broken.events.map((e) => e.event)).toEqual(['up', 'owner-changed']);
    expect(broken.events[1]!.detail).toBe(
      '62893 is held by nginx (container web), expected container:db',
    );
  });

  test('the right owner, in any case or cut to 15 characters by Linux, raises nothing', () => {
    expect(feed(spec, [opened(0, 1, 'Postgres')]).events).toHaveLength(1);
    const long = local({ expect: 'very-long-server-name' });
    expect(feed(long, [opened(0, 1, 'very-long-serve')]).events).toHaveLength(1);
  });

  test('a wrong owner whose name is learned later is reported then', () => {
    const { events } = feed(spec, [opened(0, 4121, null), opened(1, 4121, 'python3')]);
    expect(events.map((e) => e.event)).toEqual(['up', 'owner-changed']);
    expect(events[1]?.detail).toMatch(/expected postgres/);
  });
});

describe('flapping', () => {
  const policy: WatchPolicy = { flapWindowMs: 60_000, flapTransitions: 4, stableMs: 30_000 };
  const spec = local({ failuresToDown: 1, successesToUp: 1 });

  test('enough transitions in the window give one notice, then silenced transitions, then calm', () => {
    const clock = fakeClock();
    const flips: Observation[] = [opened(clock())];
    for (let i = 1; i <= 6; i += 1) {
      clock.advance(1000);
      flips.push(i % 2 === 1 ? refused(clock()) : opened(clock()));
    }
    let run = feed(spec, flips, initialWatchState(0), policy);
    const kinds = run.events.map((e) => e.event);
    expect(kinds.filter((k) => k === 'flapping')).toHaveLength(1);
    // History keeps every transition: initial up plus six flips.
    expect(kinds.filter((k) => k === 'up' || k === 'down')).toHaveLength(7);
    const notice = run.events.find((e) => e.event === 'flapping')!;
    expect(notice.silenced).toBe(false);
    expect(notice.detail).toMatch(/62893 is flapping: 4 up\/down changes within 1 min/);
    // Transitions from the fourth on are silenced; the first three were not.
    expect(run.events.filter((e) => e.event !== 'flapping').map((e) => e.silenced)).toEqual([
      false,
      false,
      false,
      false,
      true,
      true,
      true,
    ]);
    expect(run.state.flapping).toBe(true);

    // Steady (up) for less than stableMs: still flapping, the next flip is silenced.
    clock.advance(20_000);
    run = feed(spec, [opened(clock())], run.state, policy);
    expect(run.state.flapping).toBe(true);

    // stableMs without a transition clears it; the next change is announced again.
    clock.advance(15_000);
    run = feed(spec, [refused(clock())], run.state, policy);
    expect(run.state.flapping).toBe(false);
    expect(run.events).toMatchObject([{ event: 'down', silenced: false }]);
    expect(run.state.transitions).toEqual([clock()]);
  });

  test('transitions spread wider than the window never flap', () => {
    const clock = fakeClock();
    const flips: Observation[] = [opened(clock())];
    for (let i = 1; i <= 8; i += 1) {
      clock.advance(25_000);
      flips.push(i % 2 === 1 ? refused(clock()) : opened(clock()));
    }
    const { events, state } = feed(spec, flips, initialWatchState(0), policy);
    expect(events.some((e) => e.event === 'flapping' || e.silenced)).toBe(false);
    expect(state.transitions.length).toBeLessThan(policy.flapTransitions);
  });

  test('the default policy is 5 changes in 10 minutes, calm after 5 minutes', () => {
    expect(defaultWatchPolicy).toEqual({
      flapWindowMs: 600_000,
      flapTransitions: 5,
      stableMs: 300_000,
    });
  });
});

describe('snooze', () => {
  const spec = local({ failuresToDown: 1 });
  // Quick flips would flap under the default policy; these tests are about snooze alone.
  const calm: WatchPolicy = { ...defaultWatchPolicy, flapTransitions: 100 };

  test('until a time: events before it are silenced, later ones are not', () => {
    const up = feed(spec, [opened(0)]).state;
    const snoozed = snoozeWatch(up, 10_000);
    let run = feed(spec, [refused(5_000)], snoozed);
    expect(run.events).toMatchObject([{ event: 'down', silenced: true }]);
    expect(run.state.snoozedUntil).toBe(10_000);

    run = feed(spec, [opened(10_000)], run.state);
    expect(run.events).toMatchObject([{ event: 'up', silenced: false }]);
    expect(run.state.snoozedUntil).toBeNull();
  });

  test('until up: silenced until the next up, which is itself announced', () => {
    const down = feed(spec, [opened(0), refused(1)], initialWatchState(0), calm).state;
    let run = feed(spec, [opened(2, 4200, 'python3')], snoozeWatch(down, 'until-up'), calm);
    expect(run.events.map((e) => [e.event, e.silenced])).toEqual([['up', false]]);
    expect(run.state.snoozeUntilUp).toBe(false);

    // Snoozed while up: the drop is silenced, the snooze survives it.
    run = feed(spec, [refused(3)], snoozeWatch(run.state, 'until-up'), calm);
    expect(run.events.map((e) => [e.event, e.silenced])).toEqual([['down', true]]);
    expect(run.state.snoozeUntilUp).toBe(true);

    run = feed(spec, [opened(4, 4200, 'python3'), refused(5)], run.state, calm);
    expect(run.events.map((e) => [e.event, e.silenced])).toEqual([
      ['up', false],
      ['down', false],
    ]);
  });

  test('owner changes are silenced while snoozed until up', () => {
    const up = feed(spec, [opened(0, 1, 'node')]).state;
    const { events } = feed(spec, [opened(1, 2, 'node')], snoozeWatch(up, 'until-up'));
    expect(events).toMatchObject([{ event: 'owner-changed', silenced: true }]);
  });

  test('a new snooze replaces the old one, unsnooze clears both, bad times are refused', () => {
    const state = initialWatchState(0);
    expect(snoozeWatch(snoozeWatch(state, 'until-up'), 500)).toMatchObject({
      snoozedUntil: 500,
      snoozeUntilUp: false,
    });
    expect(snoozeWatch(snoozeWatch(state, 500), 'until-up')).toMatchObject({
      snoozedUntil: null,
      snoozeUntilUp: true,
    });
    expect(unsnoozeWatch(snoozeWatch(state, 500))).toMatchObject({
      snoozedUntil: null,
      snoozeUntilUp: false,
    });
    expect(() => snoozeWatch(state, Number.NaN)).toThrow(InputError);
  });
});

describe('purity and bookkeeping', () => {
  test('the input state is not mutated and the same inputs give the same outputs', () => {
    const spec = local({ expect: 'postgres', failuresToDown: 1 });
    const start = deepFreeze(feed(spec, [opened(0, 1, 'postgres')]).state);
    const obs = deepFreeze(opened(5, 2, 'python3'));
    const first = nextWatchState(spec, start, obs);
    expect(nextWatchState(spec, start, obs)).toEqual(first);
    expect(first.state).not.toBe(start);
  });

  test('latencies keep the last 30 successful checks only', () => {
    const spec = local({ failuresToDown: 5 });
    const observations = Array.from({ length: 40 }, (_, i) =>
      i === 39 ? refused(i) : opened(i, 1, 'node', i),
    );
    const { state } = feed(spec, observations);
    expect(state.latencies).toHaveLength(30);
    expect(state.latencies[0]).toBe(9);
    expect(state.latencies[29]).toBe(38);
    expect(state).toMatchObject({
      lastCheckedAt: 39,
      lastLatencyMs: null,
      lastError: 'ECONNREFUSED',
    });
  });
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
