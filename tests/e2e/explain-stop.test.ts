// Explain's stop action for real, in browser mode started with --allow-kill: a bind error for a
// port a real process holds offers "Stop node (PID n)…"; the usual confirmation stops that process,
// and the panel says so and explains the same text again (now nothing holds the port). Screenshots
// of the offer at 420 px, light and dark, and at 1280.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { isRunning } from '../helpers/node-children.js';
import type { Holder } from '../helpers/sockets.js';
import { holderWindow, SEEN_MS, type HolderWindow } from './helpers/scene.js';
import { layoutProblems } from './helpers/window.js';

const DIR = fileURLToPath(new URL('./screenshots/', import.meta.url));

let scene: HolderWindow;
let page: Page;
let holder: Holder;
let port: number;

beforeAll(async () => {
  await mkdir(DIR, { recursive: true });
  scene = await holderWindow({
    listen: [{ host: '127.0.0.1' }],
    serveArgs: ['--allow-kill'],
    viewport: { width: 420, height: 800 },
  });
  ({ page, holder, port } = scene);
}, 60_000);

afterAll(() => scene?.close());

test('a bind error offers to stop its holder; the confirmation stops the real process and the answer is asked again', async () => {
  const pasted = `Error: listen EADDRINUSE: address already in use 127.0.0.1:${port}`;
  const stop = page.getByRole('button', { name: `Stop node (PID ${holder.pid})…` });
  await page.getByLabel('Paste an error, a URL, host:port or a port').fill(pasted);
  // The monitor may not have this listener until its next read: ask again until it does.
  await expect
    .poll(
      async () => {
        await page.getByRole('button', { name: 'Explain', exact: true }).click();
        await page.getByRole('list', { name: 'Findings' }).waitFor({ timeout: 5_000 });
        return stop.count();
      },
      { timeout: SEEN_MS, interval: 1_000 },
    )
    .toBe(1);
  for (const [width, scheme] of [
    [420, 'light'],
    [420, 'dark'],
    [1280, 'light'],
  ] as const) {
    await page.setViewportSize({ width, height: width === 420 ? 800 : 900 });
    await page.emulateMedia({ colorScheme: scheme });
    await stop.scrollIntoViewIfNeeded();
    expect(await layoutProblems(page, 'shell'), `${width} ${scheme}`).toEqual([]);
    const name = `explain-stop-${width}${scheme === 'dark' ? '-dark' : ''}`;
    await page.screenshot({ path: `${DIR}${name}.png` });
  }
  await page.emulateMedia({ colorScheme: null });
  await page.setViewportSize({ width: 420, height: 800 });

  await stop.click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  // The usual confirmation: it names the process, and nothing is sent before the click.
  await expect.poll(() => dialog.innerText()).toContain(String(holder.pid));
  expect(isRunning(holder.pid)).toBe(true);
  await page.screenshot({ path: `${DIR}explain-stop-confirm-420.png` });
  await dialog.getByRole('button', { name: 'Stop node', exact: true }).click();
  await expect.poll(() => isRunning(holder.pid), { timeout: 10_000 }).toBe(false);
  await dialog.getByRole('button', { name: 'Close' }).click();

  // The panel says what the stop did, and the same text was explained again: nobody holds it now.
  await expect.poll(() => page.locator('.explain .stopped').count()).toBe(1);
  await expect
    .poll(
      async () => {
        await page.getByRole('button', { name: 'Explain', exact: true }).click();
        return page.locator('.explain .verdict').innerText();
      },
      { timeout: SEEN_MS, interval: 1_000 },
    )
    .not.toContain(`PID ${holder.pid}`);
  expect(await stop.count()).toBe(0);
}, 90_000);
