import type { BrowserWindowConstructorOptions, HeadersReceivedResponse } from 'electron';
import { describe, expect, test } from 'vitest';
import { TrustedWindows } from '../../../src-main/electron/ipc/trusted-windows.js';
import {
  isRendererUrl,
  rendererLocation,
  type RendererLocation,
} from '../../../src-main/electron/renderer-location.js';
import { MainWindow, windowOptions } from '../../../src-main/electron/window.js';
import { contentSecurityPolicy } from '../../../src-main/electron/window-security.js';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/shared/csp.js';
import { SECURITY_HEADERS } from '../../../src-main/web/responses.js';
import { FakeWindow } from './fake-electron.js';

const appLocation = rendererLocation({ rendererDir: '/app/out/renderer', env: {}, packaged: true });

function setup(location: RendererLocation = appLocation) {
  const windows: FakeWindow[] = [];
  const open: boolean[] = [];
  const notices: string[] = [];
  const loadErrors: unknown[] = [];
  let quitting = false;
  const trusted = new TrustedWindows(location);
  const main = new MainWindow({
    createWindow: (options: BrowserWindowConstructorOptions) => {
      const window = new FakeWindow(options);
      windows.push(window);
      return window;
    },
    location,
    preloadPath: '/app/out/preload/index.cjs',
    trusted,
    setWindowOpen: (value) => open.push(value),
    onFirstCloseToTray: () => notices.push('still running'),
    isQuitting: () => quitting,
    onLoadError: (error) => loadErrors.push(error),
  });
  const ready = () => windows.at(-1)!.listeners.emit('ready-to-show');
  return {
    main,
    windows,
    open,
    notices,
    loadErrors,
    trusted,
    ready,
    quit: () => (quitting = true),
  };
}

describe('window options', () => {
  test('are exactly the secure ones, with our preload, hidden until ready', () => {
    const options = windowOptions('/app/out/preload/index.cjs');
    expect(options.show).toBe(false);
    expect(options.webPreferences).toEqual({
      preload: '/app/out/preload/index.cjs',
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
    });
  });

  test('the factory receives them and loads our page', () => {
    const t = setup();
    t.main.show();
    expect(t.windows).toHaveLength(1);
    expect(t.windows[0]!.options).toEqual(windowOptions('/app/out/preload/index.cjs'));
    expect(t.windows[0]!.loaded).toEqual(['porthole://app/index.html']);
  });

  test('in development it loads the dev server instead', () => {
    const dev = rendererLocation({
      rendererDir: '/x',
      env: { ELECTRON_RENDERER_URL: 'http://localhost:5173/' },
      packaged: false,
    });
    const t = setup(dev);
    t.main.show();
    expect(t.windows[0]!.loaded).toEqual(['http://localhost:5173/']);
  });
});

