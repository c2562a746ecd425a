// Layout the screenshots showed wrong, measured in Chromium: titles that jump between views, a danger
// button too pale to read in dark theme, numeric headers off their column, and the watch form's gap.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { holdSockets, stopAllHolders, type Holder } from '../helpers/sockets.js';
import { launchBrowser, type Browser } from './helpers/browser.js';
import { startServer, type Server } from './helpers/serve.js';
import {
  filterBox,
  openWindow,
  rowsForPort,
  showView,
  socketGrid,
  type NavView,
} from './helpers/window.js';

const SEEN_MS = 15_000;

let server: Server;
let browser: Browser;
let page: Page;
let holder: Holder;
let port: number;

beforeAll(async () => {
  // Kill is on so the kill dialog can be opened; it is only ever cancelled.
  server = await startServer(['--allow-kill']);
  browser = await launchBrowser();
  holder = await holdSockets({ lifetimeMs: 300_000, listen: [{ host: '127.0.0.1' }] });
  port = holder.sockets[0]!.port;
  ({ page } = await openWindow(browser.context, server));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stopAllHolders();
  await server?.stop();
});

/** Shows the holder's port in detail, the way a user gets there: its row in Listeners. */
async function openPortDetail(): Promise<void> {
  await showView(page, 'Listeners');
  await filterBox(page).fill(`:${port}`);
  const row = rowsForPort(socketGrid(page, 'Listeners'), port);
  await expect.poll(() => row.count(), { timeout: SEEN_MS }).toBe(1);
  await row.click();
  await page.getByRole('heading', { level: 1, name: `Port ${port}`, exact: true }).waitFor();
}

interface Title {
  count: number;
  text: string;
  x: number;
  y: number;
  height: number;
  fontSize: string;
}

/**
 * The few browser globals the in-page functions use. The tests' tsconfig has no DOM types, so they
 * are declared here and reached through globalThis (the cast is gone once the function runs).
 */
interface Rect {
  x: number;
  y: number;
  height: number;
  right: number;
}
interface InPageNode {
  data: string;
  textContent: string | null;
  parentElement: { closest(selector: string): unknown } | null;
  getBoundingClientRect(): Rect;
  querySelectorAll(selector: string): ArrayLike<InPageNode>;
}
interface InPage {
  getComputedStyle(el: unknown): { fontSize: string; color: string; backgroundColor: string };
  document: {
    createTreeWalker(root: unknown, show: number): { nextNode(): InPageNode | null };
    createRange(): { selectNodeContents(node: unknown): void; getBoundingClientRect(): Rect };
  };
  NodeFilter: { SHOW_TEXT: number };
}

function mainTitle(): Promise<Title> {
  return page.locator('main').evaluate((main) => {
    const win = globalThis as unknown as InPage;
    const titles = (main as unknown as InPageNode).querySelectorAll('h1');
    const h1 = titles[0];
    if (!h1) return { count: 0, text: '', x: NaN, y: NaN, height: NaN, fontSize: '' };
    const box = h1.getBoundingClientRect();
    return {
      count: titles.length,
      text: h1.textContent?.trim() ?? '',
      x: box.x,
      y: box.y,
      height: box.height,
      fontSize: win.getComputedStyle(h1).fontSize,
    };
  });
}

/** Right edge (px) of the visible text in an element: its last text that is not screen-reader only. */
function textRight(element: Locator): Promise<number> {
  return element.evaluate((el) => {
    const { document, NodeFilter } = globalThis as unknown as InPage;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let last: InPageNode | null = null;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.data.trim() || n.parentElement?.closest('.visually-hidden, [aria-hidden]')) continue;
      last = n;
    }
    if (!last) return NaN;
    const range = document.createRange();
    range.selectNodeContents(last);
    return range.getBoundingClientRect().right;
  });
}

function colorsOf(element: Locator): Promise<{ fg: string; bg: string }> {
  return element.evaluate((el) => {
    const style = (globalThis as unknown as InPage).getComputedStyle(el);
    return { fg: style.color, bg: style.backgroundColor };
  });
}

