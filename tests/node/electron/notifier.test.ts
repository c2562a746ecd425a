import { describe, expect, test } from 'vitest';
import { Notifier, type NotifierSettings } from '../../../src-main/electron/notifier.js';
import type { Conflict } from '../../../src-main/domain/model.js';
import type { PortholeEvent } from '../../../src-main/shared/contract.js';
import { formatRoute } from '../../../src-main/shared/routes.js';
import { FakeNotification } from './fake-electron.js';
import {
  T0,
  conflict,
  exposedListener,
  listener,
  state,
  watch,
  watchEvent,
  watchState,
} from './state.js';

function setup(overrides: Partial<NotifierSettings> = {}, supported = true) {
  let now = T0;
  const settings: NotifierSettings = {
    notifyOnExposure: false,
    cooldownMs: 60_000,
    snoozedUntil: null,
    acknowledgedExposures: [],
    ...overrides,
  };
  const shown: FakeNotification[] = [];
  const opened: string[] = [];
  const notifier = new Notifier({
    isSupported: () => supported,
    createNotification: (options) => {
      const n = new FakeNotification(options);
      shown.push(n);
      return n;
    },
    settings: () => settings,
    openRoute: (route) => opened.push(formatRoute(route)),
    clock: () => now,
  });
  notifier.seed(state());
  return {
    notifier,
    shown,
    opened,
    settings,
    advance: (ms: number) => (now += ms),
    send: (event: PortholeEvent) => notifier.handle(event),
    titles: () => shown.map((n) => n.options.title),
  };
}

/** A conflicts event as the service sends it: a delta. */
const conflicts = (
  delta: { appeared?: Conflict[]; changed?: Conflict[]; resolved?: string[] } = {},
): PortholeEvent => ({ type: 'conflicts', appeared: [], changed: [], resolved: [], ...delta });

const down = (port = 62893, extra = {}): PortholeEvent => ({
  type: 'watch-event',
  event: watchEvent(port, 'down', extra),
});

