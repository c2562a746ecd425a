// The served window in real headless Chromium against real loopback sockets: listeners, watches,
// conflicts, the filter, and a clean console with no requests leaving the server's origin.
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { holdSockets, stopAllHolders } from '../helpers/sockets.js';
import { launchBrowser, type Browser } from './helpers/browser.js';
import { openProblem, problemLineFor } from './helpers/problems.js';
import { startServer, type Server } from './helpers/serve.js';
import {
  columnIndex,
  filterBox,
  filterCount,
  navButton,
  openWindow,
  rowsForPort,
  showView,
  socketGrid,
  type WindowPage,
} from './helpers/window.js';

// The monitor refreshes every 2 s while a window is open; a watch probes every 5 s and needs two
// failures. These bound each wait well above that, so a slow machine is not a failure.
const SEEN_MS = 15_000;
const DOWN_MS = 40_000;

let server: Server;
let browser: Browser;
const pages: WindowPage[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterEach(async () => {
  await stopAllHolders();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function open(): Promise<WindowPage> {
  const w = await openWindow(browser.context, server);
  pages.push(w);
  return w;
}

describe('the window in Chromium', () => {
  test('a new listener shows in Listeners with its PID', async () => {
    const holder = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    const port = holder.sockets[0]!.port;
    const { page } = await open();
    await showView(page, 'Listeners');
    const grid = socketGrid(page, 'Listeners');
    // Other processes may hold more listeners than fit on screen: narrow to the port, as a user would.
    await filterBox(page).fill(`:${port}`);
    const row = rowsForPort(grid, port);
    await expect.poll(() => row.count(), { timeout: SEEN_MS }).toBe(1);
    const pidColumn = await columnIndex(grid, 'PID');
    expect(await row.getByRole('gridcell').nth(pidColumn).textContent()).toContain(
      String(holder.pid),
    );
    const addressColumn = await columnIndex(grid, 'Address');
    expect(await row.getByRole('gridcell').nth(addressColumn).textContent()).toContain('127.0.0.1');
  });

  test('the state is fetched once; later listeners arrive over the stream', async () => {
    const w = await open();
    await showView(w.page, 'Listeners');
    const holder = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    const port = holder.sockets[0]!.port;
    await filterBox(w.page).fill(`:${port}`);
    const row = rowsForPort(socketGrid(w.page, 'Listeners'), port);
    await expect.poll(() => row.count(), { timeout: SEEN_MS }).toBe(1);
    const pidColumn = await columnIndex(socketGrid(w.page, 'Listeners'), 'PID');
    expect(await row.getByRole('gridcell').nth(pidColumn).textContent()).toContain(
      String(holder.pid),
    );
    // One request for the state, and no preload left unused (it would warn in the console).
    expect(w.requests.filter((r) => r.endsWith('/api/state'))).toEqual(['GET /api/state']);
    expect(w.requests).not.toContain(`POST /api/${encodeURIComponent('porthole:state:get')}`);
    expect(w.warnings.filter((text) => /preload/i.test(text))).toEqual([]);
  });

  test('a watch added with one field and Enter goes down when its listener closes', async () => {
    const holder = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    const port = holder.sockets[0]!.port;
    const { page } = await open();
    await showView(page, 'Watches');
    const field = page.getByLabel('Port or host:port');
    await field.fill(String(port));
    await field.press('Enter');

    const list = page.getByRole('list', { name: 'Watched ports' });
    const watch = list.getByRole('listitem').filter({ hasText: String(port) });
    await expect.poll(() => watch.count(), { timeout: SEEN_MS }).toBe(1);
    await expect
      .poll(() => watch.getAttribute('aria-label'), { timeout: SEEN_MS })
      .toMatch(/: up$/);

    await holder.stop();
    await expect
      .poll(() => watch.getAttribute('aria-label'), { timeout: DOWN_MS })
      .toMatch(/: down$/);
    // The sidebar tells the user too, whichever view they are on.
    await expect
      .poll(() => navButton(page, 'Watches').textContent(), { timeout: SEEN_MS })
      .toMatch(/1 down/);
  });

  test('127.0.0.1 and ::1 on one port show as a conflict naming both PIDs', async () => {
    const v4 = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    const port = v4.sockets[0]!.port;
    // A second process, so the explanation has two PIDs to name; ::1 is free on that port.
    const v6 = await holdSockets({ listen: [{ host: '::1', port, ipv6Only: true }] });
    expect(v6.pid).not.toBe(v4.pid);
    const { page } = await open();

    // Overview: the problem on one line; opened, its explanation names both PIDs.
    const line = problemLineFor(page, port);
    await expect.poll(() => line.count(), { timeout: SEEN_MS }).toBe(1);
    const problem = await openProblem(line);
    const explanation = (await problem.textContent()) ?? '';
    expect(explanation).toContain(String(v4.pid));
    expect(explanation).toContain(String(v6.pid));

    // Port detail: the same conflict under Conflicts, with both PIDs.
    await problem.getByRole('button', { name: `Open port ${port}` }).click();
    const conflicts = page.getByRole('region', { name: 'Conflicts' });
    await expect
      .poll(() => conflicts.getByRole('listitem').count(), { timeout: SEEN_MS })
      .toBeGreaterThan(0);
    const detail = (await conflicts.textContent()) ?? '';
    expect(detail).toContain(String(v4.pid));
    expect(detail).toContain(String(v6.pid));
    // Both sockets are listed as holders of the port.
    const holders = page.getByRole('table', { name: `Sockets on port ${port}` });
    await expect.poll(() => holders.getByRole('row').count(), { timeout: SEEN_MS }).toBe(3);
  });

  test('the filter box narrows the Listeners table to the matching rows', async () => {
    const holder = await holdSockets({
      listen: [{ host: '127.0.0.1' }, { host: '127.0.0.1' }, { host: '::1' }],
    });
    const [wanted, ...others] = holder.sockets.map((s) => s.port);
    const { page } = await open();
    await showView(page, 'Listeners');
    const grid = socketGrid(page, 'Listeners');
    const box = filterBox(page);
    // Wait until the monitor saw all three, so the count before filtering includes them.
    await box.fill(`pid ${holder.pid}`);
    await expect
      .poll(() => grid.getAttribute('aria-rowcount', { timeout: 1_000 }), { timeout: SEEN_MS })
      .toBe('4');
    await box.fill('');
    const before = Number(await grid.getAttribute('aria-rowcount')) - 1;
    expect(before).toBeGreaterThanOrEqual(3);

    // Typed key by key: on the way, "3", "35"... match nothing (numbers match whole ports), then one row.
    await box.pressSequentially(String(wanted), { delay: 20 });
    await expect
      .poll(() => filterCount(page))
      // The total is not pinned: other processes on the machine may open or close listeners meanwhile.
      .toMatch(/^\s*1 of \d[\d,]*\s+listeners/);
    expect(await grid.getAttribute('aria-rowcount')).toBe('2');
    const rows = grid.locator('[role="row"][data-index]');
    expect(await rows.count()).toBe(1);
    expect(await rowsForPort(grid, wanted!).count()).toBe(1);
    for (const other of others) expect(await rowsForPort(grid, other).count()).toBe(0);
  });

  test('no console errors and no requests to other origins on any view', async () => {
    const holder = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    const port = holder.sockets[0]!.port;
    const w = await open();
    for (const view of ['Listeners', 'Connections', 'Watches', 'History', 'Overview'] as const) {
      await showView(w.page, view);
    }
    await showView(w.page, 'Listeners');
    await filterBox(w.page).fill(`:${port}`);
    const row = rowsForPort(socketGrid(w.page, 'Listeners'), port);
    await expect.poll(() => row.count(), { timeout: SEEN_MS }).toBe(1);
    await row.click();
    await w.page.getByRole('heading', { name: `Port ${port}`, exact: true }).waitFor();
    await w.page.getByRole('region', { name: 'Free ports nearby' }).waitFor();
    // Let the detail's lookups (who, history, free ports) finish.
    await w.page.waitForLoadState('networkidle').catch(() => undefined);
    for (const opened of pages) {
      expect(opened.errors).toEqual([]);
      expect(opened.foreignRequests).toEqual([]);
    }
  });
});
