// Explain in browser mode: a refusal on 127.0.0.1 while a server listens on ::1 only, pasted into
// Overview's Explain box, names the listener's PID first; at 420 and 1280 px, light and dark, nothing
// overflows (helpers/layout-probe.mjs). The same refusal pasted into the Listeners filter offers its
// explanation, and the tray's address (#/overview?focus=explain) puts the cursor in the box.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Holder } from '../helpers/sockets.js';
import { holderWindow, SEEN_MS, type HolderWindow } from './helpers/scene.js';
import { filterBox, layoutProblems } from './helpers/window.js';

const DIR = fileURLToPath(new URL('./screenshots/', import.meta.url));

let scene: HolderWindow;
let page: Page;
let holder: Holder;
let port: number;

beforeAll(async () => {
  await mkdir(DIR, { recursive: true });
  scene = await holderWindow({
    listen: [{ host: '::1', ipv6Only: true }],
    viewport: { width: 1280, height: 900 },
  });
  ({ page, holder, port } = scene);
}, 60_000);

afterAll(() => scene?.close());

/** What the layout probe finds outside the socket tables (those are fitted on their own). */
const probe = (): Promise<string[]> => layoutProblems(page, 'shell');

/** A hash set from outside, as a link or the shell's MainWindow.show(route) sets it. */
async function go(hash: string): Promise<void> {
  await page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`);
}

/** Whether the cursor is in the Explain box, and the box is inside the viewport. */
async function cursorInBox(): Promise<boolean> {
  return page.evaluate<boolean>(`(() => {
    const box = document.querySelector('.explain textarea');
    const r = box.getBoundingClientRect();
    return document.activeElement === box && r.top >= 0 && r.bottom <= innerHeight;
  })()`);
}

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
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [1280, 420]) {
      await page.setViewportSize({ width, height: width === 420 ? 800 : 900 });
      await page.locator('.explain').scrollIntoViewIfNeeded();
      // Scrolled to, its heading keeps a gap under the top of main (the banner above it).
      const heading = await page.locator('.explain h2').boundingBox();
      const main = await page.locator('main').boundingBox();
      expect((heading?.y ?? 0) - (main?.y ?? 0)).toBeGreaterThanOrEqual(8);
      expect(await overflows()).toBe(false);
      expect(await probe(), `Overview ${width} ${scheme}`).toEqual([]);
      const name = `explain-${width}${scheme === 'dark' ? '-dark' : ''}`;
      await page.screenshot({ path: `${DIR}${name}.png`, fullPage: true });
    }
  }
  await page.emulateMedia({ colorScheme: null });
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

test('a refusal pasted into the Listeners filter offers its explanation, and taking it runs it, at 420 and 1280 px', async () => {
  const refused = `connect ECONNREFUSED 127.0.0.1:${port}`;
  for (const width of [420, 1280]) {
    await page.setViewportSize({ width, height: width === 420 ? 800 : 900 });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await go('#/listeners');
      const filter = filterBox(page);
      await filter.fill('');
      await filter.focus();
      // What a paste does to the field: the whole text at once.
      await page.keyboard.insertText(refused);
      const offer = page
        .getByRole('status')
        .filter({ hasText: 'This looks like an error message' });
      await offer.waitFor();
      expect(await probe(), `offer ${width} ${scheme}`).toEqual([]);
      await page.screenshot({
        path: `${DIR}explain-offer-${width}${scheme === 'dark' ? '-dark' : ''}.png`,
      });
      // An ordinary filter is offered nothing.
      await filter.fill(`:${port}`);
      await expect.poll(() => offer.count()).toBe(0);
      await filter.fill('');
      await filter.focus();
      await page.keyboard.insertText(refused);
      await offer.getByRole('button', { name: 'Explain it' }).click();

      await expect.poll(() => page.url()).toMatch(/#\/overview$/);
      const findings = page.getByRole('list', { name: 'Findings' });
      await findings.waitFor();
      expect(await findings.locator('li').first().innerText()).toContain(`PID ${holder.pid}`);
      const box = page.getByLabel('Paste an error, a URL, host:port or a port');
      expect(await box.inputValue()).toBe(refused);
      expect(await cursorInBox()).toBe(true);
      expect(await probe(), `explained from the filter ${width} ${scheme}`).toEqual([]);
      if (width === 420) {
        await page.screenshot({
          path: `${DIR}explain-from-filter-420${scheme === 'dark' ? '-dark' : ''}.png`,
        });
      }
    }
  }
  // The filter gave its text to Explain: the table is unfiltered again.
  await go('#/listeners');
  expect(await filterBox(page).inputValue()).toBe('');
  await page.emulateMedia({ colorScheme: null });
  await page.setViewportSize({ width: 1280, height: 900 });
}, 90_000);

test("the tray's address puts the cursor in the Explain box, in view at tray size, each time", async () => {
  await page.setViewportSize({ width: 420, height: 640 });
  for (const from of ['#/listeners', '#/overview']) {
    await go(from);
    await page.getByRole('heading', { level: 1 }).first().click();
    await go('#/overview?focus=explain');
    await expect.poll(cursorInBox).toBe(true);
    // The request is taken: the address is Overview's again, ready for the next one.
    await expect.poll(() => page.url()).toMatch(/#\/overview$/);
  }
  await page.screenshot({ path: `${DIR}explain-focus-420.png` });
  await page.setViewportSize({ width: 1280, height: 900 });
}, 60_000);
