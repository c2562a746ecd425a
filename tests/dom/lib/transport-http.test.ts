// Browser mode's transport against a fake fetch and fake event streams: envelopes, errors, reconnects.
import { describe, expect, test, vi } from 'vitest';
import type { PortholeEvent } from '../../../src-main/shared/contract.js';
import { PortholeError } from '../../../src-main/shared/api.js';
import { createHttpTransport } from '../../../src-renderer/lib/transport-http.js';
import { TOKEN_KEY } from '../../../src-renderer/lib/page-token.js';
import { packSockets } from '../../../src-main/shared/socket-columns.js';
import { listener, makeState } from '../fakes.js';

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

/** Lets the transport's stream reads and promise chains run. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** One `GET /api/events` the transport made: the test answers it and writes its frames. */
class FakeStream {
  readonly response: Promise<Response>;
  #answer!: (response: Response) => void;
  #fail!: (error: unknown) => void;
  #body: ReadableStreamDefaultController<Uint8Array> | null = null;

  constructor(
    readonly url: string,
    readonly init: RequestInit | undefined,
  ) {
    this.response = new Promise((resolve, reject) => {
      this.#answer = resolve;
      this.#fail = reject;
    });
    init?.signal?.addEventListener('abort', () => {
      const error = new DOMException('aborted', 'AbortError');
      this.#fail(error);
      this.#body?.error(error);
    });
  }

  get aborted(): boolean {
    return this.init?.signal?.aborted === true;
  }

