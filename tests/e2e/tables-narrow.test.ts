// Listeners and Connections at tray, medium and desktop widths in Chromium, over real sockets: no
// horizontal overflow, no clipped control, no text wider than its cell, row actions that work.
// Screenshots: tests/e2e/screenshots/tables-<view>-<width>-<light|dark>.png.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { holdSockets, type Holder } from '../helpers/sockets.js';
import { launchBrowser, type Browser } from './helpers/browser.js';
import { closeScene, holdConflict, WINDOW_SIZES } from './helpers/scene.js';
import { startServer, type Server } from './helpers/serve.js';
import { filterBox, openWindow, rowsForPort, showView, socketGrid } from './helpers/window.js';

const DIR = fileURLToPath(new URL('./screenshots/', import.meta.url));
const SEEN_MS = 15_000;
const LIFETIME_MS = 300_000;

let server: Server;
let browser: Browser;
let page: Page;
let app: Holder;
let appPort: number;
let conflictPort: number;

beforeAll(async () => {
  await mkdir(DIR, { recursive: true });
  server = await startServer(['--allow-kill']);
  browser = await launchBrowser();
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: server.origin,
  });
  app = await holdSockets({
    lifetimeMs: LIFETIME_MS,
    listen: [{ host: '127.0.0.1' }],
    connect: [{ host: '127.0.0.1', toIndex: 0 }],
  });
  appPort = app.sockets[0]!.port;
  conflictPort = (await holdConflict()).port;
  ({ page } = await openWindow(browser.context, server));
}, 90_000);

afterAll(() => closeScene({ browser, server }));

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}
interface InPageElement {
  getBoundingClientRect(): Box;
  closest(selector: string): InPageElement | null;
  querySelectorAll(selector: string): ArrayLike<InPageElement>;
  getAttribute(name: string): string | null;
  textContent: string | null;
  scrollWidth: number;
  clientWidth: number;
}
interface InPageText {
  data: string;
  parentElement: InPageElement | null;
}
interface InPage {
  innerWidth: number;
  getComputedStyle(el: unknown): { textOverflow: string; overflow: string; display: string };
  document: {
    documentElement: InPageElement;
    querySelector(selector: string): InPageElement | null;
    createTreeWalker(root: unknown, show: number): { nextNode(): InPageText | null };
    createRange(): { selectNodeContents(node: unknown): void; getBoundingClientRect(): Box };
  };
  NodeFilter: { SHOW_TEXT: number };
}

/** Every layout fault on the page's table view, in words; [] when none. */
function layoutFaults(): Promise<string[]> {
  return page.evaluate(() => {
    const win = globalThis as unknown as InPage;
    const { document } = win;
    const faults: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > win.innerWidth + 1) {
      faults.push(`page scrolls sideways: ${root.scrollWidth} > ${win.innerWidth}`);
    }
    const main = document.querySelector('main');
    if (main && main.scrollWidth > main.clientWidth + 1) {
      faults.push(`main scrolls sideways: ${main.scrollWidth} > ${main.clientWidth}`);
    }
    const grid = document.querySelector('[role="grid"]');
    if (!grid) return [...faults, 'no grid'];
    const gridBox = grid.getBoundingClientRect();
    for (const button of Array.from(grid.querySelectorAll('button'))) {
      const box = button.getBoundingClientRect();
      if (box.right - box.left === 0) continue; // hidden
      if (
        box.left < gridBox.left - 0.5 ||
        box.right > gridBox.right + 0.5 ||
        box.right > win.innerWidth
      ) {
        faults.push(
          `button "${button.getAttribute('aria-label') ?? button.textContent}" is clipped`,
        );
      }
    }
    for (const cell of Array.from(
      grid.querySelectorAll('[role="gridcell"], [role="columnheader"]'),
    )) {
      const cellBox = cell.getBoundingClientRect();
      if (cellBox.right - cellBox.left === 0) continue;
      const walker = document.createTreeWalker(cell, win.NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const parent = n.parentElement;
        if (!n.data.trim() || !parent || parent.closest('.visually-hidden, [role="menu"]'))
          continue;
        const range = document.createRange();
        range.selectNodeContents(n);
        const box = range.getBoundingClientRect();
        if (box.right <= cellBox.right + 1 && box.left >= cellBox.left - 1) continue;
        // Cut on purpose: an ellipsis, and the whole text on hover.
        const cut = win.getComputedStyle(parent).textOverflow === 'ellipsis';
        if (cut && (parent.getAttribute('title') ?? '').includes(n.data.trim())) continue;
        faults.push(`text "${n.data.trim()}" is wider than its cell`);
      }
    }
    return faults;
  });
}

