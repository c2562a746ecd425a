// Real-Electron smoke test: the built app starts, creates its tray and shows a live listener.
// Skipped, with the reason printed, where the Electron binary is not installed (as in this repo's CI).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findElectronBinary, INSTALL_HINT } from '../../scripts/electron-binary.mjs';
import { filterBox, rowsForPort, showView, socketGrid } from '../e2e/helpers/window.js';
import { builtFile, PROJECT_ROOT as root } from '../helpers/built-output.js';
import { holdSockets, stopAllHolders } from '../helpers/sockets.js';

/**
 * What the main process exposes on `globalThis.__portholeTest` when PORTHOLE_TEST_HOOKS=1
 * (src-main/electron/main.ts). Kept to what a tray cannot show through the window.
 */
interface PortholeTestHooks {
  tray(): { created: boolean; icon: string | null; tooltip: string | null };
}

const SEEN_MS = 20_000;

const electron = findElectronBinary();
const display = process.platform !== 'linux' || Boolean(process.env.DISPLAY) || onPath('Xvfb');
const skipReason = !electron.found
  ? `Electron binary not installed: smoke test skipped (looked for ${electron.path ?? 'the electron package'}). ${INSTALL_HINT}`
  : !display
    ? 'No X display and no Xvfb: Electron smoke test skipped (apt-get install xvfb)'
    : null;
if (skipReason) console.log(skipReason);

function onPath(command: string): boolean {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .some((dir) => dir && existsSync(path.join(dir, command)));
}

/** Starts Xvfb on a free display (it picks one and writes it to fd 3). */
async function startXvfb(): Promise<{ display: string; process: ChildProcess }> {
  const child = spawn(
    'Xvfb',
    ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'],
    {
      stdio: ['ignore', 'ignore', 'inherit', 'pipe'],
    },
  );
  const number = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdio[3]!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(text.trim());
    });
    child.once('exit', (code) =>
      reject(new Error(`Xvfb exited (${code}) before reporting a display`)),
    );
  });
  return { display: `:${number}`, process: child };
}

describe.skipIf(skipReason !== null)('Porthole in Electron', () => {
  let app: ElectronApplication;
  let xvfb: ChildProcess | null = null;
  let appWindow: Page;
  let configDir: string | null = null;

  beforeAll(async () => {
    if (!electron.found) return;
    configDir = mkdtempSync(path.join(tmpdir(), 'porthole-smoke-'));
    // The app as `npm run build` left it (the window too: browser mode serves the same files).
    builtFile('main/index.js');
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env))
      if (value !== undefined) env[key] = value;
    delete env.ELECTRON_RUN_AS_NODE;
    if (process.platform === 'linux' && !env.DISPLAY) {
      const started = await startXvfb();
      xvfb = started.process;
      env.DISPLAY = started.display;
    }
    // Started from the project folder when package.json names the entry, so that the app path
    // (and the assets/tray icons under it) is the one `npm start` uses.
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      main?: string;
    };
    app = await _electron.launch({
      executablePath: electron.path,
      args: [pkg.main ? root : 'out/main/index.js'],
      cwd: root,
      env: { ...env, PORTHOLE_TEST_HOOKS: '1', PORTHOLE_CONFIG_DIR: configDir },
      timeout: 60_000,
    });
    appWindow = await app.firstWindow();
  }, 120_000);

  afterAll(async () => {
    await stopAllHolders();
    await app?.close();
    xvfb?.kill();
    if (configDir) rmSync(configDir, { recursive: true, force: true });
  });

  test('creates its tray with a state icon', async () => {
    const tray = () =>
      app.evaluate(() => {
        const hooks = (globalThis as { __portholeTest?: PortholeTestHooks }).__portholeTest;
        return hooks ? hooks.tray() : null;
      });
    // Hooks appear with the tray, once the service has started; the window came after them.
    await expect
      .poll(async () => (await tray())?.created ?? 'no globalThis.__portholeTest in main', {
        timeout: SEEN_MS,
      })
      .toBe(true);
    expect(['ok', 'attention', 'down', 'paused', 'error']).toContain((await tray())?.icon);
  });

  test('the window shows a live listener with its PID', async () => {
    const holder = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    const port = holder.sockets[0]!.port;
    await showView(appWindow, 'Listeners');
    await filterBox(appWindow).fill(`:${port}`);
    const row = rowsForPort(socketGrid(appWindow, 'Listeners'), port);
    await expect.poll(() => row.count(), { timeout: SEEN_MS }).toBe(1);
    expect(await row.textContent()).toContain(String(holder.pid));
  });
});
