// Typed fakes of the Electron objects the shell uses. Each fake implements the shell's handle type
// (itself a Pick of the real typings), and the real classes are checked to fit the same handles,
// so a change in Electron's API fails the type-check instead of passing with a stale fake.
import type {
  App,
  BrowserWindow,
  BrowserWindowConstructorOptions,
  ContextBridge,
  Event as ElectronEvent,
  IpcMain,
  IpcMainInvokeEvent,
  IpcRenderer,
  IpcRendererEvent,
  Menu,
  MenuItemConstructorOptions,
  Notification,
  NotificationConstructorOptions,
  Shell,
  Tray,
  WebFrameMain,
} from 'electron';
import type { LifecycleApp } from '../../../src-main/electron/app-lifecycle.js';
import type {
  ContentsHandle,
  FrameHandle,
  NotificationHandle,
  SessionHandle,
  TrayHandle,
  WindowHandle,
} from '../../../src-main/electron/handles.js';
import type { SenderEvent } from '../../../src-main/electron/ipc/trusted-windows.js';
import type { RendererIpc } from '../../../src-main/preload/ipc-transport.js';
import type { PortholeEvent } from '../../../src-main/shared/contract.js';

type Fits<Real, Handle> = Real extends Handle ? true : false;
/** Compile-time: the real Electron objects satisfy every handle the shell declares. */
export const REAL_ELECTRON_FITS: [
  Fits<Tray, TrayHandle<Menu>>,
  Fits<BrowserWindow, WindowHandle>,
  Fits<Notification, NotificationHandle>,
  Fits<WebFrameMain, FrameHandle>,
  Fits<IpcMainInvokeEvent, SenderEvent>,
  Fits<App, LifecycleApp>,
  Fits<IpcRenderer, RendererIpc>,
] = [true, true, true, true, true, true, true];

type Listener = (...args: never[]) => unknown;

/** Records listeners by event name, for the fakes' `on`/`once`. */
class Listeners {
  private readonly map = new Map<string, Listener[]>();
  add(event: string, listener: Listener): void {
    this.map.set(event, [...(this.map.get(event) ?? []), listener]);
  }
  count(event: string): number {
    return this.map.get(event)?.length ?? 0;
  }
  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.map.get(event) ?? [])
      (listener as (...a: unknown[]) => unknown)(...args);
  }
}

