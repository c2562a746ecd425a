import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, test } from 'vitest';
import { TrayService, type TrayCallbacks } from '../../../src-main/electron/tray.js';
import { trayView, type TrayViewOptions } from '../../../src-main/electron/tray-view.js';
import { FakeMenu, FakeTray } from './fake-electron.js';
import { T0, conflict, state, watch, watchState } from './state.js';

function setup(platform: NodeJS.Platform = 'linux') {
  const trays: FakeTray[] = [];
  const menus: FakeMenu[] = [];
  const calls: string[] = [];
  let now = T0;
  const callbacks: TrayCallbacks = {
    openWindow: () => calls.push('open-window'),
    toggleWindow: () => calls.push('toggle-window'),
    addWatch: () => calls.push('add-watch'),
    openSettings: () => calls.push('open-settings'),
    snooze: (until) => calls.push(`snooze:${until === null ? 'resume' : until - now}`),
    setStartAtLogin: (enabled) => calls.push(`start-at-login:${enabled}`),
    quit: () => calls.push('quit'),
    openPort: (port) => calls.push(`open-port:${port}`),
  };
  const service = new TrayService<FakeMenu>({
    platform,
    createTray: (image) => {
      const tray = new FakeTray(image);
      trays.push(tray);
      return tray;
    },
    buildMenu: (template) => {
      const menu = new FakeMenu(template);
      menus.push(menu);
      return menu;
    },
    iconPath: (icon) => `/icons/${icon}.png`,
    callbacks,
    clock: () => now,
  });
  const options: TrayViewOptions = { platform, startAtLogin: false, now: T0 };
  return {
    service,
    trays,
    menus,
    calls,
    options,
    render: (s = state(), o: Partial<TrayViewOptions> = {}) =>
      service.render(trayView(s, { ...options, ...o })),
    setNow: (ms: number) => (now = ms),
  };
}

function click(item: MenuItemConstructorOptions | undefined): void {
  if (!item?.click) throw new Error(`no clickable item ${item?.label}`);
  // The real click passes (menuItem, window, event); the shell's handlers read none of them.
  (item.click as () => void)();
}

describe('render', () => {
  test('creates the tray once with the state icon, tooltip and menu', () => {
    const t = setup();
    t.render(state({ conflicts: [conflict(3000)] }));
    expect(t.trays).toHaveLength(1);
    const tray = t.trays[0]!;
    expect(tray.image).toBe('/icons/attention.png');
    expect(tray.tooltip).toBe('Porthole — 2 listening · 1 conflict');
    expect(tray.contextMenu).toBe(t.menus[0]);
  });

  test('does nothing when nothing changed: menu built once, tray untouched', () => {
    const t = setup();
    const s = state({ watches: [watch(62893, watchState('down', T0 - 60_000))] });
    t.render(s);
    const tray = t.trays[0]!;
    const before = { ...tray.calls };
    for (let i = 1; i <= 20; i++) t.render(s, { now: T0 + i * 1000 }); // 20 ticks within the minute
    expect(t.menus).toHaveLength(1);
    expect(tray.calls).toEqual(before);
  });

  test('each transition swaps only what changed', () => {
    const t = setup();
    t.render(state());
    const tray = t.trays[0]!;
    expect(tray.image).toBe('/icons/ok.png');

    t.render(state({ watches: [watch(62893, watchState('down', T0))] }));
    expect(tray.image).toBe('/icons/down.png');
    expect(tray.calls.setImage).toBe(1);
    expect(t.menus).toHaveLength(2);

    t.render(state({ watches: [watch(62893, watchState('up', T0))] }));
    expect(tray.image).toBe('/icons/ok.png');

    t.render(state({ notificationsSnoozedUntil: T0 + 60_000 }));
    expect(tray.image).toBe('/icons/paused.png');

    t.render(
      state({
        snapshot: null,
        status: { state: 'degraded', reason: 'x', since: T0, retryInMs: 1, source: 'proc' },
      }),
    );
    expect(tray.image).toBe('/icons/error.png');
    expect(tray.calls.setImage).toBe(4);
    expect(t.trays).toHaveLength(1);
  });

  test('the menu is rebuilt when only its content changes (duration passes a minute)', () => {
    const t = setup();
    const s = state({ watches: [watch(62893, watchState('down', T0))] });
    t.render(s);
    t.render(s, { now: T0 + 61_000 });
    expect(t.menus).toHaveLength(2);
    expect(t.menus[1]!.labels()).toContain('62893 — down for 1 min');
    expect(t.trays[0]!.calls.setImage).toBe(0);
  });

  test('macOS sets the problem count as title, and changes it only on change', () => {
    const t = setup('darwin');
    t.render(state({ conflicts: [conflict(3000)] }));
    t.render(state({ conflicts: [conflict(3000)] }));
    expect(t.trays[0]!.title).toBe('1');
    expect(t.trays[0]!.calls.setTitle).toBe(1);
    t.render(state());
    expect(t.trays[0]!.title).toBe('');
  });

  test('Linux never sets a title', () => {
    const t = setup('linux');
    t.render(state({ conflicts: [conflict(3000)] }));
    expect(t.trays[0]!.calls.setTitle).toBe(0);
  });
});

