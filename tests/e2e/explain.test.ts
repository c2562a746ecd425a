// Explain in browser mode: a refusal on 127.0.0.1 while a server listens on ::1 only, pasted into
// Overview's Explain box, names the listener's PID first; at 420 and 1280 px nothing overflows.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { holdSockets, stopAllHolders, type Holder } from '../helpers/sockets.js';
import { launchBrowser, type Browser } from './helpers/browser.js';
import { LIFETIME_MS, SEEN_MS } from './helpers/scene.js';
import { startServer, type Server } from './helpers/serve.js';
import { openWindow } from './helpers/window.js';

const DIR = fileURLToPath(new URL('./screenshots/', import.meta.url));

let server: Server;
let browser: Browser;
let page: Page;
let holder: Holder;
let port: number;

beforeAll(async () => {
  await mkdir(DIR, { recursive: true });
  holder = await holdSockets({
    lifetimeMs: LIFETIME_MS,
    listen: [{ host: '::1', ipv6Only: true }],
  });
  port = holder.sockets[0]!.port;
  server = await startServer();
  browser = await launchBrowser({ viewport: { width: 1280, height: 900 } });
  ({ page } = await openWindow(browser.context, server));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await stopAllHolders();
});

/** Whether the Explain panel runs past its own box or the window's right edge. */
async function overflows(): Promise<boolean> {
  // A string: these tests are typed without the DOM library.
  return page.evaluate<boolean>(`(() => {
    const el = document.querySelector('.explain');
    const inner = [...el.querySelectorAll('*')].some((c) => c.getBoundingClientRect().right > innerWidth + 0.5);
    return el.scrollWidth > el.clientWidth + 1 || inner;
  })()`);
}

test('Overview: the pasted refusal is explained, the family problem first with its PID, at 1280 and 420 px', async () => {
  const box = page.getByLabel('Paste an error, a URL, host:port or a port');
  await box.fill(`connect ECONNREFUSED 127.0.0.1:${port}`);
  const findings = page.getByRole('list', { name: 'Findings' });
  // The monitor may not have this listener until its next read: ask again until it does.
  await expect
    .poll(
      async () => {
        await page.getByRole('button', { name: 'Explain', exact: true }).click();
        await findings.waitFor({ timeout: 5_000 });
        return findings.locator('li').first().innerText();
      },
      { timeout: SEEN_MS, interval: 1_000 },
    )
    .toContain(`PID ${holder.pid}`);
  const first = findings.locator('li').first();
  expect(await first.getAttribute('data-status')).toBe('problem');
  expect(await first.innerText()).toMatch(/Problem/);
  await page.locator('.explain').scrollIntoViewIfNeeded();
  expect(await overflows()).toBe(false);
  await page.screenshot({ path: `${DIR}explain-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 420, height: 800 });
  await page.locator('.explain').scrollIntoViewIfNeeded();
  expect(await overflows()).toBe(false);
  await page.screenshot({ path: `${DIR}explain-420.png`, fullPage: true });
  // The PID's action opens the holder's port page, whose Explain box starts with the port.
  await page
    .getByRole('button', { name: `Open port ${port} (PID ${holder.pid})` })
    .first()
    .click();
  await expect.poll(() => page.url()).toContain(`#/port/${port}`);
  const prefilled = page.getByLabel('Paste an error, a URL, host:port or a port');
  await expect.poll(() => prefilled.inputValue()).toBe(String(port));
  // There, explaining the port itself shows the same holder, at tray size too.
  await page.getByRole('button', { name: 'Explain', exact: true }).click();
  await page.getByRole('list', { name: 'Findings' }).waitFor();
  await page.locator('.explain').scrollIntoViewIfNeeded();
  expect(await overflows()).toBe(false);
  await page.screenshot({ path: `${DIR}explain-port-420.png` });
  await page.setViewportSize({ width: 1280, height: 900 });
}, 90_000);