/** An Electron Event whose preventDefault is observable. */
export class FakeEvent implements Pick<ElectronEvent, 'preventDefault'> {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

// ---- tray and menu ----

export class FakeMenu {
  constructor(readonly template: MenuItemConstructorOptions[]) {}
  /** Finds an item by label anywhere in the menu. */
  find(label: string, items = this.template): MenuItemConstructorOptions | undefined {
    for (const item of items) {
      if (item.label === label) return item;
      const sub = Array.isArray(item.submenu) ? this.find(label, item.submenu) : undefined;
      if (sub) return sub;
    }
    return undefined;
  }
  labels(): string[] {
    return this.template.map((item) => (item.type === 'separator' ? '---' : (item.label ?? '')));
  }
}

export class FakeTray implements TrayHandle<FakeMenu> {
  readonly listeners = new Listeners();
  image: string;
  tooltip: string | null = null;
  title: string | null = null;
  contextMenu: FakeMenu | null = null;
  poppedUp: FakeMenu[] = [];
  calls = { setImage: 0, setToolTip: 0, setTitle: 0, setContextMenu: 0 };
  destroyed = false;
  constructor(image: string) {
    this.image = image;
  }
  setImage(image: string): void {
    this.calls.setImage++;
    this.image = image;
  }
  setToolTip(toolTip: string): void {
    this.calls.setToolTip++;
    this.tooltip = toolTip;
  }
  setTitle(title: string): void {
    this.calls.setTitle++;
    this.title = title;
  }
  setContextMenu(menu: FakeMenu | null): void {
    this.calls.setContextMenu++;
    this.contextMenu = menu;
  }
  popUpContextMenu(menu?: FakeMenu): void {
    if (menu) this.poppedUp.push(menu);
  }
  destroy(): void {
    this.destroyed = true;
  }
  on(event: string, listener: () => void): this {
    this.listeners.add(event, listener);
    return this;
  }
}

// ---- notifications ----

export class FakeNotification implements NotificationHandle {
  readonly listeners = new Listeners();
  shown = 0;
  closed = false;
  constructor(readonly options: NotificationConstructorOptions) {}
  show(): void {
    this.shown++;
  }
  close(): void {
    this.closed = true;
    this.listeners.emit('close');
  }
  on(event: string, listener: () => void): this {
    this.listeners.add(event, listener);
    return this;
  }
  click(): void {
    this.listeners.emit('click');
  }
}

// ---- frames, sessions, webContents, windows ----

export class FakeFrame implements FrameHandle {
  constructor(
    public url: string,
    readonly processId: number,
    readonly routingId: number,
    readonly parent: FakeFrame | null = null,
  ) {}
}

type HeadersListener = Parameters<SessionHandle['webRequest']['onHeadersReceived']>[0];
type RequestHandler = Parameters<SessionHandle['setPermissionRequestHandler']>[0];
type CheckHandler = Parameters<SessionHandle['setPermissionCheckHandler']>[0];

export class FakeSession implements SessionHandle {
  headersListener: HeadersListener | null = null;
  permissionRequestHandler: RequestHandler = null;
  permissionCheckHandler: CheckHandler = null;
  readonly webRequest: SessionHandle['webRequest'] = {
    onHeadersReceived: (...args: unknown[]) => {
      // Both overloads: (listener) and (filter, listener).
      this.headersListener = (args.length === 1 ? args[0] : args[1]) as HeadersListener;
    },
  };
  setPermissionRequestHandler(handler: RequestHandler): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: CheckHandler): void {
    this.permissionCheckHandler = handler;
  }
}

let nextContentsId = 1;

type OpenHandler = Parameters<ContentsHandle['setWindowOpenHandler']>[0];