describe('watch events', () => {
  test('a down says what and what to do, and dates the outage from the first failed check', () => {
    const t = setup();
    t.send({
      type: 'watch-state',
      id: 'w-62893',
      state: watchState('up', T0, { consecutiveFailures: 1, lastCheckedAt: T0 }),
    });
    t.advance(10_000);
    t.send(down());
    expect(t.shown).toHaveLength(1);
    expect(t.shown[0]!.options).toEqual({
      title: '62893 is down',
      body: 'node (PID 4121) stopped listening 10 s ago. Start it again, or click to see the port.',
    });
    expect(t.shown[0]!.shown).toBe(1);
  });

  test('a down that knows why leads with it: the title names the cause, the body the fix', () => {
    const t = setup();
    t.advance(12_000);
    t.send(
      down(62893, {
        detail: '62893 is down: node (PID 4121) exited',
        cause: { kind: 'exited', text: 'node (PID 4121) exited', fix: 'Start it again.' },
      }),
    );
    expect(t.shown[0]!.options).toEqual({
      title: '62893 is down: node (PID 4121) exited',
      body: 'Down since 12 s ago. Start it again. Click to see the port.',
    });
  });

  test('clicking a notice opens that port', () => {
    const t = setup();
    t.send(down());
    t.shown[0]!.click();
    expect(t.opened).toEqual(['#/port/62893']);
  });

  test("a remote watch's notice opens Watches, not this machine's port of the same number", () => {
    const t = setup();
    t.send(down(5432, { watchId: 'w-db', target: 'db.internal:5432' }));
    t.shown[0]!.click();
    expect(t.opened).toEqual(['#/watches']);
  });

  test('the same (kind, port) within the cooldown is shown once; after it, again', () => {
    const t = setup({ cooldownMs: 60_000 });
    t.send(down());
    t.advance(30_000);
    t.send(down());
    expect(t.shown).toHaveLength(1);
    t.advance(30_000);
    t.send(down());
    expect(t.shown).toHaveLength(2);
  });

  test('different kinds and different ports are not merged', () => {
    const t = setup();
    t.send(down(62893));
    t.send(down(3000));
    t.send({
      type: 'watch-event',
      event: watchEvent(62893, 'owner-changed', {
        detail: '62893 is now held by python (PID 7), was node (PID 4121)',
      }),
    });
    expect(t.titles()).toEqual(['62893 is down', '3000 is down', '62893 has a new owner']);
  });

  test('silenced events (watch snoozed, flapping) are not shown', () => {
    const t = setup();
    t.send(down(62893, { silenced: true }));
    expect(t.shown).toHaveLength(0);
  });

  test('a restated down (already down before this start) is not shown, but its recovery is', () => {
    const t = setup();
    t.send(down(62893, { restated: true }));
    expect(t.shown).toHaveLength(0);
    t.send({
      type: 'watch-event',
      event: watchEvent(62893, 'up', { detail: '62893 is up again (node, PID 4121)' }),
    });
    expect(t.titles()).toHaveLength(1);
    t.send(down(62893));
    expect(t.titles()).toHaveLength(2);
  });

  test('a global snooze holds everything back until it ends', () => {
    const t = setup({ snoozedUntil: T0 + 15 * 60_000 });
    t.send(down());
    t.send(conflicts({ appeared: [conflict(3000)] }));
    expect(t.shown).toHaveLength(0);
    t.advance(15 * 60_000);
    t.send(down(3000));
    expect(t.titles()).toEqual(['3000 is down']);
  });

  test('an up is news only after a down (not every watch at start-up)', () => {
    const t = setup();
    t.send({
      type: 'watch-event',
      event: watchEvent(3000, 'up', { detail: '3000 is up (node, PID 4121) in 0.3 ms' }),
    });
    expect(t.shown).toHaveLength(0);
    t.send(down(3000));
    t.send({
      type: 'watch-event',
      event: watchEvent(3000, 'up', { detail: '3000 is up again (node, PID 4121) in 0.3 ms' }),
    });
    expect(t.titles()).toEqual(['3000 is down', '3000 is up again']);
  });

  test('a watch already down at start-up announces its recovery', () => {
    const t = setup();
    t.notifier.seed(state({ watches: [watch(3000, watchState('down', T0))] }));
    t.send({ type: 'watch-event', event: watchEvent(3000, 'up', { detail: '3000 is up again' }) });
    expect(t.titles()).toEqual(['3000 is up again']);
  });
});

describe('conflicts', () => {
  test('conflicts that appear are announced; a changed one is not news', () => {
    const t = setup();
    t.send(conflicts({ appeared: [conflict(3000)] }));
    t.send(conflicts({ changed: [conflict(3000, { pids: [4121, 5001] })] }));
    t.send(conflicts({ appeared: [conflict(8080)] }));
    expect(t.titles()).toEqual(['Port 3000 has a conflict', 'Port 8080 has a conflict']);
    expect(t.shown[0]!.options.body).toContain('kill 5000');
    t.shown[1]!.click();
    expect(t.opened).toEqual(['#/port/8080']);
  });

  test('hints and info never notify: a half-reachable port or deliberate workers only show in lists', () => {
    const t = setup();
    t.send(conflicts({ appeared: [conflict(3000)] }));
    t.send(
      conflicts({
        appeared: [
          conflict(8000, { kind: 'half-reachable' }),
          conflict(4100, { deliberate: true }),
          conflict(9000),
        ],
      }),
    );
    expect(t.titles()).toEqual(['Port 3000 has a conflict', 'Port 9000 has a conflict']);
  });

  test('conflicts already there at start-up are the baseline, not news', () => {
    const t = setup();
    t.notifier.seed(state({ conflicts: [conflict(3000)] }));
    t.send(conflicts({ changed: [conflict(3000, { message: 'renamed' })] }));
    expect(t.shown).toHaveLength(0);
  });

  test('before any snapshot, the first conflicts that appear are the baseline', () => {
    const t = setup();
    t.notifier.seed(state({ snapshot: null }));
    t.send(conflicts({ appeared: [conflict(3000)] }));
    t.send(conflicts({ appeared: [conflict(4000)] }));
    expect(t.titles()).toEqual(['Port 4000 has a conflict']);
  });

  test('a conflict that comes back within the cooldown is not repeated', () => {
    const t = setup({ cooldownMs: 60_000 });
    t.send(conflicts({ appeared: [conflict(3000)] }));
    t.send(conflicts({ resolved: ['shared-port:tcp:3000'] }));
    t.send(conflicts({ appeared: [conflict(3000)] }));
    expect(t.shown).toHaveLength(1);
  });
});