/** WCAG contrast ratio of two computed `rgb(...)` colours. */
function contrast(a: string, b: string): number {
  const luminance = (css: string): number => {
    const [r, g, bl] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const lin = (c = 0) => {
      const s = c / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(bl);
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('layout in Chromium', () => {
  test('every view titles itself with one h1, at the same place and size', async () => {
    const views: NavView[] = [
      'Overview',
      'Listeners',
      'Connections',
      'Watches',
      'History',
      'Settings',
    ];
    const titles: Title[] = [];
    for (const view of views) {
      await showView(page, view);
      await page.getByRole('heading', { level: 1, name: view }).waitFor();
      titles.push(await mainTitle());
    }
    await openPortDetail();
    titles.push(await mainTitle());

    expect(titles.map((t) => t.text)).toEqual([...views, `Port ${port}`]);
    const [first] = titles as [Title];
    for (const title of titles) {
      expect(title.count, title.text).toBe(1);
      expect(title.fontSize, title.text).toBe(first.fontSize);
      expect(Math.abs(title.x - first.x), `${title.text}: left`).toBeLessThan(0.5);
      expect(Math.abs(title.y - first.y), `${title.text}: top`).toBeLessThan(0.5);
      expect(Math.abs(title.height - first.height), `${title.text}: height`).toBeLessThan(0.5);
    }
  });

  test.each(['light', 'dark'] as const)(
    "the kill dialog's danger button is readable in %s theme (contrast >= 4.5:1)",
    async (scheme) => {
      await page.emulateMedia({ colorScheme: scheme });
      try {
        await openPortDetail();
        await page.getByRole('button', { name: `Stop node (PID ${holder.pid})…` }).click();
        const dialog = page.getByRole('dialog');
        const stop = dialog.getByRole('button', { name: /^Stop / });
        await stop.waitFor();
        const colors = await colorsOf(stop);
        expect(contrast(colors.fg, colors.bg)).toBeGreaterThanOrEqual(4.5);
        await dialog.getByRole('button', { name: 'Cancel' }).click();
        await dialog.waitFor({ state: 'detached' });
        expect(holder.child.exitCode).toBeNull();
      } finally {
        await page.emulateMedia({ colorScheme: null });
      }
    },
  );

  test('right-aligned numeric headers end where their column values end', async () => {
    await showView(page, 'Listeners');
    await filterBox(page).fill(`:${port}`);
    const grid = socketGrid(page, 'Listeners');
    const row = rowsForPort(grid, port);
    await expect.poll(() => row.count(), { timeout: SEEN_MS }).toBe(1);
    const headers = grid.getByRole('columnheader');
    const titles = (await headers.allTextContents()).map((t) => t.replace(/[▲▼]/g, '').trim());
    // Port is the sorted column (its arrow is showing); PID is not.
    for (const title of ['Port', 'PID']) {
      const index = titles.indexOf(title);
      const header = await textRight(headers.nth(index));
      const value = await textRight(row.getByRole('gridcell').nth(index));
      expect(Math.abs(header - value), `${title}: header ${header}, value ${value}`).toBeLessThan(
        1.5,
      );
    }
    await filterBox(page).fill('');
  });

  test('the watch form keeps a tight line for messages, and an error does not move anything', async () => {
    await showView(page, 'Watches');
    const field = page.getByLabel('Port or host:port');
    const options = page.locator('summary', { hasText: 'Options' });
    const below = async () => {
      const input = await field.boundingBox();
      const summary = await options.boundingBox();
      if (!input || !summary) throw new Error('the watch form is not laid out');
      return { gap: summary.y - (input.y + input.height), summaryTop: summary.y };
    };
    const before = await below();
    // One line of message text (about 16 px) and a little air: not the 30 px band it was.
    expect(before.gap).toBeLessThan(22);
    expect(before.gap).toBeGreaterThan(14);

    await field.fill('70000');
    await field.press('Enter');
    await page.getByRole('alert').filter({ hasText: /70000/ }).waitFor();
    const after = await below();
    expect(Math.abs(after.summaryTop - before.summaryTop)).toBeLessThan(0.5);
    await field.fill('');
  });
});
