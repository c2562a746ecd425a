// The browser-mode server in-process: static files, the event stream's life cycle, envelopes for failures.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { Channel, PortholeEvent, PortholeState } from '../../../src-main/shared/contract.js';
import { PortholeError } from '../../../src-main/shared/api.js';
import { startWebServer, type WebServer } from '../../../src-main/web/server.js';
import { rawRequest, sseReader } from './serve-process.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
});

const STATE = { snapshot: null, conflicts: [], watches: [] } as unknown as PortholeState;

/** Records calls; `porthole:ports:free` throws a bug, `porthole:watches:remove` an expected refusal. */
class FakeBackend {
  readonly calls: [Channel, unknown][] = [];
  readonly listeners = new Set<(event: PortholeEvent) => void>();
  state(): PortholeState {
    return STATE;
  }
  onEvent(listener: (event: PortholeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emit(event: PortholeEvent): void {
    for (const listener of this.listeners) listener(event);
  }
  handle(channel: Channel, request: unknown): Promise<never> {
    this.calls.push([channel, request]);
    if (channel === 'porthole:ports:free') return Promise.reject(new Error('boom'));
    if (channel === 'porthole:watches:remove')
      return Promise.reject(new PortholeError('not-found', 'no such watch'));
    return Promise.resolve('done' as never);
  }
}

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'porthole-web-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function start(
  options: {
    rendererDir?: string;
    heartbeatMs?: number;
    onClientsChange?: (n: number) => void;
    onError?: (e: unknown) => void;
  } = {},
): Promise<{ server: WebServer; backend: FakeBackend; cookie: string }> {
  const backend = new FakeBackend();
  const server = await startWebServer({
    backend,
    rendererDir: options.rendererDir ?? tempDir(),
    ...options,
  });
  cleanups.push(() => server.close());
  return { server, backend, cookie: `porthole_token=${server.token}` };
}

function post(server: WebServer, channel: string, body: string): Promise<Response> {
  return fetch(`http://127.0.0.1:${server.port}/api/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'X-Porthole-Token': server.token,
    },
    body,
  });
}

describe('static files', () => {
  test('index.html with ?token sets the cookie; other files need the cookie', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Porthole window</title>');
    writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
    const { server, cookie } = await start({ rendererDir: dir });

    const page = await rawRequest(server.port, { path: `/?token=${server.token}` });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Porthole window');
    expect(page.headers['set-cookie']).toEqual([`${cookie}; HttpOnly; SameSite=Strict; Path=/`]);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');

    expect((await rawRequest(server.port, { path: '/assets/app.js' })).status).toBe(401);
    // The query token opens only the page and the event stream, not every file.
    expect(
      (await rawRequest(server.port, { path: `/assets/app.js?token=${server.token}` })).status,
    ).toBe(401);
    const script = await rawRequest(server.port, {
      path: '/assets/app.js',
      headers: { Cookie: `other=1; ${cookie}` },
    });
    expect(script).toMatchObject({ status: 200, body: 'console.log(1)' });
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['content-security-policy']).toContain("script-src 'self'");
    expect(
      (await rawRequest(server.port, { path: '/assets/missing.js', headers: { Cookie: cookie } }))
        .status,
    ).toBe(404);
  });

  test('a symlink out of the window, a hidden file and a NUL are not served', async () => {
    const outside = tempDir();
    writeFileSync(path.join(outside, 'secret.txt'), 'secret');
    const dir = tempDir();
    symlinkSync(path.join(outside, 'secret.txt'), path.join(dir, 'link.txt'));
    writeFileSync(path.join(dir, '.env'), 'TOKEN=1');
    const { server, cookie } = await start({ rendererDir: dir });
    const headers = { Cookie: cookie };
    const link = await rawRequest(server.port, { path: '/link.txt', headers });
    expect(link.status).toBe(403);
    expect(link.body).not.toContain('secret');
    expect((await rawRequest(server.port, { path: '/.env', headers })).status).toBe(404);
    expect((await rawRequest(server.port, { path: '/index.html%00.js', headers })).status).toBe(
      403,
    );
  });

  test('without a built window, / says how to build it', async () => {
    const { server } = await start({ rendererDir: path.join(tempDir(), 'missing') });
    const page = await rawRequest(server.port, { path: `/?token=${server.token}` });
    expect(page.status).toBe(200);
    expect(page.body.toLowerCase()).toContain(
      'the window is not built: run <code>npm run build:renderer</code>',
    );
    expect(page.headers['set-cookie']).toBeDefined();
  });

  test('localhost:<port> is as good a Host as 127.0.0.1:<port>', async () => {
    const { server, cookie } = await start();
    const page = await rawRequest(server.port, {
      path: '/',
      headers: { Host: `LOCALHOST:${server.port}`, Cookie: cookie },
    });
    expect(page.status).toBe(200);
  });
});

describe('API calls', () => {
  test('validated requests reach the backend; unknown keys never do', async () => {
    const { server, backend } = await start();
    const ok = await post(server, 'porthole:watches:add', JSON.stringify({ target: ' 3000 ' }));
    expect(await ok.json()).toEqual({ ok: true, value: 'done' });
    const extra = await post(
      server,
      'porthole:watches:add',
      JSON.stringify({ target: '3000', admin: true }),
    );
    expect(await extra.json()).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(backend.calls).toEqual([['porthole:watches:add', { target: '3000' }]]);
  });

  test('expected refusals keep their code; a bug becomes `failed` and is reported', async () => {
    const errors: unknown[] = [];
    const { server } = await start({ onError: (error) => errors.push(error) });
    const refused = await post(server, 'porthole:watches:remove', JSON.stringify({ id: 'x' }));
    expect(await refused.json()).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'no such watch' },
    });
    const broken = await post(server, 'porthole:ports:free', JSON.stringify({ near: 3000 }));
    expect(await broken.json()).toEqual({ ok: false, error: { code: 'failed', message: 'boom' } });
    expect(errors).toHaveLength(1);
  });

  test('wrong methods are refused', async () => {
    const { server, cookie } = await start();
    const get = await rawRequest(server.port, {
      path: '/api/porthole%3Astate%3Aget',
      headers: { Cookie: cookie },
    });
    expect(get.status).toBe(405);
    const postEvents = await rawRequest(server.port, {
      path: '/api/events',
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/json' },
    });
    expect(postEvents.status).toBe(405);
  });

  test('a port already in use is a plain error', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => blocker.close(() => resolve())));
    const port = (blocker.address() as net.AddressInfo).port;
    await expect(
      startWebServer({ backend: new FakeBackend(), port, rendererDir: tempDir() }),
    ).rejects.toThrow(`port ${port} is already in use on 127.0.0.1`);
  });
});

describe('event stream', () => {
  test('counts clients, forwards events, sends heartbeats and unsubscribes when a client leaves', async () => {
    const counts: number[] = [];
    const { server, backend } = await start({
      heartbeatMs: 30,
      onClientsChange: (n) => counts.push(n),
    });
    let raw = '';
    const req = http.get(
      { host: '127.0.0.1', port: server.port, path: `/api/events?token=${server.token}` },
      (res) => res.setEncoding('utf8').on('data', (chunk: string) => (raw += chunk)),
    );
    req.on('error', () => undefined);
    for (let i = 0; i < 200 && !raw.includes(': heartbeat'); i += 1)
      await new Promise((r) => setTimeout(r, 10));
    expect(raw.startsWith('retry: 2000\n\ndata: {"type":"state"')).toBe(true);
    expect(raw).toContain(': heartbeat\n\n');
    expect(backend.listeners.size).toBe(1);
    backend.emit({ type: 'focus-port', port: 3000 });
    for (let i = 0; i < 200 && !raw.includes('focus-port'); i += 1)
      await new Promise((r) => setTimeout(r, 10));
    expect(raw).toContain('data: {"type":"focus-port","port":3000}\n\n');

    req.destroy();
    for (let i = 0; i < 200 && backend.listeners.size > 0; i += 1)
      await new Promise((r) => setTimeout(r, 10));
    expect(backend.listeners.size).toBe(0);
    expect(counts).toEqual([1, 0]);
  });

  test('the token may come from the cookie too; close() ends open streams', async () => {
    const { server, cookie } = await start();
    const response = await fetch(`http://127.0.0.1:${server.port}/api/events`, {
      headers: { Cookie: cookie },
    });
    expect(response.status).toBe(200);
    const events = sseReader(response.body!);
    expect(await events.next()).toMatchObject({ type: 'state' });
    await server.close();
    await expect(events.next()).rejects.toThrow(/ended|terminated/);
  });
});
