// Every view at tray (420), medium (640) and desktop (1280) widths, light and dark, against real sockets:
// a screenshot per case (tests/e2e/screenshots/responsive-<view>-<width>-<scheme>.png), and no
// horizontal overflow, clipped control or cut text (helpers/layout-probe.mjs). Then the routes:
// back, forward, reload and a port page that opens at its top.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { probeLayout, type LayoutProblem } from './helpers/layout-probe.mjs';
import { VIEW_ROUTES } from '../../src-main/shared/routes.js';
import { closeScene, openScene, SEEN_MS, WINDOW_SIZES, type Scene } from './helpers/scene.js';
import {
  filterBox,
  menuButton,
  navButton,
  rowsForPort,
  showView,
  socketGrid,
} from './helpers/window.js';

const DIR = fileURLToPath(new URL('./screenshots/', import.meta.url));
const SCHEMES = ['light', 'dark'] as const;
// Every view the route table names, and a port's page.
const VIEWS = [...VIEW_ROUTES, 'port'] as const;
type View = (typeof VIEWS)[number];

let scene: Scene;
let page: Page;

beforeAll(async () => {
  await mkdir(DIR, { recursive: true });
  scene = await openScene([], 'API dev server with a long label');
  ({ page } = scene);
}, 120_000);

afterAll(() => closeScene(scene ?? {}));

/** Goes to a place by its address, as a link, the tray or a bookmark would. */
async function go(hash: string): Promise<void> {
  await page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`);
}

/** Opens a view by its route and waits until its content (not just its title) is in. */
async function open(view: View): Promise<void> {
  const heading = (name: string) =>
    page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
  switch (view) {
    case 'port':
      await go(`#/port/${scene.conflictPort}`);
      await heading(`Port ${scene.conflictPort}`);
      await page.getByRole('region', { name: 'Conflicts' }).getByRole('listitem').first().waitFor();
      return;
    case 'listeners':
      await go('#/listeners');
      await rowsForPort(socketGrid(page, 'Listeners'), scene.appPort).first().waitFor();
      return;
    case 'watches':
      await go('#/watches');
      await page
        .getByRole('list', { name: 'Watched ports' })
        .getByRole('listitem')
        .nth(1)
        .waitFor();
      return;
    case 'history':
      await go('#/history');
      await page
        .getByRole('region', { name: 'History entries' })
        .getByRole('listitem')
        .filter({ hasText: String(scene.doomedPort) })
        .first()
        .waitFor();
      return;
    default:
      await go(`#/${view}`);
      await heading(view[0]!.toUpperCase() + view.slice(1));
  }
}

const text = (p: LayoutProblem) => `${p.kind}: ${p.what} (${p.detail})`;

describe.each(WINDOW_SIZES)('at $width×$height', (size) => {
  describe.each(SCHEMES)('%s', (scheme) => {
    beforeAll(async () => {
      await page.setViewportSize(size);
      await page.emulateMedia({ colorScheme: scheme });
    });

    test.each(VIEWS)('%s fits: no overflow, nothing clipped', async (view) => {
      await open(view);
      // Row highlights and fades do not move anything; a short pause lets late lines wrap.
      await page.waitForTimeout(250);
      await page.screenshot({ path: `${DIR}responsive-${view}-${size.width}-${scheme}.png` });
      const problems = await page.evaluate(probeLayout);
      expect
        .soft(problems.filter((p) => p.owner === 'shell').map(text), `${view}: layout`)
        .toEqual([]);
      // The socket tables are fitted to narrow widths by their own work; reported here by name.
      expect
        .soft(
          problems.filter((p) => p.owner === 'tables').map(text),
          `${view}: inside the socket table (SocketTable/tables work)`,
        )
        .toEqual([]);
    });
  });
});

