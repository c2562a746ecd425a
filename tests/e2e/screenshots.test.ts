// One screenshot per view, light and dark, against real loopback sockets, for a person to look at:
// tests/e2e/screenshots/<view>-<light|dark>.png. Each shot first checks its view is really showing.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPortFromProblem, problemLineFor } from './helpers/problems.js';
import { closeScene, openScene, type Scene } from './helpers/scene.js';
import { filterBox, filterCount, rowsForPort, showView, socketGrid } from './helpers/window.js';

const DIR = fileURLToPath(new URL('./screenshots/', import.meta.url));

let scene: Scene;
let page: Page;

beforeAll(async () => {
  await mkdir(DIR, { recursive: true });
  // Kill is on so the kill dialog can be shown; it is only opened and cancelled, against our own
  // holder. A watch going down leaves history behind, and a down watch for the Watches shot.
  scene = await openScene(['--allow-kill'], 'API dev server');
  ({ page } = scene);
}, 90_000);

afterAll(() => closeScene(scene ?? {}));

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
    await problemLineFor(page, scene.conflictPort).waitFor();
    await shoot('overview', scheme);
  });

  test('listeners', async () => {
    await showView(page, 'Listeners');
    await filterBox(page).fill('');
    await rowsForPort(socketGrid(page, 'Listeners'), scene.appPort).first().waitFor();
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
    await filterBox(page).fill(`pid ${scene.app.pid}`);
    await rowsForPort(socketGrid(page, 'Connections'), scene.appPort).first().waitFor();
    await filterBox(page).fill('');
    await shoot('connections', scheme);
  });

  test('port detail (conflict)', async () => {
    await showView(page, 'Overview');
    await openPortFromProblem(page, scene.conflictPort);
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
      .filter({ hasText: String(scene.doomedPort) })
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
    await filterBox(page).fill(`:${scene.appPort}`);
    await rowsForPort(socketGrid(page, 'Listeners'), scene.appPort).first().click();
    await page.getByRole('button', { name: `Stop node (PID ${scene.app.pid})…` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: /^Stop / }).waitFor();
    await shoot('kill-dialog', scheme);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(scene.app.child.exitCode).toBeNull();
    await showView(page, 'Listeners');
    await filterBox(page).fill('');
  });
});
