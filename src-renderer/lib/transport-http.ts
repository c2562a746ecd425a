// Browser mode's transport: requests as fetch POSTs carrying envelopes, events over one shared EventSource.
import { createPortholeApi, type Invoke, type PortholeApi } from '../../src-main/shared/api.js';
import type { Envelope, PortholeEvent } from '../../src-main/shared/contract.js';

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

export function tokenFrom(search: string): string | null {
  const token = new URLSearchParams(search).get('token');
  return token === null || token === '' ? null : token;
}

export function createHttpTransport(options: HttpTransportOptions = {}): HttpTransport {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const Source = options.EventSource ?? globalThis.EventSource;
  const base = options.base ?? '/api';
  const token = tokenFrom(options.search ?? globalThis.location?.search ?? '');
  const later = options.setTimeout ?? ((fn, ms) => globalThis.setTimeout(fn, ms));
  const cancel =
    options.clearTimeout ??
    ((handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>));

  const invoke: Invoke = async (channel, request) => {
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
      return unavailable(
        `Porthole is not reachable: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      return unavailable(
        `Porthole answered HTTP ${response.status} without a reply it understands`,
      );
    }
    // A refusal (4xx/5xx) still carries an envelope; anything else is a broken server.
    return isEnvelope(body)
      ? (body as Envelope<never>)
      : unavailable(`Porthole answered HTTP ${response.status} without a reply it understands`);
  };

  const listeners = new Set<(event: PortholeEvent) => void>();
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
      for (const listener of [...listeners]) listener(data);
    };
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