describe('lock-down', () => {
  test('navigation, redirects and webviews are prevented; window.open is denied', () => {
    const t = setup();
    t.main.show();
    const contents = t.windows[0]!.webContents;
    expect(contents.fire('will-navigate', 'https://evil.example/').defaultPrevented).toBe(true);
    expect(contents.fire('will-navigate', 'file:///etc/passwd').defaultPrevented).toBe(true);
    expect(contents.fire('will-redirect', 'https://evil.example/').defaultPrevented).toBe(true);
    expect(contents.fire('will-attach-webview').defaultPrevented).toBe(true);
    expect(
      contents.windowOpenHandler?.({
        url: 'https://example.com',
        frameName: '',
        features: '',
        disposition: 'new-window',
        referrer: { url: '', policy: 'default' },
      }),
    ).toEqual({ action: 'deny' });
  });

  test('every permission request and check is denied', () => {
    const t = setup();
    t.main.show();
    const session = t.windows[0]!.webContents.session;
    const answers: boolean[] = [];
    for (const permission of ['media', 'notifications', 'clipboard-read', 'geolocation'] as const) {
      session.permissionRequestHandler?.(
        {} as never, // the handler reads no argument but the callback
        permission,
        (granted) => answers.push(granted),
        { isMainFrame: true, requestingUrl: 'porthole://app/index.html' },
      );
      answers.push(
        session.permissionCheckHandler?.(null, permission, 'porthole://app', {
          isMainFrame: true,
          requestingUrl: 'porthole://app/index.html',
          embeddingOrigin: 'porthole://app',
        }) ?? true,
      );
    }
    expect(answers).toEqual(Array(8).fill(false));
  });

  test('clipboard writes are allowed to our own page only, never clipboard reads', () => {
    const t = setup();
    t.main.show();
    const session = t.windows[0]!.webContents.session;
    const ask = (permission: 'clipboard-sanitized-write' | 'clipboard-read', url: string) => {
      let granted: boolean | null = null;
      session.permissionRequestHandler?.({} as never, permission, (g) => (granted = g), {
        isMainFrame: true,
        requestingUrl: url,
      });
      const checked = session.permissionCheckHandler?.(null, permission, url, {
        isMainFrame: true,
        requestingUrl: url,
        embeddingOrigin: url,
      });
      return [granted, checked];
    };
    expect(ask('clipboard-sanitized-write', 'porthole://app/index.html')).toEqual([true, true]);
    expect(ask('clipboard-sanitized-write', 'https://example.com/')).toEqual([false, false]);
    expect(ask('clipboard-read', 'porthole://app/index.html')).toEqual([false, false]);
  });

  test('our responses get the CSP header; other responses are left alone', () => {
    const t = setup();
    t.main.show();
    const listener = t.windows[0]!.webContents.session.headersListener!;
    const respond = (url: string) => {
      let response: HeadersReceivedResponse | undefined;
      listener(
        {
          id: 1,
          url,
          method: 'GET',
          resourceType: 'mainFrame',
          referrer: '',
          timestamp: 0,
          statusLine: 'HTTP/1.1 200 OK',
          statusCode: 200,
          responseHeaders: { 'Content-Type': ['text/html'] },
        },
        (r) => (response = r),
      );
      return response;
    };
    expect(respond('porthole://app/index.html')).toEqual({
      responseHeaders: {
        'Content-Type': ['text/html'],
        'Content-Security-Policy': [contentSecurityPolicy(appLocation)],
      },
    });
    expect(respond('https://example.com/')).toEqual({});
  });

  test("the CSP is browser mode's one policy: our own origin only, no inline styles; dev adds HMR", () => {
    const csp = contentSecurityPolicy(appLocation);
    expect(csp).toBe(CONTENT_SECURITY_POLICY);
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(csp);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self';");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-|https?:|\*/);
    const dev = contentSecurityPolicy(
      rendererLocation({
        rendererDir: '/x',
        env: { ELECTRON_RENDERER_URL: 'http://localhost:5173/' },
        packaged: false,
      }),
    );
    expect(dev).toContain("connect-src 'self' ws://localhost:5173");
    // Vite's dev client injects each component's CSS as a <style> element.
    expect(dev).toContain("style-src 'self' 'unsafe-inline'");
    expect(dev).not.toMatch(/script-src[^;]*unsafe/);
  });

  test('the window is registered as a trusted sender, and unregistered when closed', () => {
    const t = setup();
    t.main.show();
    const contents = t.windows[0]!.webContents;
    expect(t.trusted.isTrustedSender(contents.senderEvent())).toBe(true);
    t.quit();
    t.windows[0]!.userClose();
    expect(t.trusted.recipients()).toEqual([]);
  });
});

