// Browser mode's border: requests without the token, with a foreign Host or a foreign Origin are
// refused, while the same request done right is answered (so each refusal is about that one thing).
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { holdSockets, stopAllHolders } from '../helpers/sockets.js';
import { startServer, type Server } from './helpers/serve.js';

let server: Server;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await stopAllHolders();
  await server?.stop();
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http, because fetch cannot set Host (nor send a forged Origin). */
function send(
  method: 'GET' | 'POST',
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        // The event stream never ends by itself; its first bytes are enough.
        if (path.startsWith('/api/events')) res.destroy();
      });
      res.on('close', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

const STATE = '/api/porthole%3Astate%3Aget';
const KILL = '/api/porthole%3Aprocess%3Akill';
const json = { 'Content-Type': 'application/json' };

describe('browser mode refuses what is not its own window', () => {
  test('the printed URL loads the window without setting a cookie; the API takes the header only', async () => {
    const page = await send('GET', `/?token=${encodeURIComponent(server.token)}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="app">');
    expect(page.headers['set-cookie']).toBeUndefined();
    const state = await send('POST', STATE, { ...json, 'X-Porthole-Token': server.token });
    expect(state.status).toBe(200);
    expect(JSON.parse(state.body)).toMatchObject({ ok: true });
  });

  test('no token: 401 for the API and the event stream; a wrong one in the address: 401 for the page', async () => {
    // A reload, once the page took the token out of its address, loads the window (no secret in it).
    expect((await send('GET', '/')).status).toBe(200);
    expect((await send('GET', '/?token=wrong')).status).toBe(401);
    const api = await send('POST', STATE, json);
    expect(api.status).toBe(401);
    expect(JSON.parse(api.body)).toMatchObject({ ok: false });
    expect((await send('POST', STATE, { ...json, 'X-Porthole-Token': 'wrong' })).status).toBe(401);
    expect(
      (await send('POST', STATE, { ...json, Cookie: `porthole_token=${server.token}` })).status,
    ).toBe(401);
    expect((await send('GET', '/api/events')).status).toBe(401);
    expect((await send('GET', `/api/events?token=${server.token}`)).status).toBe(401);
    expect((await send('GET', `/api/state?token=${server.token}`)).status).toBe(401);
  });

  test('a foreign Host (DNS rebinding) is refused even with the right token', async () => {
    const auth = { ...json, 'X-Porthole-Token': server.token };
    expect((await send('POST', STATE, { ...auth, Host: `127.0.0.1:${server.port}` })).status).toBe(
      200,
    );
    expect(
      (await send('POST', STATE, { ...auth, Host: `evil.example:${server.port}` })).status,
    ).toBe(421);
    expect(
      (await send('GET', `/?token=${server.token}`, { Host: `evil.example:${server.port}` }))
        .status,
    ).toBe(421);
  });

  test('a foreign Origin is refused even with the right token', async () => {
    const auth = { ...json, 'X-Porthole-Token': server.token };
    expect((await send('POST', STATE, { ...auth, Origin: server.origin })).status).toBe(200);
    expect((await send('POST', STATE, { ...auth, Origin: 'http://evil.example' })).status).toBe(
      403,
    );
    expect(
      (await send('POST', STATE, { ...auth, Origin: `http://127.0.0.1:${server.port + 1}` }))
        .status,
    ).toBe(403);
    expect((await send('POST', STATE, { ...auth, Origin: 'null' })).status).toBe(403);
  });

  test('stopping a process is forbidden unless serve was started with --allow-kill', async () => {
    // A process of our own, so a regression here would stop nothing that matters.
    const holder = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    const reply = await send(
      'POST',
      KILL,
      { ...json, 'X-Porthole-Token': server.token },
      JSON.stringify({ pid: holder.pid, startToken: null, force: false }),
    );
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(holder.child.exitCode).toBeNull();
    await stopAllHolders();
  });
});