describe('platform clicks', () => {
  test('Windows: left click toggles the window, right click pops the current menu', () => {
    const t = setup('win32');
    t.render(state());
    const tray = t.trays[0]!;
    expect(tray.calls.setContextMenu).toBe(0);
    tray.listeners.emit('click');
    expect(t.calls).toEqual(['toggle-window']);
    t.render(state({ conflicts: [conflict(3000)] }));
    tray.listeners.emit('right-click');
    expect(tray.poppedUp).toEqual([t.menus[1]]);
  });

  test('Linux and macOS: the tray owns the menu, and no click handlers are needed', () => {
    for (const platform of ['linux', 'darwin'] as const) {
      const t = setup(platform);
      t.render(state());
      expect(t.trays[0]!.contextMenu).toBe(t.menus[0]);
      expect(t.trays[0]!.listeners.count('click')).toBe(0);
    }
  });
});

describe('menu actions reach the callbacks', () => {
  test('open, watch, settings, conflicts, watches and quit', () => {
    const t = setup();
    t.render(
      state({ conflicts: [conflict(3000)], watches: [watch(62893, watchState('down', T0))] }),
    );
    const menu = t.menus[0]!;
    click(menu.find('Open Porthole'));
    click(menu.find('Watch a port…'));
    click(menu.find('Settings…'));
    click(menu.find(conflict(3000).summary));
    click(menu.find('62893 — down for <1 min'));
    click(menu.find('Quit Porthole'));
    expect(t.calls).toEqual([
      'open-window',
      'add-watch',
      'open-settings',
      'open-port:3000',
      'open-port:62893',
      'quit',
    ]);
    expect(menu.find('Watches')).toEqual({ label: 'Watches', enabled: false });
  });

  test('snooze choices are timed by the injected clock at click time', () => {
    const t = setup();
    t.render(state({ notificationsSnoozedUntil: T0 + 1 }));
    t.setNow(T0 + 123);
    const menu = t.menus[0]!;
    click(menu.find('For 15 minutes'));
    click(menu.find('For 1 hour'));
    click(menu.find('Resume notifications'));
    expect(t.calls).toEqual([`snooze:${15 * 60_000}`, `snooze:${60 * 60_000}`, 'snooze:resume']);
  });

  test('"until tomorrow 08:00" ends at 08:00 local time the next day', () => {
    const t = setup();
    let until: number | null = null;
    const service = new TrayService<FakeMenu>({
      platform: 'linux',
      createTray: (image) => new FakeTray(image),
      buildMenu: (template) => (t.menus.push(new FakeMenu(template)), t.menus.at(-1)!),
      iconPath: (icon) => icon,
      clock: () => T0,
      callbacks: { ...noCallbacks(), snooze: (u) => (until = u) },
    });
    service.render(trayView(state(), t.options));
    click(t.menus.at(-1)!.find('Until tomorrow 08:00'));
    const end = new Date(until!);
    const start = new Date(T0);
    expect([end.getHours(), end.getMinutes()]).toEqual([8, 0]);
    expect(end.getDate()).toBe(
      new Date(start.getFullYear(), start.getMonth(), start.getDate() + 1).getDate(),
    );
  });

  test('the start-at-login checkbox asks for the opposite of what it showed', () => {
    const t = setup();
    t.render(state(), { startAtLogin: true });
    click(t.menus[0]!.find('Start at login'));
    t.render(state(), { startAtLogin: false });
    click(t.menus[1]!.find('Start at login'));
    expect(t.calls).toEqual(['start-at-login:false', 'start-at-login:true']);
  });
});

function noCallbacks(): TrayCallbacks {
  const nothing = () => undefined;
  return {
    openWindow: nothing,
    toggleWindow: nothing,
    addWatch: nothing,
    openSettings: nothing,
    snooze: nothing,
    setStartAtLogin: nothing,
    quit: nothing,
    openPort: nothing,
  };
}
