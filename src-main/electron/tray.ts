// The tray icon: renders a TrayView onto an injected Electron tray, touching it only where something changed.
import type { MenuItemConstructorOptions } from 'electron';
import type { Clock } from '../domain/model.js';
import type { TrayHandle } from './handles.js';
import { snoozeUntil } from '../domain/snooze.js';
import { EXPLAIN_ROUTE, type Route } from '../shared/routes.js';
import type { MenuItemModel, TrayAction, TrayIcon, TrayView } from './tray-view.js';

export interface TrayCallbacks {
  openWindow(): void;
  /** Windows' left click: show the window, or hide it when it is in front. */
  toggleWindow(): void;
  /** Shows the window at a place (`#/watches`, `#/port/3000`, `#/overview?focus=explain`). */
  openRoute(route: Route): void;
  /** Epoch ms, or null to resume notifications. */
  snooze(until: number | null): void;
  setStartAtLogin(enabled: boolean): void;
  quit(): void;
}

export interface TrayServiceOptions<M> {
  platform: NodeJS.Platform;
  /** `new Tray(image)` in the app. */
  createTray(image: string): TrayHandle<M>;
  /** `Menu.buildFromTemplate` in the app. */
  buildMenu(template: MenuItemConstructorOptions[]): M;
  /** File for an icon state on this platform (icons.ts). */
  iconPath(icon: TrayIcon): string;
  callbacks: TrayCallbacks;
  clock: Clock;
}

export class TrayService<M> {
  private tray: TrayHandle<M> | null = null;
  private menu: M | null = null;
  private shown: { icon: TrayIcon; tooltip: string; title: string; menu: string } | null = null;

  constructor(private readonly options: TrayServiceOptions<M>) {}

  /** Safe to call every tick: the tray is touched only for what differs from the last render. */
  render(view: TrayView): void {
    const menuKey = JSON.stringify(view.menu);
    const before = this.shown;
    const tray = this.tray ?? this.create(view.icon);
    if (before && before.icon !== view.icon) tray.setImage(this.options.iconPath(view.icon));
    if (before?.tooltip !== view.tooltip) tray.setToolTip(view.tooltip);
    if (this.options.platform === 'darwin' && before?.title !== view.title) {
      tray.setTitle(view.title);
    }
    if (before?.menu !== menuKey) {
      this.menu = this.options.buildMenu(view.menu.map((item) => this.toTemplate(item)));
      // Windows pops the menu itself on right click (see create); elsewhere the tray owns it.
      if (this.options.platform !== 'win32') tray.setContextMenu(this.menu);
    }
    this.shown = { icon: view.icon, tooltip: view.tooltip, title: view.title, menu: menuKey };
  }

  /** What the tray shows now (null before the first render): for the smoke test's hook. */
  shownState(): { icon: TrayIcon; tooltip: string } | null {
    return this.shown && { icon: this.shown.icon, tooltip: this.shown.tooltip };
  }

  destroy(): void {
    this.tray?.destroy();
    this.tray = null;
    this.menu = null;
    this.shown = null;
  }

  private create(icon: TrayIcon): TrayHandle<M> {
    const tray = this.options.createTray(this.options.iconPath(icon));
    if (this.options.platform === 'win32') {
      // Windows convention: left click toggles the window, right click opens the menu.
      tray.on('click', () => this.options.callbacks.toggleWindow());
      tray.on('right-click', () => {
        if (this.menu !== null) tray.popUpContextMenu(this.menu);
      });
    }
    // macOS opens the context menu on click; Linux (AppIndicator) delivers no clicks at all, so
    // every action lives in the menu.
    this.tray = tray;
    return tray;
  }

  private toTemplate(item: MenuItemModel): MenuItemConstructorOptions {
    switch (item.type) {
      case 'separator':
        return { type: 'separator' };
      case 'submenu':
        return {
          label: item.label,
          submenu: item.submenu.map((child) => this.toTemplate(child)),
        };
      case 'checkbox':
        return {
          type: 'checkbox',
          label: item.label,
          checked: item.checked,
          click: () => this.perform(item.action, item.checked),
        };
      case 'normal': {
        const { action } = item;
        return action
          ? { label: item.label, enabled: item.enabled, click: () => this.perform(action, false) }
          : { label: item.label, enabled: item.enabled };
      }
    }
  }

  private perform(action: TrayAction, checked: boolean): void {
    const on = this.options.callbacks;
    switch (action.kind) {
      case 'open-window':
        return on.openWindow();
      case 'open-port':
        return on.openRoute({ view: 'port', port: action.port });
      case 'explain':
        return on.openRoute(EXPLAIN_ROUTE);
      case 'add-watch':
        return on.openRoute({ view: 'watches' });
      case 'open-settings':
        return on.openRoute({ view: 'settings' });
      case 'snooze':
        return on.snooze(snoozeUntil(action.choice, this.options.clock()));
      case 'toggle-start-at-login':
        // The model's value is what the user saw; Electron has already flipped its own copy.
        return on.setStartAtLogin(!checked);
      case 'quit':
        return on.quit();
    }
  }
}