async function shoot(name: string): Promise<void> {
  // Let highlights and fades finish.
  await page.waitForTimeout(3_300);
  await page.screenshot({ path: `${DIR}${name}.png` });
}

describe.each(WINDOW_SIZES)('tables at $width × $height', (size) => {
  beforeAll(async () => {
    await page.setViewportSize(size);
  });

  test.each(['light', 'dark'] as const)('%s: Listeners and Connections fit', async (scheme) => {
    await page.emulateMedia({ colorScheme: scheme });
    await showView(page, 'Listeners');
    const listeners = socketGrid(page, 'Listeners');
    await filterBox(page).fill(`pid ${app.pid}`);
    await rowsForPort(listeners, appPort).first().waitFor({ timeout: SEEN_MS });
    await filterBox(page).fill('');
    await listeners.locator('[role="row"][data-index]').first().waitFor();
    await shoot(`tables-listeners-${size.width}-${scheme}`);
    expect(await layoutFaults()).toEqual([]);

    await showView(page, 'Connections');
    await filterBox(page).fill(`pid ${app.pid}`);
    await rowsForPort(socketGrid(page, 'Connections'), app.sockets[1]!.localPort!)
      .first()
      .waitFor({ timeout: SEEN_MS });
    await filterBox(page).fill('');
    await shoot(`tables-connections-${size.width}-${scheme}`);
    expect(await layoutFaults()).toEqual([]);
  });

  test('a row’s actions are reachable and work', async () => {
    await page.emulateMedia({ colorScheme: null });
    await showView(page, 'Listeners');
    await filterBox(page).fill(`:${appPort}`);
    const row = rowsForPort(socketGrid(page, 'Listeners'), appPort).first();
    await row.waitFor({ timeout: SEEN_MS });
    const button = row.getByRole('button', { name: `Actions for 127.0.0.1:${appPort}` });
    await button.click();
    const menu = page.getByRole('menu');
    await menu.waitFor();
    // The menu sits inside the window, whatever the width.
    const box = await menu.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(size.width);
    expect(box!.y + box!.height).toBeLessThanOrEqual(size.height);

    await menu.getByRole('menuitem', { name: 'Copy PID' }).click();
    await page.getByText(`Copied PID ${app.pid}`).waitFor();
    expect(
      await page.evaluate(() =>
        (
          globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
        ).navigator.clipboard.readText(),
      ),
    ).toBe(String(app.pid));

    // Browser mode has no shell: the page opens the link in a new tab itself.
    await button.click();
    const request = browser.context.waitForEvent('request', (r) =>
      r.url().startsWith(`http://localhost:${appPort}`),
    );
    await page.getByRole('menuitem', { name: `Open http://localhost:${appPort}` }).click();
    expect((await request).url()).toMatch(new RegExp(`^http://localhost:${appPort}/?$`));
    for (const other of browser.context.pages()) if (other !== page) await other.close();

    // The keyboard reaches the same menu from the row.
    await row.focus();
    await page.keyboard.press('Shift+F10');
    await page.getByRole('menuitem', { name: `Go to port ${appPort}` }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: `Port ${appPort}`, exact: true }).waitFor();
    await showView(page, 'Listeners');
    await filterBox(page).fill('');
  });
});

test('at tray width a row is two lines and opens its port; the conflict mark is on both listeners only', async () => {
  await page.setViewportSize({ width: 420, height: 640 });
  await showView(page, 'Listeners');
  await filterBox(page).fill(`:${conflictPort}`);
  const grid = socketGrid(page, 'Listeners');
  const rows = grid.locator('[role="row"][data-index]');
  await expect.poll(() => rows.count(), { timeout: SEEN_MS }).toBe(2);
  for (const row of await rows.all()) {
    const cells = row.getByRole('gridcell');
    expect(await cells.count()).toBe(3);
    expect(await cells.first().textContent()).toMatch(
      new RegExp(`${conflictPort}.*·.*node \\(PID \\d+\\)`),
    );
    expect(await row.getByTitle('Involved in a conflict').count()).toBe(1);
  }
  await rows.first().click();
  await page
    .getByRole('heading', { level: 1, name: `Port ${conflictPort}`, exact: true })
    .waitFor();
  await showView(page, 'Listeners');
  await filterBox(page).fill('');
});
