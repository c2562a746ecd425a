import { describe, expect, test } from 'vitest';
import {
  trayView,
  type MenuItemModel,
  type TrayViewOptions,
} from '../../../src-main/electron/tray-view.js';
import { buildProblems } from '../../../src-main/domain/problem-list.js';
import { T0, conflict, exposedListener, listener, state, watch, watchState } from './state.js';

const linux: TrayViewOptions = { platform: 'linux', startAtLogin: false, now: T0 };
const MIN = 60_000;

function labels(menu: MenuItemModel[]): string[] {
  return menu.map((item) => (item.type === 'separator' ? '---' : item.label));
}

function find(menu: MenuItemModel[], label: string): MenuItemModel | undefined {
  for (const item of menu) {
    if (item.type !== 'separator' && item.label === label) return item;
    if (item.type === 'submenu') {
      const inner = find(item.submenu, label);
      if (inner) return inner;
    }
  }
  return undefined;
}

describe('icon per state', () => {
  test('ok when nothing is wrong', () => {
    const view = trayView(state({ watches: [watch(3000, watchState('up', T0 - MIN))] }), linux);
    expect(view.icon).toBe('ok');
    expect(view.tooltip).toBe('Porthole — 2 listening');
  });

  test('down when any watch is down, and it wins over everything else', () => {
    const view = trayView(
      state({
        watches: [
          watch(62893, watchState('down', T0 - 3 * MIN)),
          watch(3000, watchState('up', T0)),
        ],
        conflicts: [conflict(3000)],
        status: {
          state: 'degraded',
          reason: 'netstat failed',
          since: T0,
          retryInMs: 2000,
          source: 'proc',
        },
        notificationsSnoozedUntil: T0 + 15 * MIN,
      }),
      linux,
    );
    expect(view.icon).toBe('down');
    expect(view.tooltip).toContain('62893 down');
  });

  test('error when the monitor is degraded and nothing is down', () => {
    const view = trayView(
      state({
        snapshot: null,
        status: {
          state: 'degraded',
          reason: 'netstat failed',
          since: T0,
          retryInMs: 2000,
          source: 'proc',
        },
      }),
      linux,
    );
    expect(view.icon).toBe('error');
    expect(view.tooltip).toBe("Porthole — can't read ports");
    expect(view.menu[0]).toEqual({
      type: 'normal',
      label: "Can't read ports: netstat failed",
      enabled: false,
      action: null,
    });
  });

  test('attention for a conflict', () => {
    const view = trayView(state({ conflicts: [conflict(3000)] }), linux);
    expect(view.icon).toBe('attention');
    expect(view.tooltip).toBe('Porthole — 2 listening · 1 conflict');
  });

  test('hints and info are listed but raise no attention icon, count or tooltip conflict', () => {
    const hint = conflict(8000, { kind: 'half-reachable', summary: '8000 · python3 (PID 7)' });
    const info = conflict(4100, { deliberate: true, summary: '4100 · node workers' });
    const view = trayView(state({ conflicts: [info, hint] }), {
      ...linux,
      platform: 'darwin',
    });
    expect(view.icon).toBe('ok');
    expect(view.title).toBe('');
    expect(view.tooltip).toBe('Porthole — 2 listening');
    // Listed nonetheless: the hint before the info, each opening its port.
    const items = labels(view.menu);
    expect(items.slice(0, 3)).toEqual(['Problems', hint.summary, info.summary]);
    expect(find(view.menu, hint.summary)).toMatchObject({
      action: { kind: 'open-port', port: 8000 },
    });
  });

  test('a down remote watch is a problem that opens the window (it has no local port page)', () => {
    const remote = watch(5432, watchState('down', T0), {
      id: 'db',
      target: { host: 'db.internal', port: 5432 },
    });
    const s = state({ watches: [remote] });
    const [problem] = buildProblems({ ...s, sockets: [] });
    expect(problem!.title).toBe('db.internal:5432 · down · was node (PID 4121)');
    expect(find(trayView(s, linux).menu, problem!.title)).toMatchObject({
      action: { kind: 'open-window' },
    });
  });

  test('alarming problems come before hints in the menu, whatever the port order', () => {
    const hint = conflict(80, { kind: 'half-reachable', summary: '80 · hint' });
    const warning = conflict(9000, { summary: '9000 · shared' });
    const view = trayView(state({ conflicts: [hint, warning] }), linux);
    expect(view.icon).toBe('attention');
    expect(labels(view.menu).slice(0, 3)).toEqual(['Problems', '9000 · shared', '80 · hint']);
  });

  test('attention for an exposed listener until it is acknowledged', () => {
    const sockets = [
      listener(3000),
      exposedListener(5432),
      exposedListener(8080, { exposure: 'network', localAddress: '192.168.1.20' }),
    ];
    const snapshot = { takenAt: T0, sockets, unattributed: 0, source: 'proc', warnings: [] };
    const exposed = trayView(state({ snapshot }), linux);
    expect(exposed.icon).toBe('attention');
    expect(exposed.tooltip).toContain('2 exposed');

    const acknowledged = trayView(
      state({ snapshot, acknowledgedExposures: ['tcp:0.0.0.0:5432', 'tcp:192.168.1.20:8080'] }),
      linux,
    );
    expect(acknowledged.icon).toBe('ok');
  });

  test('an exposed connection (not a listener) is not an exposure', () => {
    const sockets = [
      exposedListener(5432, { state: 'ESTABLISHED', remoteAddress: '10.0.0.2', remotePort: 50000 }),
    ];
    const view = trayView(
      state({ snapshot: { takenAt: T0, sockets, unattributed: 0, source: 'proc', warnings: [] } }),
      linux,
    );
    expect(view.icon).toBe('ok');
  });

  test('paused while notifications are snoozed and nothing needs attention', () => {
    const until = T0 + 15 * MIN;
    const view = trayView(state({ notificationsSnoozedUntil: until }), linux);
    expect(view.icon).toBe('paused');
    const d = new Date(until);
    const hhmm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
    expect(view.tooltip).toBe(`Porthole — 2 listening · snoozed until ${hhmm}`);
  });

  test('an expired snooze is not paused', () => {
    expect(trayView(state({ notificationsSnoozedUntil: T0 - 1 }), linux).icon).toBe('ok');
  });

  test('the transitions follow the state: ok → attention → down → ok', () => {
    const icons = [
      state(),
      state({ conflicts: [conflict(3000)] }),
      state({ conflicts: [conflict(3000)], watches: [watch(62893, watchState('down', T0))] }),
      state({ watches: [watch(62893, watchState('up', T0))] }),
    ].map((s) => trayView(s, linux).icon);
    expect(icons).toEqual(['ok', 'attention', 'down', 'ok']);
  });
});

