// A restarted `serve` (same port, new token) leaves the old tab saying so, not "Reconnecting…" forever.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, type Browser } from './helpers/browser.js';
import { startServer, type Server } from './helpers/serve.js';
import { openWindow } from './helpers/window.js';

/** The stream retries with back-off (1 s, 2 s, 4 s …): the new server is asked within this. */
const BANNER_MS = 30_000;

let first: Server | undefined;
let second: Server | undefined;
let browser: Browser;

beforeAll(async () => {
  first = await startServer();
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await first?.stop();
  await second?.stop();
});

describe('serve restarted on the same port', () => {
  test('the old tab stops reconnecting and says to open the new address', async () => {
    const w = await openWindow(browser.context, first!);
    const port = first!.port;
    await first!.stop();
    second = await startServer(['--port', String(port)]);
    expect(second.token).not.toBe(first!.token);

    const banner = w.page.getByRole('alert').filter({ hasText: /restarted with a new token/ });
    await banner.waitFor({ timeout: BANNER_MS });
    await expect
      .poll(() => banner.textContent())
      .toMatch(/Porthole’s server restarted with a new token: open the address it printed/);
    // It says so instead of pretending to reconnect.
    expect(await w.page.getByText(/Reconnecting…/).count()).toBe(0);
    await w.page.screenshot({ path: 'tests/e2e/screenshots/serve-restarted-1280.png' });
    await w.page.setViewportSize({ width: 420, height: 640 });
    await w.page.screenshot({ path: 'tests/e2e/screenshots/serve-restarted-420.png' });
    await w.page.close();
  }, 60_000);
});
