// The one window: secure options, shown when ready, closed to the tray, and reported to the service.
import type { BrowserWindowConstructorOptions } from 'electron';
import type { TrustedWindows } from './ipc/trusted-windows.js';
import type { CreateWindow, WindowHandle } from './handles.js';
import type { RendererLocation } from './renderer-location.js';
import { formatRoute, type Route } from '../shared/routes.js';
import { hardenContents, hardenSession } from './window-security.js';

/** Every web preference that matters for security, spelled out rather than left to defaults. */
export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    title: 'Porthole',
    width: 1100,
    height: 720,
    // Down to a tray popup's width: the window has a compact layout for it (ShellNav, ≤ 480 px).
    minWidth: 400,
    minHeight: 420,
    show: false,
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}

export interface MainWindowOptions {
  createWindow: CreateWindow;
  location: RendererLocation;
  preloadPath: string;
  trusted: TrustedWindows;
  /** service.setWindowOpen: full refreshes only while the window is visible. */
  setWindowOpen(open: boolean): void;
  /** Closing only hides; the first time, tell the user where Porthole went. */
  onFirstCloseToTray(): void;
  /** True once the user chose Quit: then close really closes. */
  isQuitting(): boolean;
  onLoadError(error: unknown): void;
}

export class MainWindow {
  private window: WindowHandle | null = null;
  private ready = false;
  private wantVisible = false;
  private toldAboutTray = false;
  private pending: (() => void)[] = [];

  constructor(private readonly options: MainWindowOptions) {}

  /**
   * Shows the window; with a route, at that place (`#/port/3000`). A loaded page only changes its
   * hash: a same-document navigation its router follows (and no `will-navigate` to refuse).
   */
  show(route?: Route): void {
    this.wantVisible = true;
    const existing = this.live();
    const window = existing ?? this.create(route);
    if (existing && route) this.afterLoad(() => this.load(window, route));
    if (!this.ready) return; // ready-to-show will show it, without a white flash
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }

  hide(): void {
    this.wantVisible = false;
    this.live()?.hide();
  }

  /** Windows' tray left click. */
  toggle(): void {
    if (this.isVisible()) this.hide();
    else this.show();
  }

  /** Runs `task` once the page has loaded (at once if it has): events sent earlier would be lost. */
  afterLoad(task: () => void): void {
    if (this.ready && this.live()) task();
    else this.pending.push(task);
  }

  isVisible(): boolean {
    return this.live()?.isVisible() ?? false;
  }

  private live(): WindowHandle | null {
    return this.window && !this.window.isDestroyed() ? this.window : null;
  }

  private load(window: WindowHandle, route?: Route): void {
    const page = this.options.location.url.split('#', 1)[0] ?? '';
    const url = route ? `${page}${formatRoute(route)}` : page;
    // Already there: loading the very same address could count as a reload.
    if (route && window.webContents.getURL() === url) return;
    window.loadURL(url).catch((error: unknown) => this.options.onLoadError(error));
  }

  private create(route?: Route): WindowHandle {
    const { options } = this;
    const window = options.createWindow(windowOptions(options.preloadPath));
    const contents = window.webContents;
    const contentsId = { id: contents.id }; // webContents is gone by the time 'closed' fires
    hardenContents(contents);
    hardenSession(contents.session, options.location);
    options.trusted.add(contents);
    this.window = window;
    this.ready = false;

    window.once('ready-to-show', () => {
      this.ready = true;
      if (this.wantVisible) window.show();
      for (const task of this.pending.splice(0)) task();
    });
    window.on('show', () => options.setWindowOpen(true));
    window.on('hide', () => options.setWindowOpen(false));
    window.on('close', (event) => {
      if (options.isQuitting()) return;
      event.preventDefault();
      this.hide();
      if (!this.toldAboutTray) {
        this.toldAboutTray = true;
        options.onFirstCloseToTray();
      }
    });
    window.on('closed', () => {
      options.trusted.remove(contentsId);
      options.setWindowOpen(false);
      this.window = null;
    });

    this.load(window, route);
    return window;
  }
}
