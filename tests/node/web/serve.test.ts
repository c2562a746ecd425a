// `porthole serve` end to end: the printed address, the border checks, the API and the event stream.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Envelope, PortholeEvent, PortholeState } from '../../../src-main/shared/contract.js';
import { holdSockets, stopAllHolders } from '../../helpers/sockets.js';
import { rawRequest, serve, sseReader, type Served } from './serve-process.js';

let served: Served;

beforeAll(async () => {
  served = await serve();
});

afterAll(async () => {
  await served.stop('SIGKILL');
  rmSync(served.configDir, { recursive: true, force: true });
  await stopAllHolders();
});

const channelPath = (channel: string): string => `/api/${encodeURIComponent(channel)}`;

function call(
  channel: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`http://127.0.0.1:${served.port}${channelPath(channel)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Porthole-Token': served.token, ...headers },
    body: body === undefined ? '' : JSON.stringify(body),
  });
}

async function envelope<T = unknown>(response: Response): Promise<Envelope<T>> {
  expect(response.status).toBe(200);
  return (await response.json()) as Envelope<T>;
}

describe('porthole serve', () => {
  test('prints exactly http://127.0.0.1:<port>/?token=<43 base64url chars> first', () => {
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d{1,5}\/\?token=[A-Za-z0-9_-]{43}$/);
    expect(served.port).toBeGreaterThan(0);
  });

  test('refuses calls without the token or with a wrong one', async () => {
    const bare = await fetch(
      `http://127.0.0.1:${served.port}${channelPath('porthole:state:get')}`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
      },
    );
    expect(bare.status).toBe(401);
    expect(
      (await call('porthole:state:get', undefined, { 'X-Porthole-Token': 'x'.repeat(43) })).status,
    ).toBe(401);
    expect((await fetch(`http://127.0.0.1:${served.port}/?token=wrong`)).status).toBe(401);
    expect((await fetch(`http://127.0.0.1:${served.port}/api/events`)).status).toBe(401);
    // The query never authorizes the API, not even with the right token.
    expect(
      (await fetch(`http://127.0.0.1:${served.port}/api/events?token=${served.token}`)).status,
    ).toBe(401);
  });

  test('refuses a foreign Host (DNS rebinding) and a foreign Origin, even with the token', async () => {
    const rebound = await rawRequest(served.port, {
      path: channelPath('porthole:state:get'),
      method: 'POST',
      headers: {
        Host: `evil.example:${served.port}`,
        'Content-Type': 'application/json',
        'X-Porthole-Token': served.token,
      },
    });
    expect([403, 421]).toContain(rebound.status);
    const otherPort = await rawRequest(served.port, {
      path: `/?token=${served.token}`,
      headers: { Host: `127.0.0.1:${served.port + 1}` },
    });
    expect([403, 421]).toContain(otherPort.status);
    const foreign = await call('porthole:state:get', undefined, { Origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    const sameHostOtherPort = await call('porthole:state:get', undefined, {
      Origin: 'http://127.0.0.1:3000',
    });
    expect(sameHostOtherPort.status).toBe(403);
    const ours = await call('porthole:state:get', undefined, {
      Origin: `http://localhost:${served.port}`,
    });
    expect(ours.status).toBe(200);
  });

  test('state:get works with the header only; the printed address sets no cookie', async () => {
    const viaHeader = await envelope<{ capabilities: { kill: boolean; transport: string } }>(
      await call('porthole:state:get', undefined),
    );
    expect(viaHeader).toMatchObject({
      ok: true,
      value: { capabilities: { kill: false, transport: 'http' } },
    });

    const page = await fetch(served.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('set-cookie')).toBeNull();
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');

    const viaCookie = await rawRequest(served.port, {
      path: channelPath('porthole:state:get'),
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: `porthole_token=${served.token}` },
    });
    expect(viaCookie.status).toBe(401);
    const viaHeaderRaw = await rawRequest(served.port, {
      path: channelPath('porthole:state:get'),
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Porthole-Token': served.token },
    });
    expect(viaHeaderRaw.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(viaHeaderRaw.body)).toMatchObject({
      ok: true,
      // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- vitest's matcher is typed any
      value: { status: { source: expect.any(String) } },
    });
  });

  test('bad payloads are invalid-request envelopes; unknown channels 404; wrong content type 415', async () => {
    const outOfRange = await envelope(await call('porthole:ports:who', { port: 70000 }));
    expect(outOfRange).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(!outOfRange.ok && outOfRange.error.message).toContain('port');
    const notJson = await fetch(
      `http://127.0.0.1:${served.port}${channelPath('porthole:ports:who')}`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Porthole-Token': served.token },
        body: '{port:',
      },
    );
    expect(await envelope(notJson)).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect((await call('porthole:nope', {})).status).toBe(404);
    const text = await fetch(
      `http://127.0.0.1:${served.port}${channelPath('porthole:state:get')}`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain', 'X-Porthole-Token': served.token },
      },
    );
    expect(text.status).toBe(415);
    expect((await call('porthole:watches:add', { target: 'x'.repeat(70 * 1024) })).status).toBe(
      413,
    );
  });

  test('kill is forbidden without --allow-kill and the process lives', async () => {
    const holder = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    const inspected = await envelope<{ startToken: string | null; killable: boolean }>(
      await call('porthole:process:inspect', { pid: holder.pid }),
    );
    expect(inspected).toMatchObject({ ok: true, value: { killable: true } });
    const startToken = inspected.ok ? inspected.value.startToken : null;
    const killed = await envelope(
      await call('porthole:process:kill', { pid: holder.pid, startToken, force: true }),
    );
    expect(killed).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(holder.child.exitCode).toBeNull();
  });

  test('the event stream opens with its position, then a watches event; the state counts it', async () => {
    const controller = new AbortController();
    const response = await fetch(`http://127.0.0.1:${served.port}/api/events`, {
      headers: { 'X-Porthole-Token': served.token },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = sseReader(response.body!);
    const ready = (await events.next()) as { instance: string; seq: number };
    expect(Object.keys(ready).sort()).toEqual(['instance', 'seq']);
    expect(Number.isSafeInteger(ready.seq)).toBe(true);

    const added = await envelope(await call('porthole:watches:add', { target: '62893' }));
    expect(added).toMatchObject({ ok: true, value: { spec: { id: 'local:62893' } } });
    const watches = (await events.next((e) => (e as PortholeEvent).type === 'watches')) as Extract<
      PortholeEvent,
      { type: 'watches' }
    >;
    expect(watches.watches.map((w) => w.spec.id)).toEqual(['local:62893']);
    const state = (await (
      await fetch(`http://127.0.0.1:${served.port}/api/state`, {
        headers: { 'X-Porthole-Token': served.token },
      })
    ).json()) as { ok: boolean; instance: string; seq: number; value: PortholeState };
    expect(state.instance).toBe(ready.instance);
    expect(state.seq).toBeGreaterThan(ready.seq);
    expect(state.value.watches.map((w) => w.spec.id)).toContain('local:62893');
    controller.abort();
  });

  test('paths outside the window are refused', async () => {
    for (const path of [
      '/..%2f..%2fpackage.json',
      '/assets/..%2f..%2f..%2fpackage.json',
      '/%2e%2e%2fpackage.json',
      '/..%5c..%5cpackage.json',
    ]) {
      const response = await rawRequest(served.port, { path });
      expect(response.status, path).toBe(403);
      expect(response.body).not.toContain('"name"');
    }
    // The URL parser resolves plain ../ itself: it stays inside (and the file is not there).
    const plain = await rawRequest(served.port, {
      path: '/../../package.json',
    });
    expect(plain.status).toBe(404);
  });
});

describe('porthole serve shutdown', () => {
  test('SIGTERM stops it with exit code 0, also with an event stream open', async () => {
    const other = await serve(['--allow-kill']);
    try {
      const state = await fetch(
        `http://127.0.0.1:${other.port}${channelPath('porthole:state:get')}`,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Porthole-Token': other.token },
        },
      );
      expect(await state.json()).toMatchObject({
        ok: true,
        value: { capabilities: { kill: true } },
      });
      const stream = await fetch(`http://127.0.0.1:${other.port}/api/events`, {
        headers: { 'X-Porthole-Token': other.token },
      });
      await sseReader(stream.body!).next();
      expect(await other.stop('SIGTERM')).toBe(0);
    } finally {
      await other.stop('SIGKILL');
      rmSync(other.configDir, { recursive: true, force: true });
    }
  });
});
