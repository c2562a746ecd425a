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
): Promise<{ server: WebServer; backend: FakeBackend; auth: Record<string, string> }> {
  const backend = new FakeBackend();
  const server = await startWebServer({
    backend,
    rendererDir: options.rendererDir ?? tempDir(),
    ...options,
  });
  cleanups.push(() => server.close());
  return { server, backend, auth: { 'X-Porthole-Token': server.token } };
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
  test('the window is served without a token and without any cookie; a wrong ?token= is refused', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'assets'));
    const html =
      '<!doctype html><html><head><title>Porthole window</title></head><body></body></html>';
    writeFileSync(path.join(dir, 'index.html'), html);
    writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
    const { server } = await start({ rendererDir: dir });

    // The printed address, and a reload after the page took the token out of it.
    for (const at of [`/?token=${server.token}`, '/']) {
      const page = await rawRequest(server.port, { path: at });
      expect(page.status).toBe(200);
      // Served as built: no preload of /api/state (it could not carry the token header).
      expect(page.body).toBe(html);
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.headers['set-cookie']).toBeUndefined();
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    }
    // A stale or mistyped link says so at once instead of loading a window that cannot work.
    const stale = await rawRequest(server.port, { path: '/?token=wrong' });
    expect(stale.status).toBe(401);
    expect(stale.body).toContain('open the address porthole serve printed');

    const script = await rawRequest(server.port, { path: '/assets/app.js' });
    expect(script).toMatchObject({ status: 200, body: 'console.log(1)' });
    expect(script.headers['set-cookie']).toBeUndefined();
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    // Build files are named by their content hash: the same name never changes.
    expect(script.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    expect(script.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await rawRequest(server.port, { path: '/assets/missing.js' })).status).toBe(404);
  });

  test('a symlink out of the window, a hidden file and a NUL are not served', async () => {
    const outside = tempDir();
    writeFileSync(path.join(outside, 'secret.txt'), 'secret');
    const dir = tempDir();
    symlinkSync(path.join(outside, 'secret.txt'), path.join(dir, 'link.txt'));
    writeFileSync(path.join(dir, '.env'), 'TOKEN=1');
    const { server } = await start({ rendererDir: dir });
    const headers = {};
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
      'the window is not built: run <code>npm run build</code> in',
    );
    expect(page.headers['set-cookie']).toBeUndefined();
  });

  test('localhost:<port> is as good a Host as 127.0.0.1:<port>', async () => {
    const { server } = await start();
    const page = await rawRequest(server.port, {
      path: '/',
      headers: { Host: `LOCALHOST:${server.port}` },
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
    const { server, auth } = await start();
    const get = await rawRequest(server.port, {
      path: '/api/porthole%3Astate%3Aget',
      headers: auth,
    });
    expect(get.status).toBe(405);
    const postState = await rawRequest(server.port, {
      path: '/api/state',
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
    });
    expect(postState.status).toBe(405);
    const postEvents = await rawRequest(server.port, {
      path: '/api/events',
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
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

describe('event stream and state', () => {
  /** Collects a stream's raw text until `until` shows up (bounded). */
  async function readUntil(raw: () => string, until: (text: string) => boolean): Promise<void> {
    for (let i = 0; i < 200 && !until(raw()); i += 1) await new Promise((r) => setTimeout(r, 10));
  }

  test('counts clients, numbers events, sends heartbeats and stops sending when a client leaves', async () => {
    const counts: number[] = [];
    const { server, backend } = await start({
      heartbeatMs: 30,
      onClientsChange: (n) => counts.push(n),
    });
    backend.emit({ type: 'focus-port', port: 1 }); // before any window: counted, sent to no one
    let raw = '';
    const req = http.get(
      {
        host: '127.0.0.1',
        port: server.port,
        path: '/api/events',
        headers: { 'X-Porthole-Token': server.token },
      },
      (res) => res.setEncoding('utf8').on('data', (chunk: string) => (raw += chunk)),
    );
    req.on('error', () => undefined);
    await readUntil(
      () => raw,
      (text) => text.includes(': heartbeat'),
    );
    const ready = /^retry: 2000\n\nevent: ready\ndata: (\{.*\})\n\n/.exec(raw);
    expect(ready).not.toBeNull();
    const position = JSON.parse(ready![1]!) as { instance: string; seq: number };
    expect(position.instance).toMatch(/^[0-9a-f-]{36}$/);
    expect(position.seq).toBe(1);
    expect(raw).toContain(': heartbeat\n\n');
    backend.emit({ type: 'focus-port', port: 3000 });
    backend.emit({ type: 'focus-port', port: 3001 });
    await readUntil(
      () => raw,
      (text) => text.includes('3001'),
    );
    expect(raw).toContain('id: 2\ndata: {"type":"focus-port","port":3000}\n\n');
    expect(raw).toContain('id: 3\ndata: {"type":"focus-port","port":3001}\n\n');
    expect(raw).not.toContain('"port":1}');

    req.destroy();
    for (let i = 0; i < 200 && counts.length < 2; i += 1)
      await new Promise((r) => setTimeout(r, 10));
    expect(counts).toEqual([1, 0]);
    await server.close();
    // The server's one subscription ends with it.
    expect(backend.listeners.size).toBe(0);
  });

  test('GET /api/state answers the state and the number of the last event it holds', async () => {
    const { server, backend, auth } = await start();
    const read = async () =>
      (await rawRequest(server.port, { path: '/api/state', headers: auth })).body;
    const first = JSON.parse(await read()) as {
      ok: boolean;
      value: unknown;
      instance: string;
      seq: number;
    };
    expect(first).toEqual({
      ok: true,
      value: STATE,
      sockets: null,
      instance: first.instance,
      seq: 0,
    });
    expect(first.instance).toMatch(/^[0-9a-f-]{36}$/);
    backend.emit({ type: 'watches', watches: [] });
    backend.emit({ type: 'watches', watches: [] });
    const second = JSON.parse(await read()) as { instance: string; seq: number };
    expect(second).toMatchObject({ instance: first.instance, seq: 2 });

    // Same border as every API path: the token, then the Host.
    expect((await rawRequest(server.port, { path: '/api/state' })).status).toBe(401);
    const rebound = await rawRequest(server.port, {
      path: '/api/state',
      headers: { ...auth, Host: `evil.example:${server.port}` },
    });
    expect(rebound.status).toBe(421);
  });

  test("a new server run has a new instance, so a window never mixes two runs' numbers", async () => {
    const a = await start();
    const b = await start();
    const instanceOf = async (s: { server: WebServer; auth: Record<string, string> }) =>
      (
        JSON.parse(
          (await rawRequest(s.server.port, { path: '/api/state', headers: s.auth })).body,
        ) as { instance: string }
      ).instance;
    expect(await instanceOf(a)).not.toBe(await instanceOf(b));
  });

  test('the token counts only as the header: never a cookie, never the query; close() ends open streams', async () => {
    const { server, auth } = await start();
    const url = `http://127.0.0.1:${server.port}`;
    const cookie = { Cookie: `porthole_token=${server.token}` };
    for (const path of ['/api/events', '/api/state']) {
      expect((await fetch(`${url}${path}`, { headers: cookie })).status).toBe(401);
      expect((await fetch(`${url}${path}?token=${server.token}`)).status).toBe(401);
    }
    const response = await fetch(`${url}/api/events`, { headers: auth });
    expect(response.status).toBe(200);
    const events = sseReader(response.body!);
    expect(await events.next()).toMatchObject({ seq: 0 });
    await server.close();
    await expect(events.next()).rejects.toThrow(/ended|terminated/);
  });
});

describe('malformed requests', () => {
  /** Writes one raw request and reads the whole answer (the server closes or the test times out). */
  function rawExchange(port: number, text: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.end(text));
      let answer = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (answer += chunk));
      socket.on('close', () => resolve(answer));
      socket.on('error', reject);
      socket.setTimeout(5000, () => socket.destroy(new Error('no answer in 5 s')));
    });
  }

  test('an absolute-form target that is no URL gets a 400 from the border, security headers on, nothing logged', async () => {
    const errors: unknown[] = [];
    const { server } = await start({ onError: (error) => errors.push(error) });
    const answer = await rawExchange(
      server.port,
      `GET http://[ HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: close\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    const head = answer.slice(0, answer.indexOf('\r\n\r\n')).toLowerCase();
    expect(head).toContain('content-security-policy:');
    expect(head).toContain('x-content-type-options: nosniff');
    expect(head).toContain('x-frame-options: deny');
    expect(answer).toContain('malformed request target');
    expect(errors).toEqual([]);
  });
});