describe('show, hide and close to tray', () => {
  test('stays hidden until ready-to-show, then shows once', () => {
    const t = setup();
    t.main.show();
    t.main.show(); // a second request before ready does not create a second window
    expect(t.windows).toHaveLength(1);
    expect(t.windows[0]!.visible).toBe(false);
    t.ready();
    expect(t.windows[0]!.visible).toBe(true);
    expect(t.open).toEqual([true]);
  });

  test('close hides instead, tells the user once, and reports the window closed', () => {
    const t = setup();
    t.main.show();
    t.ready();
    expect(t.windows[0]!.userClose()).toBe(true);
    expect(t.windows[0]!.visible).toBe(false);
    t.main.show();
    expect(t.windows[0]!.userClose()).toBe(true);
    expect(t.windows).toHaveLength(1);
    expect(t.notices).toEqual(['still running']);
    expect(t.open).toEqual([true, false, true, false]);
  });

  test('when quitting, close really closes; the next show builds a new window', () => {
    const t = setup();
    t.main.show();
    t.ready();
    t.quit();
    expect(t.windows[0]!.userClose()).toBe(false);
    expect(t.open.at(-1)).toBe(false);
    t.main.show();
    expect(t.windows).toHaveLength(2);
  });

  test('toggle shows a hidden window and hides a visible one; a minimized one is restored', () => {
    const t = setup();
    t.main.toggle();
    t.ready();
    expect(t.main.isVisible()).toBe(true);
    t.main.toggle();
    expect(t.main.isVisible()).toBe(false);
    t.windows[0]!.minimized = true;
    t.main.show();
    expect(t.windows[0]!.minimized).toBe(false);
    expect(t.windows[0]!.focused).toBeGreaterThan(0);
  });

  test('show(route) opens a new window at that place', () => {
    const t = setup();
    t.main.show({ view: 'port', port: 3000 });
    expect(t.windows[0]!.loaded).toEqual(['porthole://app/index.html#/port/3000']);
  });

  test('show(route) on a loaded page changes only its hash; without a route it stays put', () => {
    const t = setup();
    t.main.show();
    t.main.show({ view: 'watches' }); // before the page is ready: waits for it
    expect(t.windows[0]!.loaded).toEqual(['porthole://app/index.html']);
    t.ready();
    t.main.show({ view: 'port', port: 62893 });
    t.main.show({ view: 'port', port: 62893 }); // already there: no second load (a reload)
    t.main.show();
    expect(t.windows).toHaveLength(1);
    expect(t.windows[0]!.loaded).toEqual([
      'porthole://app/index.html',
      'porthole://app/index.html#/watches',
      'porthole://app/index.html#/port/62893',
    ]);
    // Every address the window is sent to is our own page: the lock-down still refuses the rest.
    for (const url of t.windows[0]!.loaded) expect(isRendererUrl(appLocation, url)).toBe(true);
    const contents = t.windows[0]!.webContents;
    expect(contents.fire('will-navigate', 'https://evil.example/#/port/1').defaultPrevented).toBe(
      true,
    );
    expect(contents.fire('will-navigate', 'porthole://app/other.html').defaultPrevented).toBe(true);
  });

  test('afterLoad waits for the page, then runs at once', () => {
    const t = setup();
    const ran: string[] = [];
    t.main.show();
    t.main.afterLoad(() => ran.push('first'));
    expect(ran).toEqual([]);
    t.ready();
    t.main.afterLoad(() => ran.push('second'));
    expect(ran).toEqual(['first', 'second']);
  });

  test('a page that fails to load is reported, not thrown', async () => {
    const t = setup();
    const window = new FakeWindow({});
    window.loadError = new Error('ERR_FILE_NOT_FOUND');
    const main = new MainWindow({
      createWindow: () => window,
      location: appLocation,
      preloadPath: '/p',
      trusted: t.trusted,
      setWindowOpen: () => undefined,
      onFirstCloseToTray: () => undefined,
      isQuitting: () => false,
      onLoadError: (error) => t.loadErrors.push(error),
    });
    main.show();
    await Promise.resolve();
    await Promise.resolve();
    expect(t.loadErrors).toEqual([window.loadError]);
  });
});

describe('renderer location', () => {
  test('the dev URL is used only unpackaged and only for plain-http loopback', () => {
    const at = (url: string, packaged = false) =>
      rendererLocation({ rendererDir: '/r', env: { ELECTRON_RENDERER_URL: url }, packaged }).kind;
    expect(at('http://localhost:5173/')).toBe('dev');
    expect(at('http://127.0.0.1:5173/')).toBe('dev');
    expect(at('http://localhost:5173/', true)).toBe('app');
    expect(at('https://localhost:5173/')).toBe('app');
    expect(at('http://evil.example:5173/')).toBe('app');
    expect(at('http://localhost.evil.example/')).toBe('app');
    expect(at('http://user@localhost:5173/')).toBe('app');
    expect(at('not a url')).toBe('app');
  });

  test('only our origin counts as ours', () => {
    expect(isRendererUrl(appLocation, 'porthole://app/index.html#/port/3000')).toBe(true);
    expect(isRendererUrl(appLocation, 'porthole://other/index.html')).toBe(false);
    expect(isRendererUrl(appLocation, 'file:///app/out/renderer/index.html')).toBe(false);
    expect(isRendererUrl(appLocation, 'https://app/index.html')).toBe(false);
    expect(isRendererUrl(appLocation, '::')).toBe(false);
  });
});
