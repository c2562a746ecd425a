// Containers in the window, in browser mode: a real standalone docker-proxy holds a 127.0.0.1 port and a
// fake Engine API (DOCKER_HOST=unix://…) says container shop-db-1 (postgres:16, compose shop/db) publishes
// it. Checks the badge row, the filter, the port page and the disabled stop (no --allow-kill) at 420 and
// 1280 px, light and dark, with the layout probe; screenshots in screenshots/containers-*.png.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  dockerProxyFound,
  dockerProxySkipReason,
  startDockerProxy,
  stopAllDockerProxies,
  type RunningProxy,
} from '../helpers/docker-proxy.js';
import { startFakeEngine, type FakeEngine } from '../helpers/fake-engine.js';
import { launchBrowser, type Browser } from './helpers/browser.js';
import { startServer, type Server } from './helpers/serve.js';
import {
  filterBox,
  layoutProblems,
  openWindow,
  rowsForPort,
  socketGrid,
} from './helpers/window.js';

const DIR = fileURLToPath(new URL('./screenshots/', import.meta.url));
const ID = 'c0ffee00d00dfeed1234567890abcdef1234567890abcdef1234567890abcdef';

let proxy: RunningProxy;
let engine: FakeEngine;
let server: Server;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!dockerProxyFound) return;
  await mkdir(DIR, { recursive: true });
  proxy = await startDockerProxy({
    hostIp: '127.0.0.1',
    containerIp: '172.17.0.2',
    containerPort: 5432,
  });
  engine = await startFakeEngine({ flavour: 'docker' });
  engine.containers = [
    {
      Id: ID,
      Names: ['/shop-db-1'],
      Image: 'postgres:16',
      Ports: [{ IP: '127.0.0.1', PrivatePort: 5432, PublicPort: proxy.hostPort, Type: 'tcp' }],
      Labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'db' },
      State: 'running',
      NetworkSettings: { Networks: { bridge: { IPAddress: '172.17.0.2' } } },
    } as (typeof engine.containers)[number],
  ];
  server = await startServer([], 20_000, { DOCKER_HOST: engine.endpoint });
  browser = await launchBrowser({ viewport: { width: 1280, height: 800 } });
  ({ page } = await openWindow(browser.context, server));
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await engine?.close();
  await stopAllDockerProxies();
});

const probe = (): Promise<string[]> => layoutProblems(page);

async function go(hash: string): Promise<void> {
  await page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`);
}

test.skipIf(!dockerProxyFound)(
  `the container's port: badge row, filter, port page and a disabled stop, at 420 and 1280 px${dockerProxySkipReason}`,
  async () => {
    const port = proxy.hostPort;
    await go('#/listeners');
    const grid = socketGrid(page, 'Listeners');
    // Other tests' sockets fill the machine: the row may sit outside the virtual list's window.
    await filterBox(page).fill(`:${port}`);
    const row = rowsForPort(grid, port).first();
    // The engine answers within a tick or two; the row then names the container.
    await row
      .getByTitle(/^postgres \(container shop-db-1\)/)
      .waitFor({ timeout: 20_000 })
      .catch(async (error: unknown) => {
        await page.screenshot({ path: `${DIR}containers-failed.png` });
        throw new Error(
          `no container on the row: ${String(error)}\nrow: ${await row.textContent()}\nengine requests: ${engine.requests.map((r) => r.url).join(', ')}\nserver: ${server.stderr()}`,
        );
      });
    await expect.poll(() => row.textContent()).toMatch(/container\s*shop-db-1/);
    expect(await row.textContent()).toContain('docker-proxy');

    await filterBox(page).fill('container:shop image:postgres');
    await expect.poll(() => rowsForPort(grid, port).count()).toBe(1);
    expect(await grid.locator('[role="row"][data-index]').count()).toBe(1);

    for (const width of [420, 1280]) {
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.setViewportSize({ width, height: width === 420 ? 640 : 800 });
        await go('#/listeners');
        await rowsForPort(grid, port).first().waitFor();
        await page.screenshot({ path: `${DIR}containers-listeners-${width}-${scheme}.png` });
        expect(await probe(), `listeners ${width} ${scheme}`).toEqual([]);

        await go(`#/port/${port}`);
        const facts = page.getByRole('group', { name: /container\s*shop-db-1/ });
        await facts.waitFor();
        await page.screenshot({ path: `${DIR}containers-port-${width}-${scheme}.png` });
        expect(await probe(), `port page ${width} ${scheme}`).toEqual([]);
      }
    }

    const facts = page.getByRole('group', { name: /container\s*shop-db-1/ });
    expect(await facts.textContent()).toMatch(
      new RegExp(
        `docker-proxy \\(PID ${proxy.pid}\\) forwards 127\\.0\\.0\\.1:${port} to 172\\.17\\.0\\.2:5432`,
      ),
    );
    for (const term of ['postgres:16', 'shop', 'db', '5432/tcp', engine.endpoint])
      expect(await facts.textContent()).toContain(term);
    const stop = facts.getByRole('button', { name: 'Stop container shop-db-1…' });
    expect(await stop.isDisabled()).toBe(true);

    // The row's menu at tray width: the container's stop, disabled, saying why.
    await page.setViewportSize({ width: 420, height: 640 });
    await go('#/listeners');
    await page.getByRole('button', { name: `Actions for 127.0.0.1:${port}` }).click();
    const item = page.getByRole('menuitem', { name: 'Stop container shop-db-1…' });
    expect(await item.getAttribute('aria-disabled')).toBe('true');
    expect(await page.getByRole('menu').textContent()).not.toContain('Stop process');
    await page.screenshot({ path: `${DIR}containers-menu-420-dark.png` });
    expect(engine.stops).toEqual([]);
  },
  180_000,
);
