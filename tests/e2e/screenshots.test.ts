// One screenshot per view, light and dark, against real loopback sockets, for a person to look at:
// tests/e2e/screenshots/<view>-<light|dark>.png. Each shot first checks its view is really showing.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { stopAllHolders, type Holder } from '../helpers/sockets.js';
import { launchBrowser, type Browser } from './helpers/browser.js';
import { openPortFromProblem, problemLineFor } from './helpers/problems.js';
import { addWatch, holdApp, holdConflict, watchGoesDown } from './helpers/scene.js';
import { startServer, type Server } from './helpers/serve.js';
import {
  filterBox,
  filterCount,
  openWindow,
  rowsForPort,
  showView,
  socketGrid,
} from './helpers/window.js';

const DIR = fileURLToPath(new URL('./screenshots/', import.meta.url));

let server: Server;
let browser: Browser;
let page: Page;
let app: Holder;
let conflictPort: number;
let appPort: number;
let doomedPort: number;

beforeAll(async () => {
  await mkdir(DIR, { recursive: true });
  // Kill is on so the kill dialog can be shown; it is only opened and cancelled, against our own holder.
  server = await startServer(['--allow-kill']);
  browser = await launchBrowser();
  app = await holdApp();
  appPort = app.sockets[0]!.port;
  conflictPort = (await holdConflict()).port;
  await addWatch(server, String(appPort), 'API dev server');
  ({ page } = await openWindow(browser.context, server));
  // A watch going down leaves history behind, and a down watch for the Watches shot.
  doomedPort = (await watchGoesDown(server, page)).port;
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await stopAllHolders();
  await server?.stop();
});

async function shoot(name: string, scheme: 'light' | 'dark'): Promise<void> {
  // Let row highlights and fades finish, so the shot shows the resting state.
  await page.waitForTimeout(3_300);
  await page.screenshot({ path: `${DIR}${name}-${scheme}.png` });
}

describe.each(['light', 'dark'] as const)('screenshots, %s', (scheme) => {
  beforeAll(async () => {
    await page.emulateMedia({ colorScheme: scheme });
  });

  test('overview', async () => {
    await showView(page, 'Overview');
    await problemLineFor(page, conflictPort).waitFor();
    await shoot('overview', scheme);
  });

  test('listeners', async () => {
    await showView(page, 'Listeners');
    await filterBox(page).fill('');
    await rowsForPort(socketGrid(page, 'Listeners'), appPort).first().waitFor();
    await shoot('listeners', scheme);
  });

  test('listeners, nothing matches', async () => {
    await showView(page, 'Listeners');
    await filterBox(page).fill('nosuchprocessanywhere');
    await expect.poll(() => filterCount(page)).toMatch(/^\s*0 of/);
    await shoot('listeners-no-match', scheme);
    await filterBox(page).fill('');
  });

  test('connections', async () => {
    await showView(page, 'Connections');
    // The holder's own connection, found by its PID (the table may be longer than the screen).
    await filterBox(page).fill(`pid ${app.pid}`);
    await rowsForPort(socketGrid(page, 'Connections'), appPort).first().waitFor();
    await filterBox(page).fill('');
    await shoot('connections', scheme);
  });

  test('port detail (conflict)', async () => {
    await showView(page, 'Overview');
    await openPortFromProblem(page, conflictPort);
    await page.getByRole('region', { name: 'Conflicts' }).getByRole('listitem').first().waitFor();
    await page.getByRole('region', { name: 'Free ports nearby' }).waitFor();
    await shoot('port-detail', scheme);
  });

  test('watches', async () => {
    await showView(page, 'Watches');
    await page.getByRole('list', { name: 'Watched ports' }).getByRole('listitem').nth(1).waitFor();
    await shoot('watches', scheme);
  });

  test('watch form refusing a bad port', async () => {
    await showView(page, 'Watches');
    const field = page.getByLabel('Port or host:port');
    await field.fill('70000');
    await field.press('Enter');
    await page.getByRole('alert').filter({ hasText: /70000/ }).waitFor();
    await shoot('watch-form-error', scheme);
    await field.fill('');
  });

  test('history', async () => {
    await showView(page, 'History');
    await page
      .getByRole('region', { name: 'History entries' })
      .getByRole('listitem')
      .filter({ hasText: String(doomedPort) })
      .first()
      .waitFor();
    await shoot('history', scheme);
  });

  test('settings', async () => {
    await showView(page, 'Settings');
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await page
      .getByText(/settings\.json/)
      .first()
      .waitFor();
    await shoot('settings', scheme);
  });

  test('kill dialog', async () => {
    await showView(page, 'Listeners');
    await filterBox(page).fill(`:${appPort}`);
    await rowsForPort(socketGrid(page, 'Listeners'), appPort).first().click();
    await page.getByRole('button', { name: `Stop node (PID ${app.pid})…` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: /^Stop / }).waitFor();
    await shoot('kill-dialog', scheme);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(app.child.exitCode).toBeNull();
    await showView(page, 'Listeners');
    await filterBox(page).fill('');
  });
});