describe('tooltip and title', () => {
  test('counts listening ports (not sockets), conflicts and down watches', () => {
    const view = trayView(
      state({
        conflicts: [conflict(3000)],
        watches: [watch(62893, watchState('down', T0))],
      }),
      linux,
    );
    expect(view.tooltip).toBe('Porthole — 2 listening · 1 conflict · 62893 down');
  });

  test('several down watches are counted, not listed', () => {
    const view = trayView(
      state({ watches: [watch(1, watchState('down', T0)), watch(2, watchState('down', T0))] }),
      linux,
    );
    expect(view.tooltip).toContain('2 watches down');
  });

  test('stays within the 127 characters Windows shows', () => {
    const view = trayView(
      state({ watches: [watch(1, watchState('down', T0), { label: 'x'.repeat(200) })] }),
      { ...linux, platform: 'win32' },
    );
    expect(view.tooltip.length).toBeLessThanOrEqual(127);
    expect(view.tooltip.endsWith('…')).toBe(true);
  });

  test('macOS shows the number of problems as the title; other platforms none', () => {
    const problems = state({
      conflicts: [conflict(3000)],
      watches: [watch(62893, watchState('down', T0))],
    });
    expect(trayView(problems, { ...linux, platform: 'darwin' }).title).toBe('2');
    expect(trayView(state(), { ...linux, platform: 'darwin' }).title).toBe('');
    expect(trayView(problems, linux).title).toBe('');
  });
});

