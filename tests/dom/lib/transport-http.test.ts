// Browser mode's transport against a fake fetch and a fake EventSource: envelopes, errors, reconnects.
import { describe, expect, test, vi } from 'vitest';
import type { PortholeEvent } from '../../../src-main/shared/contract.js';
import { PortholeError } from '../../../src-main/shared/api.js';
import {
  createHttpTransport,
  tokenFrom,
  type EventSourceLike,
} from '../../../src-renderer/lib/transport-http.js';
import { packSockets } from '../../../src-main/shared/socket-columns.js';
import { listener, makeState } from '../fakes.js';

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
  readonly named = new Map<string, ((event: MessageEvent<string>) => void)[]>();
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void {
    this.named.set(type, [...(this.named.get(type) ?? []), listener]);
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  send(data: string, id = ''): void {
    this.onmessage?.(new MessageEvent('message', { data, lastEventId: id }));
  }
  /** The stream's opening `event: ready`. */
  ready(instance: string, seq: number): void {
    const data = JSON.stringify({ instance, seq });
    for (const listener of this.named.get('ready') ?? [])
      listener(new MessageEvent('ready', { data }));
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
    fetch.mockResolvedValueOnce(jsonResponse({ ok: true, value: true }));
    await expect(api.openExternal('https://example.com/')).resolves.toBe(true);
    fetch.mockResolvedValueOnce(jsonResponse({ ok: true, value: null }));
    await api.snoozeNotifications(null);
    const init = fetch.mock.calls[1]![1];
    expect(init?.body).toBe(JSON.stringify({ until: null }));
    expect(init?.headers).toEqual({ 'Content-Type': 'application/json' });
  });

  test('sockets sent as columns come back into the snapshot; columns it cannot read are an error', async () => {
    const { fetch, api } = setup();
    const sockets = [
      listener({ localPort: 3000, inode: 1 }),
      listener({ localPort: 3001, inode: 2 }),
    ];
    const state = makeState();
    const wire = { ...state, snapshot: { ...state.snapshot!, sockets: [] } };
    fetch.mockResolvedValueOnce(
      jsonResponse({ ok: true, value: wire, sockets: packSockets(sockets), instance: 'a', seq: 0 }),
    );
    expect((await api.getState()).snapshot?.sockets).toEqual(sockets);
    fetch.mockResolvedValueOnce(
      jsonResponse({
        ok: true,
        value: wire,
        sockets: { fields: ['port'], rows: [] },
        instance: 'a',
        seq: 0,
      }),
    );
    await expect(api.getState()).rejects.toMatchObject({ code: 'unavailable' });
    fetch.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await expect(api.getState()).rejects.toThrow(/not reachable: Failed to fetch/);
  });

  test('the state is a plain GET of /api/state (the preloaded request), the token header only after a 401', async () => {
    const { fetch, api } = setup('?token=s3cret');
    const state = makeState();
    fetch.mockResolvedValueOnce(jsonResponse({ ok: true, value: state, instance: 'a', seq: 3 }));
    await expect(api.getState()).resolves.toEqual(state);
    expect(fetch.mock.calls[0]).toEqual(['/api/state', { credentials: 'same-origin' }]);

    fetch.mockResolvedValueOnce(
      jsonResponse({ ok: false, error: { code: 'unauthorized', message: 'no' } }, 401),
    );
    fetch.mockResolvedValueOnce(jsonResponse({ ok: true, value: state, instance: 'a', seq: 3 }));
    await expect(api.getState()).resolves.toEqual(state);
    expect(fetch.mock.calls[2]).toEqual([
      '/api/state',
      { credentials: 'same-origin', headers: { 'X-Porthole-Token': 's3cret' } },
    ]);
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

describe('HTTP transport: events against states', () => {
  const port = (n: number) => JSON.stringify({ type: 'focus-port', port: n });

  test('events that arrive while the state travels wait; those it holds are dropped', async () => {
    const { fetch, api, timers } = setup();
    const seen: PortholeEvent[] = [];
    api.onEvent((e) => seen.push(e));
    const es = FakeEventSource.instances[0]!;
    es.open();
    es.ready('a', 5);
    let answer!: (response: Response) => void;
    fetch.mockReturnValueOnce(new Promise((resolve) => (answer = resolve)));
    const state = api.getState();
    es.send(port(6), '6');
    es.send(port(7), '7');
    expect(seen).toEqual([]);
    answer(jsonResponse({ ok: true, value: makeState(), instance: 'a', seq: 6 }));
    await state;
    // The caller applies the state first; the held events follow a task later.
    expect(seen).toEqual([]);
    timers.shift()!.fn();
    expect(seen).toEqual([{ type: 'focus-port', port: 7 }]);
    es.send(port(8), '8');
    expect(seen.at(-1)).toEqual({ type: 'focus-port', port: 8 });
  });

  test('a state older than the stream is fetched again before it is handed over', async () => {
    const { fetch, api } = setup();
    api.onEvent(() => {});
    const es = FakeEventSource.instances[0]!;
    es.open();
    es.ready('a', 9);
    const fresh = makeState({ watches: [] });
    fetch.mockResolvedValueOnce(
      jsonResponse({ ok: true, value: makeState(), instance: 'a', seq: 8 }),
    );
    fetch.mockResolvedValueOnce(jsonResponse({ ok: true, value: fresh, instance: 'a', seq: 9 }));
    await expect(api.getState()).resolves.toEqual(fresh);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  test('a stream that opens after the window got its state pushes a fresh state', async () => {
    const { fetch, api, timers } = setup();
    const seen: PortholeEvent[] = [];
    api.onEvent((e) => seen.push(e));
    const es = FakeEventSource.instances[0]!;
    fetch.mockResolvedValueOnce(
      jsonResponse({ ok: true, value: makeState(), instance: 'a', seq: 2 }),
    );
    await api.getState();
    timers.shift()!.fn();
    const fresh = makeState({ notificationsSnoozedUntil: 123 });
    fetch.mockResolvedValueOnce(jsonResponse({ ok: true, value: fresh, instance: 'a', seq: 4 }));
    es.open();
    es.ready('a', 4); // events 3 and 4 happened before this stream: the state lacks them
    es.send(port(5), '5');
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    expect(seen).toEqual([
      { type: 'state', state: fresh },
      { type: 'focus-port', port: 5 },
    ]);
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
