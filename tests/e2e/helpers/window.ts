// Opens the served window in a page and keeps watch on it: console errors, page errors, foreign requests.
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { probeLayout } from './layout-probe.mjs';
import type { Server } from './serve.js';

export interface WindowPage {
  page: Page;
  /** Console messages of type error, and uncaught page errors. */
  errors: string[];
  /** Every request to an origin other than the server's (data: and blob: URLs aside). */
  foreignRequests: string[];
  /** `GET /api/state`... : every request to the server, in order. */
  requests: string[];
  /** Console warnings (an unused preload, a deprecated API). */
  warnings: string[];
}

export type NavView = 'Overview' | 'Listeners' | 'Connections' | 'Watches' | 'History' | 'Settings';

/** Loads the printed URL in a new page and waits until the first state has arrived. */
export async function openWindow(context: BrowserContext, server: Server): Promise<WindowPage> {
  const page = await context.newPage();
  const errors: string[] = [];
  const foreignRequests: string[] = [];
  const requests: string[] = [];
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
    if (message.type() !== 'error') return;
    const where = message.location().url;
    errors.push(`console: ${message.text()}${where ? ` (${where})` : ''}`);
  });
  page.on('pageerror', (error) => errors.push(`page: ${error.message}`));
  page.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    const parsed = new URL(url);
    if (parsed.origin !== server.origin) foreignRequests.push(url);
    else requests.push(`${request.method()} ${parsed.pathname}`);
  });
  // A style or script the policy refuses is a console error too, named so it cannot be mistaken.
  // (A string: these tests are typed without the DOM library.)
  await page.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (event) =>
      console.error('CSP violation: ' + event.violatedDirective + ' ' + event.blockedURI));`,
  });
  await page.goto(server.url);
  // The Listening card shows a number (not the "–" placeholder) once the first state is in.
  await page
    .getByRole('list', { name: 'Counts' })
    .getByRole('button', { name: /^\d[\d,]*\s+Listening$/ })
    .waitFor();
  return { page, errors, foreignRequests, requests, warnings };
}

/** A view's entry in the navigation (a link to `#/view`; the name includes its badge). */
export function navButton(page: Page, view: NavView): Locator {
  return page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('link', { name: new RegExp(`^${view}\\b`) });
}

/** The compact layout's "☰ Menu" button (hidden at wider sizes, where the entries always show). */
export function menuButton(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /Menu/ });
}

/** Clicks the view's navigation entry (opening the menu first at tray size) and waits for it to be current. */
export async function showView(page: Page, view: NavView): Promise<void> {
  const link = navButton(page, view);
  const menu = menuButton(page);
  if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) !== 'true') {
    await menu.click();
  }
  await link.click();
  await page
    .getByRole('navigation', { name: 'Views' })
    .locator(`a[aria-current="page"][href="#/${view.toLowerCase()}"]`)
    .waitFor({ state: 'attached' });
}

/** The Listeners or Connections grid. */
export function socketGrid(page: Page, name: 'Listeners' | 'Connections'): Locator {
  return page.getByRole('grid', { name });
}

/** Data rows (not the header row) whose Port cell is exactly `port` (with any conflict/new marks). */
export function rowsForPort(grid: Locator, port: number): Locator {
  const portCell = grid
    .page()
    .locator('[role="gridcell"]:first-child', { hasText: new RegExp(`(^|\\D)${port}(\\D|$)`) });
  return grid.locator('[role="row"][data-index]').filter({ has: portCell });
}

/** Index of a column by its header text, so tests do not hard-code the column order. */
export async function columnIndex(grid: Locator, title: string): Promise<number> {
  const titles = (await grid.getByRole('columnheader').allTextContents()).map((t) =>
    t.replace(/[▲▼]/g, '').trim(),
  );
  const index = titles.indexOf(title);
  if (index < 0) throw new Error(`no column "${title}" in ${titles.join(', ')}`);
  return index;
}

/**
 * The "3 of 5 listeners" count that describes the filter box (its aria-describedby), read the way
 * assistive technology finds it; "" when the box has no such description.
 */
export async function filterCount(page: Page): Promise<string> {
  const ids = ((await filterBox(page).getAttribute('aria-describedby')) ?? '')
    .split(/\s+/)
    .filter(Boolean);
  for (const id of ids) {
    const text = (await page.locator(`[id="${id}"]`).textContent())?.replace(/\s+/g, ' ').trim();
    if (text && /\d[\d,]* of \d[\d,]* \w+/.test(text)) return text;
  }
  return '';
}

/** The filter box of the visible socket table. */
export function filterBox(page: Page): Locator {
  return page.getByRole('searchbox', { name: 'Filter' });
}

/**
 * What the layout probe (layout-probe.mjs) finds on the page, one line each; `shell` leaves out
 * the socket tables, which are fitted to narrow widths by their own work.
 */
export async function layoutProblems(page: Page, only?: 'shell'): Promise<string[]> {
  const found = await page.evaluate(probeLayout);
  return found
    .filter((p) => only === undefined || p.owner === only)
    .map((p) => `${p.kind}: ${p.what} (${p.detail})`);
}