describe('navigation by width', () => {
  test('tray size: a top bar with the current place and a menu that Escape closes', async () => {
    await page.setViewportSize({ width: 420, height: 640 });
    await go('#/watches');
    const menu = menuButton(page);
    await expect.poll(() => menu.isVisible()).toBe(true);
    expect(await navButton(page, 'Listeners').isVisible()).toBe(false);
    expect(await menu.getAttribute('aria-expanded')).toBe('false');

    await menu.focus();
    await page.keyboard.press('Enter');
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await navButton(page, 'Listeners').waitFor();
    await page.screenshot({ path: `${DIR}responsive-menu-open-420.png` });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Escape');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await navButton(page, 'Listeners').isVisible()).toBe(false);
    // Focus is back on the menu button.
    expect(await page.evaluate('document.activeElement?.getAttribute("aria-controls")')).toBe(
      'nav-list',
    );

    // Choosing an entry goes there and closes the menu.
    await showView(page, 'History');
    expect(await page.evaluate('window.location.hash')).toBe('#/history');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
  });

  test('medium width: the entries are a row of tabs; desktop: a sidebar', async () => {
    await page.setViewportSize({ width: 640, height: 720 });
    await go('#/overview');
    expect(await menuButton(page).isVisible()).toBe(false);
    const overview = await navButton(page, 'Overview').boundingBox();
    const settings = await navButton(page, 'Settings').boundingBox();
    // One or two rows of tabs above the content, not a column.
    expect(settings!.y - overview!.y).toBeLessThan(overview!.height * 2.5);

    await page.setViewportSize({ width: 1280, height: 800 });
    const overviewWide = await navButton(page, 'Overview').boundingBox();
    const settingsWide = await navButton(page, 'Settings').boundingBox();
    expect(Math.abs(settingsWide!.x - overviewWide!.x)).toBeLessThan(1);
    expect(settingsWide!.y).toBeGreaterThan(overviewWide!.y + overviewWide!.height * 4);
  });

  test('nav entries are links to their routes, marked current', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await showView(page, 'Connections');
    const link = navButton(page, 'Connections');
    expect(await link.getAttribute('href')).toBe('#/connections');
    expect(await link.getAttribute('aria-current')).toBe('page');
    expect(await navButton(page, 'Overview').getAttribute('aria-current')).toBeNull();
  });
});

describe('routes', () => {
  const hash = () => page.evaluate('window.location.hash');
  const title = (name: string) =>
    page.getByRole('heading', { level: 1, name, exact: true }).waitFor();

  test('a row opens its port page; back, forward and reload keep the place', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await showView(page, 'Listeners');
    await filterBox(page).fill(`:${scene.appPort}`);
    const row = rowsForPort(socketGrid(page, 'Listeners'), scene.appPort);
    await expect.poll(() => row.count(), { timeout: SEEN_MS }).toBe(1);
    await row.click();
    await title(`Port ${scene.appPort}`);
    expect(await hash()).toBe(`#/port/${scene.appPort}`);

    await page.goBack();
    await title('Listeners');
    expect(await hash()).toBe('#/listeners');
    await page.goForward();
    await title(`Port ${scene.appPort}`);

    await page.reload();
    await title(`Port ${scene.appPort}`);
    expect(await hash()).toBe(`#/port/${scene.appPort}`);

    // The page's own Back: through the window's history, which survived the reload.
    await page.getByRole('button', { name: /Back$/ }).click();
    await title('Listeners');
    expect(await hash()).toBe('#/listeners');
    await filterBox(page).fill('');
  });

  test('an address outside the table shows Overview', async () => {
    await go('#/nowhere');
    await title('Overview');
    expect(await hash()).toBe('#/overview');
  });

  test('opened straight on a port page, Back stays in the window', async () => {
    const fresh = await scene.browser.context.newPage();
    try {
      // Same tab storage is not shared with a new page: hand it the token in the address.
      await fresh.goto(`${scene.server.url}#/port/${scene.appPort}`);
      await fresh.getByRole('heading', { level: 1, name: `Port ${scene.appPort}` }).waitFor();
      await fresh.getByRole('button', { name: /Back$/ }).click();
      await fresh.getByRole('heading', { level: 1, name: 'Listeners', exact: true }).waitFor();
      expect(fresh.url()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#\/listeners$/);
    } finally {
      await fresh.close();
    }
  });

  test('a port page opens at its top, wherever the last view was scrolled', async () => {
    await page.setViewportSize({ width: 420, height: 640 });
    await go('#/settings');
    await title('Settings');
    const scrolled = await page.locator('main').evaluate((main) => {
      const m = main as unknown as { scrollTop: number; scrollHeight: number };
      m.scrollTop = m.scrollHeight;
      return m.scrollTop;
    });
    expect(scrolled).toBeGreaterThan(100);
    await go(`#/port/${scene.conflictPort}`);
    await title(`Port ${scene.conflictPort}`);
    await expect
      .poll(() =>
        page
          .locator('main')
          .evaluate((main) => (main as unknown as { scrollTop: number }).scrollTop),
      )
      .toBe(0);
    const top = await page
      .getByRole('heading', { level: 1, name: `Port ${scene.conflictPort}` })
      .boundingBox();
    expect(top!.y).toBeGreaterThanOrEqual(0);
    expect(await page.getByRole('button', { name: /Back$/ }).isVisible()).toBe(true);
  });
});
