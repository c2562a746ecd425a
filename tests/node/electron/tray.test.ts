import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, test } from 'vitest';
import { TrayService, type TrayCallbacks } from '../../../src-main/electron/tray.js';
import { trayView, type TrayViewOptions } from '../../../src-main/electron/tray-view.js';
import { formatRoute } from '../../../src-main/shared/routes.js';
import { TrustedWindows } from '../../../src-main/electron/ipc/trusted-windows.js';
import { rendererLocation } from '../../../src-main/electron/renderer-location.js';
import { MainWindow } from '../../../src-main/electron/window.js';
import { FakeMenu, FakeTray, FakeWindow } from './fake-electron.js';
import { T0, conflict, state, watch, watchState } from './state.js';

function setup(platform: NodeJS.Platform = 'linux') {
  const trays: FakeTray[] = [];
  const menus: FakeMenu[] = [];
  const calls: string[] = [];
  let now = T0;
  const callbacks: TrayCallbacks = {
    openWindow: () => calls.push('open-window'),
    toggleWindow: () => calls.push('toggle-window'),
    openRoute: (route) => calls.push(`open:${formatRoute(route)}`),
    snooze: (until) => calls.push(`snooze:${until === null ? 'resume' : until - now}`),
    setStartAtLogin: (enabled) => calls.push(`start-at-login:${enabled}`),
    quit: () => calls.push('quit'),
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
      'open:#/watches',
      'open:#/settings',
      'open:#/port/3000',
      'open:#/port/62893',
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
    openRoute: nothing,
    snooze: nothing,
    setStartAtLogin: nothing,
    quit: nothing,
  };
}

describe('"Explain an error…"', () => {
  test('sits right after "Open Porthole", in a calm menu and in a busy one', () => {
    const calm = setup();
    calm.render(state());
    const busy = setup();
    busy.render(
      state({ conflicts: [conflict(3000)], watches: [watch(62893, watchState('down', T0))] }),
    );
    for (const menu of [calm.menus[0]!, busy.menus[0]!]) {
      const items = menu.labels();
      const open = items.indexOf('Open Porthole');
      expect(open).toBeGreaterThanOrEqual(0);
      expect(items[open + 1]).toBe('Explain an error…');
      expect(menu.find('Explain an error…')?.enabled).toBe(true);
    }
  });

  test('shows the window on Overview with the Explain box focused: a new window, then a loaded one', () => {
    const windows: FakeWindow[] = [];
    const location = rendererLocation({ rendererDir: '/app/out', env: {}, packaged: true });
    const main = new MainWindow({
      createWindow: (options) => {
        windows.push(new FakeWindow(options));
        return windows.at(-1)!;
      },
      location,
      preloadPath: '/app/out/preload/index.cjs',
      trusted: new TrustedWindows(location),
      setWindowOpen: () => undefined,
      onFirstCloseToTray: () => undefined,
      isQuitting: () => false,
      onLoadError: (error) => {
        throw error;
      },
    });
    const menus: FakeMenu[] = [];
    const tray = new TrayService<FakeMenu>({
      platform: 'linux',
      createTray: (image) => new FakeTray(image),
      buildMenu: (template) => (menus.push(new FakeMenu(template)), menus.at(-1)!),
      iconPath: (icon) => icon,
      clock: () => T0,
      // As the shell wires it (main.ts): a route opens the window there.
      callbacks: { ...noCallbacks(), openRoute: (route) => main.show(route) },
    });
    tray.render(trayView(state(), { platform: 'linux', startAtLogin: false, now: T0 }));

    click(menus[0]!.find('Explain an error…'));
    expect(windows).toHaveLength(1);
    const window = windows[0]!;
    expect(window.loaded).toEqual(['porthole://app/index.html#/overview?focus=explain']);
    window.listeners.emit('ready-to-show');
    expect(window.visible).toBe(true);

    // Hidden, then on another place: the item brings it back to the Explain box, in front.
    window.hide();
    main.show({ view: 'listeners' });
    const focusedBefore = window.focused;
    click(menus[0]!.find('Explain an error…'));
    expect(window.loaded.at(-1)).toBe('porthole://app/index.html#/overview?focus=explain');
    expect(window.visible).toBe(true);
    expect(window.focused).toBeGreaterThan(focusedBefore);
    expect(windows).toHaveLength(1);
  });
});
