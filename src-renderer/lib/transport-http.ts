// Browser mode's transport: requests as fetch POSTs carrying envelopes, events over one shared fetch stream.
import { createPortholeApi, type Invoke, type PortholeApi } from '../../src-main/shared/api.js';
import type {
  Envelope,
  PortholeEvent,
  PortholeState,
  StreamPosition,
} from '../../src-main/shared/contract.js';
import { unpackSockets } from '../../src-main/shared/socket-columns.js';
import { createEventLink, FIRST_RETRY_MS } from './event-link.js';
import { EventOrder, parsePosition } from './event-order.js';
import { takePageToken } from './page-token.js';
import type { SseMessage } from './sse-reader.js';

export interface HttpTransportOptions {
  fetch?: typeof fetch;
  /** The API token; default: the page's (taken from `?token=` or sessionStorage, see page-token.ts). */
  token?: string | null;
  /** URL prefix of the API (default `/api`). */
  base?: string;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
}

export interface HttpTransport {
  api: PortholeApi;
  /** Calls back with true/false as the event stream opens and drops; first call is immediate. */
  onConnectionChange: (listener: (connected: boolean) => void) => () => void;
  /**
   * Calls back once the server refuses the token (HTTP 401: it restarted with a new one); from
   * then on the stream is not retried. Immediate when that already happened.
   */
  onTokenRefused: (listener: () => void) => () => void;
}

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

export function createHttpTransport(options: HttpTransportOptions = {}): HttpTransport {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const base = options.base ?? '/api';
  const token = options.token === undefined ? takePageToken(window) : options.token;
  // Every API request carries the token as a header, and never a cookie (credentials: 'omit').
  const auth: Record<string, string> = token === null ? {} : { 'X-Porthole-Token': token };
  const later = options.setTimeout ?? ((fn, ms) => globalThis.setTimeout(fn, ms));
  const cancel =
    options.clearTimeout ??
    ((handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>));

  const listeners = new Set<(event: PortholeEvent) => void>();
  // A 401 means this page's token is not the server's: a restarted `serve` made a new one.
  let tokenRefused = false;
  const refusedListeners = new Set<() => void>();
  function refuseToken(): void {
    if (tokenRefused) return;
    tokenRefused = true;
    link.stop();
    for (const listener of [...refusedListeners]) listener();
  }

  const order = new EventOrder((event) => {
    for (const listener of [...listeners]) listener(event);
  });

  interface FetchedState {
    envelope: Envelope<PortholeState>;
    position: StreamPosition | null;
  }

  async function fetchStateOnce(): Promise<FetchedState> {
    let response: Response;
    try {
      response = await doFetch(`${base}/state`, { credentials: 'omit', headers: auth });
    } catch (error) {
      return { envelope: unreachable(error), position: null };
    }
    if (response.status === 401) refuseToken();
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
    let response: Response;
    try {
      response = await doFetch(`${base}/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...auth },
        credentials: 'omit',
        body: request === undefined ? '' : JSON.stringify(request),
      });
    } catch (error) {
      return unreachable(error);
    }
    if (response.status === 401) refuseToken();
    return (await readEnvelope(response)) as Envelope<never>;
  };

  /** One stream message: a numbered event, or the opening `ready` with the stream's position. */
  function onMessage(message: SseMessage): void {
    let data: unknown;
    try {
      data = JSON.parse(message.data);
    } catch {
      return; // a garbled line is skipped; the next state or diff repairs the view
    }
    if (message.event === 'ready') {
      const position = parsePosition(data);
      if (position && order.ready(position)) void resync();
      return;
    }
    if (message.event !== 'message' || !isEvent(data)) return;
    const seq = message.lastEventId === '' ? NaN : Number(message.lastEventId);
    order.event(data, Number.isSafeInteger(seq) ? seq : null);
  }

  const connectionListeners = new Set<(connected: boolean) => void>();
  let connected = false;
  const link = createEventLink({
    fetch: doFetch,
    url: `${base}/events`,
    headers: auth,
    onMessage,
    onConnected: (next) => {
      if (next === connected) return;
      connected = next;
      for (const listener of connectionListeners) listener(next);
    },
    onUnauthorized: refuseToken,
    setTimeout: later,
    clearTimeout: cancel,
  });

  const subscribe = (listener: (event: PortholeEvent) => void): (() => void) => {
    listeners.add(listener);
    if (listeners.size === 1 && !tokenRefused) link.start();
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) link.stop();
    };
  };

  return {
    api: createPortholeApi(invoke, subscribe),
    onConnectionChange: (listener) => {
      connectionListeners.add(listener);
      listener(connected);
      return () => connectionListeners.delete(listener);
    },
    onTokenRefused: (listener) => {
      refusedListeners.add(listener);
      if (tokenRefused) listener();
      return () => refusedListeners.delete(listener);
    },
  };
}
