// Browser mode's transport: requests as fetch POSTs carrying envelopes, events over one shared EventSource.
import { createPortholeApi, type Invoke, type PortholeApi } from '../../src-main/shared/api.js';
import type { Envelope, PortholeEvent, PortholeState } from '../../src-main/shared/contract.js';
import { unpackSockets } from '../../src-main/shared/socket-columns.js';
import { EventOrder, parsePosition, type StreamPosition } from './event-order.js';

export interface HttpTransportOptions {
  fetch?: typeof fetch;
  /** The EventSource constructor; tests pass a fake. */
  EventSource?: new (url: string) => EventSourceLike;
  /** `location.search` of the page, to find `?token=`. */
  search?: string;
  /** URL prefix of the API (default `/api`). */
  base?: string;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
}

/** The part of EventSource the transport uses. */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent<string>) => void) | null;
  onerror: ((event: Event) => void) | null;
  /** Named events: the stream's opening `ready`. */
  addEventListener(type: 'ready', listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}

export interface HttpTransport {
  api: PortholeApi;
  /** Calls back with true/false as the event stream opens and drops; first call is immediate. */
  onConnectionChange: (listener: (connected: boolean) => void) => () => void;
}

const CLOSED = 2;
const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 30_000;
/** A state older than its stream is fetched again; past this many tries the newest one is used. */
const STATE_TRIES = 3;

function unavailable(message: string): Envelope<never> {
  return { ok: false, error: { code: 'unavailable', message } };
}

function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; error?: unknown };
  if (v.ok === true) return 'value' in v;
  if (v.ok !== false || typeof v.error !== 'object' || v.error === null) return false;
  const e = v.error as { code?: unknown; message?: unknown };
  return typeof e.code === 'string' && typeof e.message === 'string';
}

function isEvent(value: unknown): value is PortholeEvent {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { type?: unknown }).type === 'string'
  );
}

/** fetch itself failed: the server is gone or the network refused. */
function unreachable(error: unknown): Envelope<never> {
  return unavailable(
    `Porthole is not reachable: ${error instanceof Error ? error.message : String(error)}`,
  );
}

/** A refusal (4xx/5xx) still carries an envelope; anything else is a broken server. */
async function readEnvelope(response: Response): Promise<Envelope<unknown>> {
  const broken = unavailable(
    `Porthole answered HTTP ${response.status} without a reply it understands`,
  );
  try {
    const body: unknown = await response.json();
    return isEnvelope(body) ? body : broken;
  } catch {
    return broken;
  }
}

/** Puts the sockets the state answer sent as columns back into its snapshot. */
function withSockets(envelope: Envelope<PortholeState>): Envelope<PortholeState> {
  if (!envelope.ok || envelope.value.snapshot === null) return envelope;
  const packed = (envelope as { sockets?: unknown }).sockets;
  if (packed === undefined) return envelope; // a server that sends them inline
  const sockets = unpackSockets(packed);
  if (sockets === null) {
    return unavailable('Porthole answered with sockets in a form this window does not know');
  }
  envelope.value.snapshot.sockets = sockets;
  return envelope;
}

export function tokenFrom(search: string): string | null {
  const token = new URLSearchParams(search).get('token');
  return token === null || token === '' ? null : token;
}

