// App-level lifecycle: one instance, tray-only presence, and a quit that stops the service first.
import type { App, Dock, Event as ElectronEvent } from 'electron';

/** The parts of Electron's `app` the lifecycle uses (the real one fits; tests hand in a fake). */
export interface LifecycleApp extends Pick<
  App,
  'requestSingleInstanceLock' | 'quit' | 'setAppUserModelId'
> {
  readonly dock: Pick<Dock, 'hide'> | undefined;
  on(event: 'second-instance', listener: () => void): unknown;
  on(event: 'before-quit', listener: (event: ElectronEvent) => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
}

export interface LifecycleOptions {
  platform: NodeJS.Platform;
  /** Windows groups notifications and taskbar entries by this; it must match the installer's appId. */
  appUserModelId: string;
  /** Longest wait for the service to stop before quitting anyway. */
  stopTimeoutMs?: number;
}

export class AppLifecycle {
  private quitting = false;
  private stopped = false;

  constructor(
    private readonly app: LifecycleApp,
    private readonly options: LifecycleOptions,
  ) {}

  /** False when another Porthole already runs: that one is shown instead, and this one must exit. */
  claimSingleInstance(showExisting: () => void): boolean {
    if (!this.app.requestSingleInstanceLock()) return false;
    this.app.on('second-instance', showExisting);
    return true;
  }

  /** After `ready`: no Dock icon on macOS, an app id for Windows toasts, alive with no windows. */
  prepare(): void {
    if (this.options.platform === 'darwin') this.app.dock?.hide();
    if (this.options.platform === 'win32') this.app.setAppUserModelId(this.options.appUserModelId);
    // Without a listener Electron quits when the last window closes; Porthole lives in the tray.
    this.app.on('window-all-closed', () => undefined);
  }

  /**
   * Quit runs `stop` (monitor off, history flushed) before the app goes: the first before-quit is
   * held back until it finishes or times out, then quit is asked again and allowed.
   */
  stopBeforeQuit(stop: () => Promise<void>, onError: (error: unknown) => void): void {
    this.app.on('before-quit', (event) => {
      this.quitting = true;
      if (this.stopped) return;
      event.preventDefault();
      this.stopped = true;
      const limit = this.options.stopTimeoutMs ?? 5000;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, limit);
      });
      Promise.race([stop(), timeout])
        .catch(onError)
        .finally(() => {
          clearTimeout(timer);
          this.app.quit();
        });
    });
  }

  /** True from the first quit request on: window close handlers then let the window really close. */
  isQuitting(): boolean {
    return this.quitting;
  }

  quit(): void {
    this.quitting = true;
    this.app.quit();
  }
}
