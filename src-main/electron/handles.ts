// Narrow views of the Electron objects the shell touches, so each wrapper can be handed a typed fake.
import type {
  BrowserWindow,
  BrowserWindowConstructorOptions,
  Event as ElectronEvent,
  Notification,
  Session,
  Tray,
  WebContents,
  WebFrameMain,
  WebRequest,
} from 'electron';

// Event methods are declared per event with an `unknown` return: Electron's own overloads return
// `this`, which no fake can satisfy, while the real classes still fit these (checked in main.ts).

/** A frame as the sender check sees it. */
export interface FrameHandle extends Pick<WebFrameMain, 'url' | 'processId' | 'routingId'> {
  readonly parent: FrameHandle | null;
}

export interface SessionHandle extends Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler'
> {
  readonly webRequest: Pick<WebRequest, 'onHeadersReceived'>;
}

export interface ContentsHandle extends Pick<
  WebContents,
  'id' | 'send' | 'isDestroyed' | 'setWindowOpenHandler' | 'getURL'
> {
  readonly mainFrame: FrameHandle;
  readonly session: SessionHandle;
  on(event: 'will-navigate', listener: (event: ElectronEvent) => void): unknown;
  on(event: 'will-redirect', listener: (event: ElectronEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: ElectronEvent) => void): unknown;
}

export interface WindowHandle extends Pick<
  BrowserWindow,
  'show' | 'hide' | 'focus' | 'restore' | 'isVisible' | 'isMinimized' | 'isDestroyed' | 'loadURL'
> {
  readonly webContents: ContentsHandle;
  on(event: 'close', listener: (event: ElectronEvent) => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
  on(event: 'show', listener: () => void): unknown;
  on(event: 'hide', listener: () => void): unknown;
  once(event: 'ready-to-show', listener: () => void): unknown;
}

export type CreateWindow = (options: BrowserWindowConstructorOptions) => WindowHandle;

/** `M` is the menu type `buildMenu` returns (Electron's Menu in the app, a fake in tests). */
export interface TrayHandle<M> extends Pick<
  Tray,
  'setImage' | 'setToolTip' | 'setTitle' | 'destroy'
> {
  setContextMenu(menu: M | null): void;
  popUpContextMenu(menu?: M): void;
  on(event: 'click', listener: () => void): unknown;
  on(event: 'right-click', listener: () => void): unknown;
}

export interface NotificationHandle extends Pick<Notification, 'show' | 'close'> {
  on(event: 'click', listener: () => void): unknown;
  on(event: 'close', listener: () => void): unknown;
}