  async open(): Promise<void> {
    const body = new ReadableStream<Uint8Array>({ start: (c) => void (this.#body = c) });
    this.#answer(new Response(body, { headers: { 'Content-Type': 'text/event-stream' } }));
    await settle();
  }

  async refuse(status = 401): Promise<void> {
    this.#answer(
      jsonResponse({ ok: false, error: { code: 'unauthorized', message: 'no' } }, status),
    );
    await settle();
  }

  async write(text: string): Promise<void> {
    this.#body?.enqueue(new TextEncoder().encode(text));
    await settle();
  }

  send(data: string, id = ''): Promise<void> {
    return this.write(`${id === '' ? '' : `id: ${id}\n`}data: ${data}\n\n`);
  }

  /** The stream's opening `event: ready`. */
  ready(instance: string, seq: number): Promise<void> {
    return this.write(`event: ready\ndata: ${JSON.stringify({ instance, seq })}\n\n`);
  }

  /** The server ended the stream (it stopped, or dropped a slow client). */
  async end(): Promise<void> {
    this.#body?.close();
    await settle();
  }
}

function setup(token: string | null = null) {
  const streams: FakeStream[] = [];
  /** Every URL fetched, in order. */
  const urls: string[] = [];
  const fetch = vi.fn<typeof globalThis.fetch>();
  const timers: { fn: () => void; ms: number }[] = [];
  const transport = createHttpTransport({
    fetch: (input, init) => {
      urls.push(typeof input === 'string' ? input : '(not a string)');
      if (input !== '/api/events') return fetch(input, init);
      const stream = new FakeStream(input, init);
      streams.push(stream);
      return stream.response;
    },
    token,
    setTimeout: (fn, ms) => timers.push({ fn, ms }),
    clearTimeout: () => {},
  });
  return { fetch, transport, api: transport.api, timers, streams, urls };
}

describe('HTTP transport: requests', () => {
  test('POSTs JSON to /api/<encoded channel> and unwraps an ok envelope', async () => {
    const { fetch, api } = setup('s3cret');
    fetch.mockResolvedValueOnce(jsonResponse({ ok: true, value: [4000, 4001] }));
    await expect(api.freePorts(4000, 2)).resolves.toEqual([4000, 4001]);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe(`/api/${encodeURIComponent('porthole:ports:free')}`);
    expect(init?.method).toBe('POST');
    // Never a cookie: cookies are not port-scoped, the header is.
    expect(init?.credentials).toBe('omit');
    expect(init?.body).toBe(JSON.stringify({ near: 4000, count: 2 }));
    expect(init?.headers).toEqual({
      'Content-Type': 'application/json',
      'X-Porthole-Token': 's3cret',
    });
  });

  test('a void request sends an empty body, and no token header when the page has none', async () => {
    const { fetch, api } = setup(null);
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

  test('the state is a GET of /api/state with the token header and no cookie', async () => {
    const { fetch, api } = setup('s3cret');
    const state = makeState();
    fetch.mockResolvedValueOnce(jsonResponse({ ok: true, value: state, instance: 'a', seq: 3 }));
    await expect(api.getState()).resolves.toEqual(state);
    expect(fetch.mock.calls).toEqual([
      ['/api/state', { credentials: 'omit', headers: { 'X-Porthole-Token': 's3cret' } }],
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

  test("without a token given, the page's own is used (taken from ?token=, then sessionStorage)", async () => {
    sessionStorage.setItem(TOKEN_KEY, 'stored');
    const fetch = vi.fn<typeof globalThis.fetch>();
    const { api } = createHttpTransport({ fetch });
    fetch.mockResolvedValueOnce(jsonResponse({ ok: true, value: [] }));
    await api.freePorts(3000);
    expect(fetch.mock.calls[0]![1]?.headers).toMatchObject({ 'X-Porthole-Token': 'stored' });
    sessionStorage.clear();
  });
});

describe('HTTP transport: events against states', () => {
  const port = (n: number) => JSON.stringify({ type: 'focus-port', port: n });

  test('events that arrive while the state travels wait; those it holds are dropped', async () => {
    const { fetch, api, timers, streams } = setup();
    const seen: PortholeEvent[] = [];
    api.onEvent((e) => seen.push(e));
    await settle();
    const es = streams[0]!;
    await es.open();
    await es.ready('a', 5);
    let answer!: (response: Response) => void;
    fetch.mockReturnValueOnce(new Promise((resolve) => (answer = resolve)));
    const state = api.getState();
    await es.send(port(6), '6');
    await es.send(port(7), '7');
    expect(seen).toEqual([]);
    answer(jsonResponse({ ok: true, value: makeState(), instance: 'a', seq: 6 }));
    await state;
    // The caller applies the state first; the held events follow a task later.
    expect(seen).toEqual([]);
    timers.shift()!.fn();
    expect(seen).toEqual([{ type: 'focus-port', port: 7 }]);
    await es.send(port(8), '8');
    expect(seen.at(-1)).toEqual({ type: 'focus-port', port: 8 });
  });

  test('a state older than the stream is fetched again before it is handed over', async () => {
    const { fetch, api, streams } = setup();
    api.onEvent(() => {});
    await settle();
    const es = streams[0]!;
    await es.open();
    await es.ready('a', 9);
    const fresh = makeState({ watches: [] });
    fetch.mockResolvedValueOnce(
      jsonResponse({ ok: true, value: makeState(), instance: 'a', seq: 8 }),
    );
    fetch.mockResolvedValueOnce(jsonResponse({ ok: true, value: fresh, instance: 'a', seq: 9 }));
    await expect(api.getState()).resolves.toEqual(fresh);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  test('a stream that opens after the window got its state pushes a fresh state', async () => {
    const { fetch, api, timers, streams } = setup();
    const seen: PortholeEvent[] = [];
    api.onEvent((e) => seen.push(e));
    await settle();
    const es = streams[0]!;
    fetch.mockResolvedValueOnce(
      jsonResponse({ ok: true, value: makeState(), instance: 'a', seq: 2 }),
    );
    await api.getState();
    timers.shift()!.fn();
    const fresh = makeState({ notificationsSnoozedUntil: 123 });
    fetch.mockResolvedValueOnce(jsonResponse({ ok: true, value: fresh, instance: 'a', seq: 4 }));
    await es.open();
    await es.ready('a', 4); // events 3 and 4 happened before this stream: the state lacks them
    await es.send(port(5), '5');
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    expect(seen).toEqual([
      { type: 'state', state: fresh },
      { type: 'focus-port', port: 5 },
    ]);
  });
});

describe('HTTP transport: events', () => {
  test('one fetch stream on /api/events for all listeners, with the token header and no cookie', async () => {
    const { api, streams } = setup('s3cret');
    const a: PortholeEvent[] = [];
    const b: PortholeEvent[] = [];
    const offA = api.onEvent((e) => a.push(e));
    const offB = api.onEvent((e) => b.push(e));
    await settle();
    expect(streams).toHaveLength(1);
    const es = streams[0]!;
    expect(es.url).toBe('/api/events');
    expect(es.init?.headers).toEqual({
      Accept: 'text/event-stream',
      'X-Porthole-Token': 's3cret',
    });
    expect(es.init?.credentials).toBe('omit');
    await es.open();
    await es.send(JSON.stringify({ type: 'focus-port', port: 3000 }));
    await es.send('not json');
    await es.send(JSON.stringify({ no: 'type' }));
    // A frame split across reads, ended by CRLF, is one message.
    await es.write('data: {"type":"focus-');
    await es.write('port","port":3001}\r\n\r\n');
    expect(a).toEqual([
      { type: 'focus-port', port: 3000 },
      { type: 'focus-port', port: 3001 },
    ]);
    expect(b).toEqual(a);
    offA();
    expect(es.aborted).toBe(false);
    offB();
    expect(es.aborted).toBe(true);
  });

  test("the stream opens after the same task's requests, so it never takes the state's connection", async () => {
    const { fetch, api, streams, urls } = setup('t');
    fetch.mockImplementation(() =>
      Promise.resolve(jsonResponse({ ok: true, value: makeState(), instance: 'a', seq: 0 })),
    );
    // What the store does on start: subscribe, then ask for the state and the settings.
    const off = api.onEvent(() => {});
    const asked = Promise.all([api.getState(), api.getSettings()]);
    expect(streams).toHaveLength(0);
    await asked;
    expect(urls).toEqual([
      '/api/state',
      `/api/${encodeURIComponent('porthole:settings:get')}`,
      '/api/events',
    ]);
    // Unsubscribed before it opened: it never does.
    off();
    const late = setup('t');
    late.api.onEvent(() => {})();
    await settle();
    expect(late.streams).toHaveLength(0);
  });

  test('reports the link going down and up; a dropped or failing stream is reopened with back-off', async () => {
    const { api, transport, timers, streams } = setup();
    const states: boolean[] = [];
    api.onEvent(() => {});
    transport.onConnectionChange((up) => states.push(up));
    await settle();
    await streams[0]!.open();
    await streams[0]!.end(); // the server went away
    expect(states).toEqual([false, true, false]);
    expect(timers.map((t) => t.ms)).toEqual([1000]);

    timers.shift()!.fn();
    await streams[1]!.refuse(502);
    timers.shift()!.fn();
    await streams[2]!.refuse(503);
    expect(timers.map((t) => t.ms)).toEqual([4000]);
    timers.shift()!.fn();
    await streams[3]!.open();
    expect(states.at(-1)).toBe(true);
    // An open stream starts the back-off over.
    await streams[3]!.end();
    expect(timers.map((t) => t.ms)).toEqual([1000]);
  });

  test('a stream refused for its token (401: serve restarted) is not retried, and says so once', async () => {
    const { api, transport, timers, streams } = setup('old');
    const refused = vi.fn();
    const states: boolean[] = [];
    transport.onTokenRefused(refused);
    transport.onConnectionChange((up) => states.push(up));
    const off = api.onEvent(() => {});
    await settle();
    await streams[0]!.open();
    await streams[0]!.end(); // the old server stopped
    timers.shift()!.fn();
    await streams[1]!.refuse(401); // a new one answers, with another token
    expect(refused).toHaveBeenCalledTimes(1);
    expect(states.at(-1)).toBe(false);
    expect(timers).toEqual([]);
    // Leaving and coming back does not knock again either; a late listener hears it at once.
    off();
    api.onEvent(() => {});
    await settle();
    expect(streams).toHaveLength(2);
    const late = vi.fn();
    transport.onTokenRefused(late);
    expect(late).toHaveBeenCalledTimes(1);
  });

  test('an API call refused with 401 stops the stream too', async () => {
    const { api, fetch, transport, timers, streams } = setup('old');
    const refused = vi.fn();
    transport.onTokenRefused(refused);
    api.onEvent(() => {});
    await settle();
    await streams[0]!.open();
    fetch.mockResolvedValueOnce(
      jsonResponse({ ok: false, error: { code: 'unauthorized', message: 'wrong token' } }, 401),
    );
    await expect(api.freePorts(3000)).rejects.toMatchObject({ code: 'unauthorized' });
    expect(refused).toHaveBeenCalledTimes(1);
    expect(streams[0]!.aborted).toBe(true);
    expect(timers).toEqual([]);
  });

  test('a fetch that fails outright is retried too; the last listener leaving cancels the retry', async () => {
    const clear = vi.fn();
    const fetch = vi.fn<typeof globalThis.fetch>().mockRejectedValue(new TypeError('Failed'));
    const timers: (() => void)[] = [];
    const { api } = createHttpTransport({
      fetch,
      token: 't',
      setTimeout: (fn) => timers.push(fn),
      clearTimeout: clear,
    });
    const off = api.onEvent(() => {});
    await settle();
    expect(timers).toHaveLength(1);
    off();
    expect(clear).toHaveBeenCalledTimes(1);
  });
});