export function createHttpTransport(options: HttpTransportOptions = {}): HttpTransport {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const Source: (new (url: string) => EventSourceLike) | undefined =
    options.EventSource ?? globalThis.EventSource;
  const base = options.base ?? '/api';
  const token = tokenFrom(options.search ?? globalThis.location?.search ?? '');
  const later = options.setTimeout ?? ((fn, ms) => globalThis.setTimeout(fn, ms));
  const cancel =
    options.clearTimeout ??
    ((handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>));

  const listeners = new Set<(event: PortholeEvent) => void>();
  const order = new EventOrder((event) => {
    for (const listener of [...listeners]) listener(event);
  });

  interface FetchedState {
    envelope: Envelope<PortholeState>;
    position: StreamPosition | null;
  }

  async function fetchStateOnce(): Promise<FetchedState> {
    const url = `${base}/state`;
    // The page preloaded this URL with its cookie only; a request with other headers would not
    // pick that answer up, so the token header is the fallback, not the first try.
    let response: Response;
    try {
      response = await doFetch(url, { credentials: 'same-origin' });
      if (response.status === 401 && token !== null) {
        response = await doFetch(url, {
          credentials: 'same-origin',
          headers: { 'X-Porthole-Token': token },
        });
      }
    } catch (error) {
      return { envelope: unreachable(error), position: null };
    }
    const body = await readEnvelope(response);
    return {
      envelope: withSockets(body as Envelope<PortholeState>),
      position: parsePosition(body),
    };
  }

  /** A state not older than the open stream (so no event falls between the two). */
  async function fetchState(): Promise<FetchedState> {
    let fetched = await fetchStateOnce();
    for (let tries = 1; tries < STATE_TRIES; tries += 1) {
      if (!fetched.envelope.ok || !fetched.position || !order.predatesStream(fetched.position))
        break;
      fetched = await fetchStateOnce();
    }
    return fetched;
  }

  /** getState: events wait until the caller has applied the state (a task later). */
  async function syncState(): Promise<Envelope<PortholeState>> {
    order.beginSync();
    let fetched: FetchedState | null = null;
    try {
      fetched = await fetchState();
      return fetched.envelope;
    } finally {
      if (fetched?.envelope.ok) order.settle(fetched.position);
      later(() => {
        if (order.endSync()) void resync();
      }, 0);
    }
  }

  /** The window's state predates the stream: push a fresh one as a `state` event. */
  async function resync(): Promise<void> {
    order.beginSync();
    let again: boolean;
    try {
      const fetched = await fetchState();
      if (fetched.envelope.ok) {
        for (const listener of [...listeners])
          listener({ type: 'state', state: fetched.envelope.value });
        order.settle(fetched.position);
      }
    } finally {
      again = order.endSync();
    }
    // Only while streams keep restarting under it, a second apart.
    if (again && listeners.size > 0) later(() => void resync(), FIRST_RETRY_MS);
  }

  const invoke: Invoke = async (channel, request) => {
    if (channel === 'porthole:state:get') return syncState();
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (token !== null) headers['X-Porthole-Token'] = token;
    let response: Response;
    try {
      response = await doFetch(`${base}/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers,
        credentials: 'same-origin',
        body: request === undefined ? '' : JSON.stringify(request),
      });
    } catch (error) {
      return unreachable(error);
    }
    return (await readEnvelope(response)) as Envelope<never>;
  };

  const connectionListeners = new Set<(connected: boolean) => void>();
  let source: EventSourceLike | null = null;
  let connected = false;
  let retryMs = FIRST_RETRY_MS;
  let retryTimer: unknown = null;

  function setConnected(next: boolean): void {
    if (next === connected) return;
    connected = next;
    for (const listener of connectionListeners) listener(next);
  }

  function open(): void {
    retryTimer = null;
    if (!Source) {
      setConnected(false);
      return;
    }
    const es = new Source(`${base}/events`);
    source = es;
    es.onopen = () => {
      retryMs = FIRST_RETRY_MS;
      setConnected(true);
    };
    es.onmessage = (message) => {
      let data: unknown;
      try {
        data = JSON.parse(message.data);
      } catch {
        return; // a garbled line is skipped; the next state or diff repairs the view
      }
      if (!isEvent(data)) return;
      const seq = message.lastEventId === '' ? NaN : Number(message.lastEventId);
      order.event(data, Number.isSafeInteger(seq) ? seq : null);
    };
    es.addEventListener('ready', (message) => {
      let position: StreamPosition | null = null;
      try {
        position = parsePosition(JSON.parse(message.data));
      } catch {
        // not a position: nothing to order against
      }
      if (position && order.ready(position)) void resync();
    });
    es.onerror = () => {
      setConnected(false);
      // EventSource retries by itself unless the server refused the stream; then we retry, backing off.
      if (es.readyState === CLOSED && source === es) {
        es.close();
        source = null;
        if (listeners.size > 0) {
          retryTimer = later(open, retryMs);
          retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
        }
      }
    };
  }

  function close(): void {
    if (retryTimer !== null) cancel(retryTimer);
    retryTimer = null;
    source?.close();
    source = null;
    setConnected(false);
  }

  const subscribe = (listener: (event: PortholeEvent) => void): (() => void) => {
    listeners.add(listener);
    if (listeners.size === 1 && source === null && retryTimer === null) open();
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) close();
    };
  };

  return {
    api: createPortholeApi(invoke, subscribe),
    onConnectionChange: (listener) => {
      connectionListeners.add(listener);
      listener(connected);
      return () => connectionListeners.delete(listener);
    },
  };
}
