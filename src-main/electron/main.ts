// Electron entry point: composes the service and the shell's pieces; the logic lives in the modules.
import { installTestHooks } from './test-hooks.js';
import path from 'node:path';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, Menu, Notification, Tray, app, protocol } from 'electron';
import { describeError } from '../core/errors.js';
import { AppLifecycle } from './app-lifecycle.js';
import { APP_SCHEME_PRIVILEGES, serveAppFile } from './app-protocol.js';
import { createService } from './create-service.js';
import { assetsDir, trayIconPath } from './icons.js';
import { registerIpc } from './ipc/register.js';
import { TrustedWindows } from './ipc/trusted-windows.js';
import { Notifier } from './notifier.js';
import { openExternal } from './open-external.js';
import { APP_SCHEME, rendererLocation } from './renderer-location.js';
import { HIDDEN_ARG, StartAtLogin } from './start-at-login.js';
import { TrayService } from './tray.js';
import { trayView } from './tray-view.js';
import { MainWindow } from './window.js';
import { contentSecurityPolicy } from './window-security.js';

const here = path.dirname(fileURLToPath(import.meta.url)); // out/main
const platform = process.platform;
const log = (error: unknown) => console.error(`porthole: ${describeError(error)}`);

// Must precede `ready`: the scheme's privileges are fixed when Chromium starts.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
const lifecycle = new AppLifecycle(app, { platform, appUserModelId: 'dev.porthole.app' });
let window: MainWindow | null = null;

if (!lifecycle.claimSingleInstance(() => window?.show())) {
  app.quit();
} else {
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log(error);
      app.exit(1);
    });
}

async function start(): Promise<void> {
  lifecycle.prepare();
  const location = rendererLocation({
    rendererDir: path.join(here, '../renderer'),
    env: process.env,
    packaged: app.isPackaged,
  });
  if (location.kind === 'app') {
    const csp = contentSecurityPolicy(location);
    protocol.handle(APP_SCHEME, (request) => serveAppFile(request, location.root, csp));
  }

  const service = await createService(openExternal);
  lifecycle.stopBeforeQuit(async () => {
    await service.stop();
    service.dispose();
  }, log);
  const trusted = new TrustedWindows(location);
  registerIpc(service, trusted);

  const notifier = new Notifier({
    isSupported: () => Notification.isSupported(),
    createNotification: (options) => new Notification(options),
    settings: () => {
      const preferences = service.preferences();
      return {
        notifyOnExposure: preferences.notifyOnExposure,
        cooldownMs: preferences.notificationCooldownMs,
        snoozedUntil: service.notificationsSnoozedUntil(),
        acknowledgedExposures: service.state().acknowledgedExposures,
      };
    },
    openRoute: (route) => mainWindow.show(route),
    clock: Date.now,
  });

  const mainWindow = new MainWindow({
    // options come from windowOptions() (sandbox, contextIsolation, no nodeIntegration), tested in
    // tests/node/electron/window.test.ts; aux-click/new windows are denied by hardenContents().
    createWindow: (options) => new BrowserWindow(options), // eng-disable AUXCLICK_JS_CHECK CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK
    location,
    preloadPath: path.join(here, '../preload/index.cjs'),
    trusted,
    setWindowOpen: (open) => service.setWindowOpen(open),
    onFirstCloseToTray: () =>
      notifier.notice({
        title: 'Porthole is still running',
        body: 'It keeps watching your ports from the tray. Choose Quit Porthole in the tray menu to stop it.',
      }),
    isQuitting: () => lifecycle.isQuitting(),
    onLoadError: log,
  });
  window = mainWindow;

  const startAtLogin = new StartAtLogin(
    {
      platform,
      env: process.env,
      homedir: os.homedir(),
      command: app.isPackaged
        ? [process.env.APPIMAGE ?? process.execPath, HIDDEN_ARG]
        : [process.execPath, app.getAppPath(), HIDDEN_ARG],
      app,
    },
    log,
  );

  const icons = assetsDir({ resourcesPath: process.resourcesPath, appPath: app.getAppPath() });
  const tray = new TrayService({
    platform,
    createTray: (image) => new Tray(image),
    buildMenu: (template) => Menu.buildFromTemplate(template),
    iconPath: (icon) => trayIconPath(icon, platform, icons),
    clock: Date.now,
    callbacks: {
      openWindow: () => mainWindow.show(),
      toggleWindow: () => mainWindow.toggle(),
      // Tray items open routes: the window's address decides what it shows (shared/routes.ts).
      openRoute: (route) => mainWindow.show(route),
      snooze: (until) => {
        service.handle('porthole:notifications:snooze', { until }).then(render, log);
      },
      setStartAtLogin: (enabled) => {
        service.handle('porthole:settings:update', { startAtLogin: enabled }).then(render, log);
      },
      quit: () => lifecycle.quit(),
    },
  });

  // State flows one way: every service event re-renders the tray, which no-ops when unchanged.
  function render(): void {
    const { startAtLogin: enabled } = service.preferences();
    void startAtLogin.sync(enabled);
    tray.render(trayView(service.state(), { platform, startAtLogin: enabled, now: Date.now() }));
  }
  notifier.seed(service.state());
  service.onEvent((event) => {
    notifier.handle(event);
    render();
  });
  // "down for 3 min" ages without events.
  setInterval(render, 30_000).unref();
  render();
  installTestHooks(process.env, tray);
  service.start();

  const atLogin =
    process.argv.includes(HIDDEN_ARG) ||
    (platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin);
  if (!atLogin) mainWindow.show();
}