export class FakeContents implements ContentsHandle {
  readonly id = nextContentsId++;
  readonly listeners = new Listeners();
  readonly sent: { channel: string; args: unknown[] }[] = [];
  readonly session = new FakeSession();
  readonly mainFrame: FakeFrame;
  windowOpenHandler: OpenHandler | null = null;
  destroyed = false;
  /** The page's address (the window's last loadURL): getURL() answers it. */
  url = '';
  constructor(url = 'porthole://app/index.html') {
    this.mainFrame = new FakeFrame(url, 10 + this.id, 1);
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getURL(): string {
    return this.url;
  }
  setWindowOpenHandler(handler: OpenHandler): void {
    this.windowOpenHandler = handler;
  }
  on(event: string, listener: (event: ElectronEvent) => void): this {
    this.listeners.add(event, listener);
    return this;
  }
  /** Fires `event` with a FakeEvent (plus extra args) and returns it. */
  fire(event: string, ...args: unknown[]): FakeEvent {
    const e = new FakeEvent();
    this.listeners.emit(event, e, ...args);
    return e;
  }
  /** An invoke event as Electron builds it for a call from this contents' frame. */
  senderEvent(frame: FakeFrame | null = this.mainFrame): SenderEvent {
    return { sender: this, senderFrame: frame };
  }
}

export class FakeWindow implements WindowHandle {
  readonly listeners = new Listeners();
  readonly webContents = new FakeContents();
  visible = false;
  minimized = false;
  destroyed = false;
  focused = 0;
  loaded: string[] = [];
  loadError: Error | null = null;
  constructor(readonly options: BrowserWindowConstructorOptions) {}
  show(): void {
    if (!this.visible) {
      this.visible = true;
      this.listeners.emit('show');
    }
  }
  hide(): void {
    if (this.visible) {
      this.visible = false;
      this.listeners.emit('hide');
    }
  }
  focus(): void {
    this.focused++;
  }
  restore(): void {
    this.minimized = false;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    this.webContents.url = url;
    return this.loadError ? Promise.reject(this.loadError) : Promise.resolve();
  }
  on(event: string, listener: (event: ElectronEvent) => void): this {
    this.listeners.add(event, listener);
    return this;
  }
  once(event: string, listener: () => void): this {
    this.listeners.add(event, listener);
    return this;
  }
  /** The user clicked the close button; returns whether the close was prevented. */
  userClose(): boolean {
    const event = new FakeEvent();
    this.listeners.emit('close', event);
    if (!event.defaultPrevented) {
      this.visible = false;
      this.destroyed = true;
      this.webContents.destroyed = true;
      this.listeners.emit('closed');
    }
    return event.defaultPrevented;
  }
}

// ---- process-wide modules (served through vi.mock('electron')) ----

type InvokeListener = Parameters<IpcMain['handle']>[1];

export class FakeIpcMain implements Pick<IpcMain, 'handle' | 'removeHandler'> {
  readonly handlers = new Map<string, InvokeListener>();
  handle(channel: string, listener: InvokeListener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /**
   * Calls a handler as Electron would. The event carries only what the shell reads (SenderEvent);
   * the cast is confined here.
   */
  async invoke(channel: string, event: SenderEvent, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return (await handler(event as IpcMainInvokeEvent, ...args)) as unknown;
  }
}

type RendererListener = (event: IpcRendererEvent, payload: PortholeEvent) => void;

export class FakeIpcRenderer implements RendererIpc {
  readonly listeners = new Map<string, RendererListener[]>();
  readonly invoked: { channel: string; args: unknown[] }[] = [];
  answer: (channel: string, ...args: unknown[]) => Promise<unknown> = () =>
    Promise.resolve({ ok: true, value: null });
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return this.answer(channel, ...args);
  }
  on(channel: string, listener: RendererListener): this {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
    return this;
  }
  removeListener(channel: string, listener: RendererListener): this {
    this.listeners.set(
      channel,
      (this.listeners.get(channel) ?? []).filter((l) => l !== listener),
    );
    return this;
  }
  /** Main sent `payload` on `channel`: every listener gets a (fake) event and the payload. */
  emit(channel: string, payload: PortholeEvent): void {
    const event = { sender: this } as unknown as IpcRendererEvent;
    for (const listener of this.listeners.get(channel) ?? []) listener(event, payload);
  }
}

export class FakeContextBridge implements Pick<ContextBridge, 'exposeInMainWorld'> {
  readonly exposed = new Map<string, unknown>();
  exposeInMainWorld(apiKey: string, api: unknown): void {
    this.exposed.set(apiKey, api);
  }
}

export class FakeShell implements Pick<Shell, 'openExternal'> {
  readonly opened: string[] = [];
  openExternal(url: string): Promise<void> {
    this.opened.push(url);
    return Promise.resolve();
  }
}

type LoginSettings = Parameters<App['setLoginItemSettings']>[0];

export class FakeApp implements LifecycleApp, Pick<App, 'setLoginItemSettings'> {
  readonly listeners = new Listeners();
  lock = true;
  quits = 0;
  hiddenDock = 0;
  appUserModelId: string | null = null;
  loginItems: LoginSettings[] = [];
  dock: { hide(): void } | undefined = { hide: () => void this.hiddenDock++ };
  requestSingleInstanceLock(): boolean {
    return this.lock;
  }
  quit(): void {
    this.quits++;
    const event = new FakeEvent();
    this.listeners.emit('before-quit', event);
  }
  setAppUserModelId(id: string): void {
    this.appUserModelId = id;
  }
  setLoginItemSettings(settings: LoginSettings): void {
    this.loginItems.push(settings);
  }
  on(event: string, listener: (event: ElectronEvent) => void): this {
    this.listeners.add(event, listener);
    return this;
  }
}

/** The process-wide singletons `vi.mock('electron', ...)` hands to the modules under test. */
export const fakeElectron = {
  ipcMain: new FakeIpcMain(),
  ipcRenderer: new FakeIpcRenderer(),
  contextBridge: new FakeContextBridge(),
  shell: new FakeShell(),
};
