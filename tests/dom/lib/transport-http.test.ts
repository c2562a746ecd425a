// Browser mode's transport against a fake fetch and a fake EventSource: envelopes, errors, reconnects.
import { describe, expect, test, vi } from 'vitest';
import type { PortholeEvent } from '../../../src-main/shared/contract.js';
import { PortholeError } from '../../../src-main/shared/api.js';
import {
  createHttpTransport,
  tokenFrom,
  type EventSourceLike,
} from '../../../src-renderer/lib/transport-http.js';
import { makeState } from '../fakes.js';

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

class FakeEventSource implements EventSourceLike {
  static instances: FakeEventSource[] = [];
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent<string>) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  send(data: string): void {
    this.onmessage?.(new MessageEvent('message', { data }));
  }
  /** `retrying`: the browser reconnects by itself (CONNECTING); otherwise the stream is CLOSED. */
  fail(retrying: boolean): void {
    this.readyState = retrying ? 0 : 2;
    this.onerror?.(new Event('error'));
  }
  close(): void {
    this.closed = true;
    this.readyState = 2;
  }
}

function setup(search = '') {
  FakeEventSource.instances = [];
  const fetch = vi.fn<typeof globalThis.fetch>();
  const timers: { fn: () => void; ms: number }[] = [];
  const transport = createHttpTransport({
    fetch,
    EventSource: FakeEventSource,
    search,
    setTimeout: (fn, ms) => timers.push({ fn, ms }),
    clearTimeout: () => {},
  });
  return { fetch, transport, api: transport.api, timers };
}

describe('HTTP transport: requests', () => {
  test('POSTs JSON to /api/<encoded channel> and unwraps an ok envelope', async () => {
    const { fetch, api } = setup('?token=s3cret');
    fetch.mockResolvedValueOnce(jsonResponse({ ok: true, value: [4000, 4001] }));
    await expect(api.freePorts(4000, 2)).resolves.toEqual([4000, 4001]);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe(`/api/${encodeURIComponent('porthole:ports:free')}`);
    expect(init?.method).toBe('POST');
    expect(init?.credentials).toBe('same-origin');
    expect(init?.body).toBe(JSON.stringify({ near: 4000, count: 2 }));
    expect(init?.headers).toEqual({
      'Content-Type': 'application/json',
      'X-Porthole-Token': 's3cret',
    });
  });

  test('a void request sends an empty body and no token header without ?token=', async () => {
    const { fetch, api } = setup('');
    const state = makeState();
    fetch.mockResolvedValueOnce(jsonResponse({ ok: true, value: state }));
    await expect(api.getState()).resolves.toEqual(state);
    const init = fetch.mock.calls[0]![1];
    expect(init?.body).toBe('');
    expect(init?.headers).toEqual({ 'Content-Type': 'application/json' });
  });

  test('an error envelope, even on a non-2xx status, becomes a PortholeError with its code', async () => {
    const { fetch, api } = setup();
    fetch.mockResolvedValueOnce(
      jsonResponse(
        { ok: false, error: { code: 'forbidden', message: 'kill is disabled in browser mode' } },
        403,
      ),
    );
    const error = await api.killProcess(4121, 't', false).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PortholeError);
    expect(error).toMatchObject({ code: 'forbidden', message: 'kill is disabled in browser mode' });
  });

  test('network failures, non-JSON and non-envelope replies are "unavailable"', async () => {
    const { fetch, api } = setup();
    fetch.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    fetch.mockResolvedValueOnce(new Response('<html>Bad gateway</html>', { status: 502 }));
    fetch.mockResolvedValueOnce(jsonResponse({ hello: 'world' }));
    for (const message of [/not reachable: Failed to fetch/, /HTTP 502/, /HTTP 200/]) {
      const error = await api.freePorts(3000).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'unavailable' });
      expect((error as Error).message).toMatch(message);
    }
  });

  test('reads the token from the query string only when set', () => {
    expect(tokenFrom('?token=abc&x=1')).toBe('abc');
    expect(tokenFrom('?token=')).toBeNull();
    expect(tokenFrom('')).toBeNull();
  });
});

describe('HTTP transport: events', () => {
  test('one EventSource on /api/events for all listeners, closed after the last leaves', () => {
    const { api } = setup();
    const a: PortholeEvent[] = [];
    const b: PortholeEvent[] = [];
    const offA = api.onEvent((e) => a.push(e));
    const offB = api.onEvent((e) => b.push(e));
    expect(FakeEventSource.instances).toHaveLength(1);
    const es = FakeEventSource.instances[0]!;
    expect(es.url).toBe('/api/events');
    es.open();
    es.send(JSON.stringify({ type: 'focus-port', port: 3000 }));
    es.send('not json');
    es.send(JSON.stringify({ no: 'type' }));
    expect(a).toEqual([{ type: 'focus-port', port: 3000 }]);
    expect(b).toEqual(a);
    offA();
    expect(es.closed).toBe(false);
    offB();
    expect(es.closed).toBe(true);
  });

  test('reports the link going down and up; a refused stream is reopened with back-off', () => {
    const { api, transport, timers } = setup();
    const states: boolean[] = [];
    api.onEvent(() => {});
    transport.onConnectionChange((up) => states.push(up));
    const first = FakeEventSource.instances[0]!;
    first.open();
    first.fail(true); // the browser retries by itself
    expect(timers).toEqual([]);
    first.open();
    first.fail(false); // refused: we retry
    expect(states).toEqual([false, true, false, true, false]);
    expect(timers.map((t) => t.ms)).toEqual([1000]);

    timers.shift()!.fn();
    const second = FakeEventSource.instances[1]!;
    second.fail(false);
    timers.shift()!.fn();
    const third = FakeEventSource.instances[2]!;
    third.fail(false);
    expect(timers.map((t) => t.ms)).toEqual([4000]);
    timers.shift()!.fn();
    FakeEventSource.instances[3]!.open();
    expect(states.at(-1)).toBe(true);
  });
});
