import { describe, expect, test, vi } from 'vitest';
import { AppLifecycle } from '../../../src-main/electron/app-lifecycle.js';
import { FakeApp, FakeEvent } from './fake-electron.js';

const options = { platform: 'linux' as NodeJS.Platform, appUserModelId: 'dev.porthole.app' };

describe('single instance', () => {
  test('the first instance takes the lock; a second launch shows its window', () => {
    const app = new FakeApp();
    const shown: string[] = [];
    expect(new AppLifecycle(app, options).claimSingleInstance(() => shown.push('show'))).toBe(true);
    app.listeners.emit('second-instance', new FakeEvent(), ['porthole'], '/');
    expect(shown).toEqual(['show']);
  });

  test('a second instance gets no lock and registers nothing', () => {
    const app = new FakeApp();
    app.lock = false;
    expect(new AppLifecycle(app, options).claimSingleInstance(() => undefined)).toBe(false);
    expect(app.listeners.count('second-instance')).toBe(0);
  });
});

describe('prepare', () => {
  test('macOS hides the Dock icon; Windows sets the app user model id', () => {
    const mac = new FakeApp();
    new AppLifecycle(mac, { ...options, platform: 'darwin' }).prepare();
    expect(mac.hiddenDock).toBe(1);
    expect(mac.appUserModelId).toBeNull();

    const win = new FakeApp();
    new AppLifecycle(win, { ...options, platform: 'win32' }).prepare();
    expect(win.hiddenDock).toBe(0);
    expect(win.appUserModelId).toBe('dev.porthole.app');
  });

  test('a missing dock is fine, and closing the last window does not quit', () => {
    const app = new FakeApp();
    app.dock = undefined;
    new AppLifecycle(app, { ...options, platform: 'darwin' }).prepare();
    expect(app.listeners.count('window-all-closed')).toBe(1);
    app.listeners.emit('window-all-closed');
    expect(app.quits).toBe(0);
  });
});

describe('quit', () => {
  test('quitting stops the service first, then quits for real', async () => {
    const app = new FakeApp();
    const lifecycle = new AppLifecycle(app, options);
    const steps: string[] = [];
    let finish!: () => void;
    lifecycle.stopBeforeQuit(
      () =>
        new Promise<void>((resolve) => {
          steps.push('stop');
          finish = () => {
            steps.push('stopped');
            resolve();
          };
        }),
      () => undefined,
    );
    expect(lifecycle.isQuitting()).toBe(false);
    const first = new FakeEvent();
    app.listeners.emit('before-quit', first);
    expect(first.defaultPrevented).toBe(true);
    expect(lifecycle.isQuitting()).toBe(true);
    expect(app.quits).toBe(0);
    finish();
    await new Promise((resolve) => setImmediate(resolve));
    expect(steps).toEqual(['stop', 'stopped']);
    expect(app.quits).toBe(1); // the second before-quit (from that quit) is let through
  });

  test('a failing stop is reported and the app still quits', async () => {
    const app = new FakeApp();
    const errors: unknown[] = [];
    const lifecycle = new AppLifecycle(app, options);
    lifecycle.stopBeforeQuit(
      () => Promise.reject(new Error('flush failed')),
      (e) => errors.push(e),
    );
    lifecycle.quit();
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors).toEqual([new Error('flush failed')]);
    expect(app.quits).toBe(2);
  });

  test('a stop that hangs is given up after the timeout', async () => {
    vi.useFakeTimers();
    try {
      const app = new FakeApp();
      const lifecycle = new AppLifecycle(app, { ...options, stopTimeoutMs: 5000 });
      lifecycle.stopBeforeQuit(
        () => new Promise<void>(() => undefined),
        () => undefined,
      );
      lifecycle.quit();
      await vi.advanceTimersByTimeAsync(4999);
      expect(app.quits).toBe(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(app.quits).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
