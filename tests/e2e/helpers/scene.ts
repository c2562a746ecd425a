// The e2e scene most window tests share: a 127.0.0.1 vs ::1 conflict, an app with a connection, a watched port gone down.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { PortholeState } from '../../../src-main/shared/contract.js';
import {
  holdSockets,
  stopAllHolders,
  type Holder,
  type ListenSpec,
} from '../../helpers/sockets.js';
import { launchBrowser, type Browser } from './browser.js';
import { startServer, type Server } from './serve.js';
import { openWindow, showView } from './window.js';

/** Every holder outlives the whole run (the default 60 s does not). */
export const LIFETIME_MS = 600_000;
/** How long the window may take to see a new socket, and a watch to go down after its failures. */
export const SEEN_MS = 15_000;
export const DOWN_MS = 40_000;

/** Adds a watch through the API, as a second window would; the page sees it by its events. */
export async function addWatch(server: Server, target: string, label: string): Promise<void> {
  const res = await fetch(`${server.origin}/api/${encodeURIComponent('porthole:watches:add')}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Porthole-Token': server.token },
    body: JSON.stringify({ target, label }),
  });
  expect(await res.json()).toMatchObject({ ok: true });
}

/** The state as the window fetches it. */
export async function serverState(server: Server): Promise<PortholeState> {
  const res = await fetch(`${server.origin}/api/state`, {
    headers: { 'X-Porthole-Token': server.token },
  });
  const body = (await res.json()) as { ok: boolean; value: PortholeState };
  expect(body.ok).toBe(true);
  return body.value;
}

/** A TCP and a UDP listener on 127.0.0.1, and a connection to the first: "the app". */
export async function holdApp(): Promise<Holder> {
  return holdSockets({
    lifetimeMs: LIFETIME_MS,
    listen: [{ host: '127.0.0.1' }, { protocol: 'udp', host: '127.0.0.1' }],
    connect: [{ host: '127.0.0.1', toIndex: 0 }],
  });
}

/** 127.0.0.1 and ::1 of one port held by two processes: a shadowed port, with a long explanation. */
export async function holdConflict(): Promise<{ port: number; v4: Holder; v6: Holder }> {
  const v4 = await holdSockets({ lifetimeMs: LIFETIME_MS, listen: [{ host: '127.0.0.1' }] });
  const port = v4.sockets[0]!.port;
  const v6 = await holdSockets({
    lifetimeMs: LIFETIME_MS,
    listen: [{ host: '::1', port, ipv6Only: true }],
  });
  return { port, v4, v6 };
}

/**
 * A listener watched as "Worker" that then exits: a down row in Watches, entries in History and
 * the most urgent problem in Overview. Leaves the page on Watches.
 */
export async function watchGoesDown(
  server: Server,
  page: Page,
): Promise<{ port: number; pid: number }> {
  const doomed = await holdSockets({ lifetimeMs: LIFETIME_MS, listen: [{ host: '127.0.0.1' }] });
  const port = doomed.sockets[0]!.port;
  await addWatch(server, String(port), 'Worker');
  await showView(page, 'Watches');
  const list = page.getByRole('list', { name: 'Watched ports' });
  await list.getByRole('listitem', { name: /^Worker.*: up$/ }).waitFor({ timeout: SEEN_MS });
  await doomed.stop();
  await list.getByRole('listitem', { name: /^Worker.*: down$/ }).waitFor({ timeout: DOWN_MS });
  return { port, pid: doomed.pid };
}

/** The window sizes every layout check covers: a tray popup, Electron's half screen, a desktop. */
export const WINDOW_SIZES = [
  { width: 420, height: 640 },
  { width: 640, height: 720 },
  { width: 1280, height: 800 },
] as const;

/** The whole scene, opened in one window: the app (watched), the conflict and the down watch. */
export interface Scene {
  server: Server;
  browser: Browser;
  page: Page;
  app: Holder;
  appPort: number;
  conflictPort: number;
  doomedPort: number;
}

/** Starts `porthole serve` (with `serveArgs`) and Chromium, builds the scene and opens the window on it. */
export async function openScene(serveArgs: string[], appLabel: string): Promise<Scene> {
  const opened: { server?: Server; browser?: Browser } = {};
  try {
    const server = (opened.server = await startServer(serveArgs));
    const browser = (opened.browser = await launchBrowser());
    const app = await holdApp();
    const appPort = app.sockets[0]!.port;
    const conflictPort = (await holdConflict()).port;
    await addWatch(server, String(appPort), appLabel);
    const { page } = await openWindow(browser.context, server);
    const doomedPort = (await watchGoesDown(server, page)).port;
    return { server, browser, page, app, appPort, conflictPort, doomedPort };
  } catch (error) {
    // A set-up that failed half-way leaves no server, browser or holder behind.
    await closeScene(opened);
    throw error;
  }
}

/** Closes what a test file opened (any part may be missing if its set-up failed). */
export async function closeScene(scene: { browser?: Browser; server?: Server }): Promise<void> {
  await scene.browser?.close();
  await stopAllHolders();
  await scene.server?.stop();
}

/** One holder process, browser mode and a window on it: what a single-scene test starts. */
export interface HolderWindow {
  holder: Holder;
  /** The holder's first socket's port. */
  port: number;
  server: Server;
  page: Page;
  /** Closes the browser, stops the server and every holder. */
  close(): Promise<void>;
}

export async function holderWindow(options: {
  listen: ListenSpec[];
  serveArgs?: string[];
  viewport: { width: number; height: number };
}): Promise<HolderWindow> {
  const holder = await holdSockets({ lifetimeMs: LIFETIME_MS, listen: options.listen });
  let server: Server | undefined;
  let browser: Browser | undefined;
  const close = async (): Promise<void> => {
    await browser?.close();
    await server?.stop();
    await stopAllHolders();
  };
  try {
    server = await startServer(options.serveArgs ?? []);
    browser = await launchBrowser({ viewport: options.viewport });
    const { page } = await openWindow(browser.context, server);
    return { holder, port: holder.sockets[0]!.port, server, page, close };
  } catch (error) {
    await close();
    throw error;
  }
}