describe('menu', () => {
  test('lists problems ranked in one line each, then watches with state and since when, then the actions', () => {
    const s = state({
      watches: [
        watch(62893, watchState('down', T0 - 3 * MIN)),
        watch(5432, watchState('up', T0 - 2 * 60 * MIN), {
          target: { host: 'db.internal', port: 5432 },
          id: 'db',
        }),
        watch(4000, null),
      ],
      conflicts: [conflict(3000)],
    });
    const view = trayView(s, linux);
    // The titles are the domain's one-line problem titles, in its order (the down watch first).
    const problems = buildProblems({ ...s, sockets: s.snapshot?.sockets ?? [] });
    expect(problems.map((p) => p.kind)).toEqual(['watch-down', 'shared-port']);
    expect(labels(view.menu)).toEqual([
      'Problems',
      ...problems.map((p) => p.title),
      'Watches',
      '62893 — down for 3 min',
      'db.internal:5432 — up for 2 h',
      '4000 — checking…',
      '---',
      'Open Porthole',
      'Explain an error…',
      'Watch a port…',
      'Settings…',
      'Snooze notifications',
      'Start at login',
      '---',
      'Quit Porthole',
    ]);
    expect(find(view.menu, problems[1]!.title)).toMatchObject({
      action: { kind: 'open-port', port: 3000 },
    });
    expect(find(view.menu, problems[0]!.title)).toMatchObject({
      action: { kind: 'open-port', port: 62893 },
    });
    expect(find(view.menu, '62893 — down for 3 min')).toMatchObject({
      action: { kind: 'open-port', port: 62893 },
    });
  });

  test('the same state a few seconds later gives the same menu (no rebuild every tick)', () => {
    const s = state({ watches: [watch(62893, watchState('down', T0 - 3 * MIN))] });
    expect(trayView(s, { ...linux, now: T0 + 5000 }).menu).toEqual(trayView(s, linux).menu);
  });

  test('snooze submenu offers 15 min, 1 h, tomorrow 08:00 and resume only while snoozed', () => {
    const awake = find(trayView(state(), linux).menu, 'Snooze notifications');
    expect(awake?.type === 'submenu' && labels(awake.submenu)).toEqual([
      'For 15 minutes',
      'For 1 hour',
      'Until tomorrow 08:00',
      '---',
      'Resume notifications',
    ]);
    expect(find(trayView(state(), linux).menu, 'Resume notifications')).toMatchObject({
      enabled: false,
    });
    const snoozed = trayView(state({ notificationsSnoozedUntil: T0 + MIN }), linux).menu;
    expect(find(snoozed, 'Resume notifications')).toMatchObject({
      enabled: true,
      action: { kind: 'snooze', choice: 'resume' },
    });
  });

  test('start at login is a checkbox reflecting the preference', () => {
    expect(
      find(trayView(state(), { ...linux, startAtLogin: true }).menu, 'Start at login'),
    ).toEqual({
      type: 'checkbox',
      label: 'Start at login',
      checked: true,
      action: { kind: 'toggle-start-at-login' },
    });
  });

  test('long lists are cut with a count of the rest', () => {
    const watches = Array.from({ length: 13 }, (_, i) => watch(1000 + i, watchState('up', T0)));
    const menu = trayView(state({ watches }), linux).menu;
    expect(labels(menu)).toContain('… and 3 more');
    expect(labels(menu).filter((l) => / — up for/.test(l))).toHaveLength(10);
  });

  test('user-written labels keep a literal & on Windows and Linux', () => {
    const s = state({ watches: [watch(3000, watchState('up', T0), { label: 'R&D api' })] });
    expect(labels(trayView(s, linux).menu)).toContain('R&&D api (3000) — up for <1 min');
    expect(labels(trayView(s, { ...linux, platform: 'darwin' }).menu)).toContain(
      'R&D api (3000) — up for <1 min',
    );
  });
});
