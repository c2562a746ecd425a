// Browser mode's token stays with its own origin: once the window has loaded and worked, another
// loopback server the same browser visits sees neither the token nor a cookie (cookies are not
// port-scoped), the address bar no longer shows it, and the API without the header is refused.
import { createServer, type IncomingHttpHeaders, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { holdSockets, stopAllHolders } from '../helpers/sockets.js';
import { launchBrowser, type Browser } from './helpers/browser.js';
import { startServer, type Server } from './helpers/serve.js';
import { filterBox, openWindow, rowsForPort, showView, socketGrid } from './helpers/window.js';

const SEEN_MS = 15_000;

let server: Server;
let browser: Browser;
/** Another local server (a dev server the user opens next): it records whatever reaches it. */
let other: HttpServer;
let otherPort: number;
const recorded: { url: string; headers: IncomingHttpHeaders }[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  other = createServer((req, res) => {
    recorded.push({ url: req.url ?? '', headers: req.headers });
    const page = '<!doctype html><title>dev server</title><img src="/logo.png" alt="">';
    res.writeHead(200, { 'Content-Type': req.url === '/logo.png' ? 'image/png' : 'text/html' });
    res.end(req.url === '/logo.png' ? '' : page);
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  otherPort = (other.address() as AddressInfo).port;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stopAllHolders();
  await server?.stop();
  other?.closeAllConnections();
  await new Promise<void>((resolve) => (other ? other.close(() => resolve()) : resolve()));
});

describe('the token stays with its own origin', () => {
  test('after the window worked, another local server receives no token and no cookie', async () => {
    const w = await openWindow(browser.context, server);
    // The address bar (and so history, bookmarks, screenshots) no longer carries the token.
    expect(w.page.url()).toBe(`${server.origin}/`);

    // Events arrive over the stream: a listener opened now shows up.
    const holder = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    const port = holder.sockets[0]!.port;
    await showView(w.page, 'Listeners');
    await filterBox(w.page).fill(`:${port}`);
    const row = rowsForPort(socketGrid(w.page, 'Listeners'), port);
    await expect.poll(() => row.count(), { timeout: SEEN_MS }).toBe(1);

    // A reload finds the token again (sessionStorage) and still shows the state, at the same place.
    await w.page.reload();
    await filterBox(w.page).fill(`:${port}`);
    await expect.poll(() => row.count(), { timeout: SEEN_MS }).toBe(1);
    expect(w.page.url()).toBe(`${server.origin}/#/listeners`);

    // Without the header the API refuses even the page's own same-origin requests.
    const statuses = await w.page.evaluate(async () => {
      const state = await fetch('/api/state');
      const events = await fetch('/api/events');
      const call = await fetch(`/api/${encodeURIComponent('porthole:state:get')}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
      });
      return [state.status, events.status, call.status];
    });
    expect(statuses).toEqual([401, 401, 401]);

    // The user opens another local server in the same browser, by both names.
    for (const origin of [`http://127.0.0.1:${otherPort}`, `http://localhost:${otherPort}`]) {
      await w.page.goto(`${origin}/`);
      await w.page.waitForLoadState('networkidle').catch(() => undefined);
    }
    const fresh = await browser.context.newPage();
    await fresh.goto(`http://127.0.0.1:${otherPort}/second`);
    await fresh.close();

    expect(recorded.map((r) => r.url)).toEqual(expect.arrayContaining(['/', '/second']));
    for (const { url, headers } of recorded) {
      expect(url).not.toContain(server.token);
      expect(headers.cookie, url).toBeUndefined();
      expect(JSON.stringify(headers)).not.toContain(server.token);
      expect(JSON.stringify(headers)).not.toMatch(/porthole/i);
    }
    expect(await browser.context.cookies()).toEqual([]);
    expect(w.errors.filter((e) => !e.includes('401'))).toEqual([]);
  });
});