describe('exposure (opt-in)', () => {
  const diff = (added = [exposedListener(5432)]): PortholeEvent => ({
    type: 'snapshot-diff',
    takenAt: T0,
    diff: { added, removed: [], changed: [] },
    unattributed: 0,
    warnings: [],
    source: 'proc',
  });

  test('off by default', () => {
    const t = setup();
    t.send(diff());
    expect(t.shown).toHaveLength(0);
  });

  test('when enabled, a newly exposed listener is announced once per port with its fix', () => {
    const t = setup({ notifyOnExposure: true });
    t.send(
      diff([
        exposedListener(5432),
        exposedListener(5432, { family: 6, localAddress: '::' }),
        listener(3000),
      ]),
    );
    expect(t.titles()).toEqual(['Port 5432 is reachable from other machines']);
    expect(t.shown[0]!.options.body).toContain('bind it to 127.0.0.1');
  });

  test('a listener that moves from loopback to all interfaces counts; acknowledged ones do not', () => {
    const t = setup({ notifyOnExposure: true, acknowledgedExposures: ['tcp:0.0.0.0:8080'] });
    t.send({
      type: 'snapshot-diff',
      takenAt: T0,
      diff: {
        added: [exposedListener(8080)],
        removed: [],
        changed: [{ before: listener(9000), after: exposedListener(9000) }],
      },
      unattributed: 0,
      warnings: [],
      source: 'proc',
    });
    expect(t.titles()).toEqual(['Port 9000 is reachable from other machines']);
  });

  test('the first diff after a start without a snapshot is the baseline', () => {
    const t = setup({ notifyOnExposure: true });
    t.notifier.seed(state({ snapshot: null }));
    t.send(diff());
    expect(t.shown).toHaveLength(0);
    t.send(diff([exposedListener(6000)]));
    expect(t.titles()).toEqual(['Port 6000 is reachable from other machines']);
  });
});

describe('without notification support', () => {
  test('nothing is created; the tray state is the only signal', () => {
    const t = setup({}, false);
    expect(t.notifier.supported).toBe(false);
    t.send(down());
    t.notifier.notice({ title: 'x', body: 'y' });
    expect(t.shown).toHaveLength(0);
  });

  test('an isSupported that throws counts as unsupported', () => {
    const notifier = new Notifier({
      isSupported: () => {
        throw new Error('no dbus');
      },
      createNotification: (options) => new FakeNotification(options),
      settings: () => ({
        notifyOnExposure: false,
        cooldownMs: 0,
        snoozedUntil: null,
        acknowledgedExposures: [],
      }),
      openRoute: () => undefined,
      clock: () => T0,
    });
    expect(notifier.supported).toBe(false);
  });
});

test('one-off notices ignore snooze and cooldown, and a click opens no port', () => {
  const t = setup({ snoozedUntil: T0 + 60_000 });
  t.notifier.notice({ title: 'Porthole is still running', body: 'in the tray' });
  expect(t.titles()).toEqual(['Porthole is still running']);
  t.shown[0]!.click();
  expect(t.opened).toEqual([]);
});
