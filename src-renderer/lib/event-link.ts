// Browser mode's event stream over fetch (so it can carry the token header), reopened with back-off when it drops.
import { readSse, type SseMessage } from './sse-reader.js';

export const FIRST_RETRY_MS = 1000;
export const MAX_RETRY_MS = 30_000;

export interface EventLinkOptions {
  fetch: typeof fetch;
  url: string;
  headers: Record<string, string>;
  onMessage: (message: SseMessage) => void;
  /** true once a stream is open, false when it drops or is refused. */
  onConnected: (connected: boolean) => void;
  /** The server refused the token (HTTP 401): retrying cannot help, so the link stops for good. */
  onUnauthorized?: () => void;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

export interface EventLink {
  /** Opens the stream (a microtask later) unless it is open or a retry is already waiting. */
  start(): void;
  /** Ends the stream and any waiting retry; start() opens a fresh one. */
  stop(): void;
}

export function createEventLink(options: EventLinkOptions): EventLink {
  let current: AbortController | null = null;
  let retryTimer: unknown = null;
  let retryMs = FIRST_RETRY_MS;
  let starting = false;

  /** The stream ended, failed or was refused: try again later, each time waiting twice as long. */
  function dropped(controller: AbortController): void {
    if (current !== controller) return; // stopped, or already replaced
    current = null;
    options.onConnected(false);
    retryTimer = options.setTimeout(() => {
      retryTimer = null;
      open();
    }, retryMs);
    retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
  }

  /** Refused for its token: no retry; only the address the (restarted) server printed helps. */
  function refused(controller: AbortController): void {
    if (current !== controller) return;
    current = null;
    options.onConnected(false);
    options.onUnauthorized?.();
  }

  /** Resolves 'refused' when the server turned the token down, else when the stream ends. */
  async function run(controller: AbortController): Promise<'refused' | 'ended'> {
    const response = await options.fetch(options.url, {
      headers: { Accept: 'text/event-stream', ...options.headers },
      cache: 'no-store',
      credentials: 'omit',
      signal: controller.signal,
    });
    if (!response.ok || response.body === null) {
      // Read and dropped, so the connection is free again.
      await response.body?.cancel().catch(() => undefined);
      return response.status === 401 ? 'refused' : 'ended';
    }
    if (current !== controller) return 'ended';
    retryMs = FIRST_RETRY_MS;
    options.onConnected(true);
    await readSse(response.body, (message) => {
      if (current === controller) options.onMessage(message);
    });
    return 'ended';
  }

  function open(): void {
    const controller = new AbortController();
    current = controller;
    run(controller).then(
      (how) => (how === 'refused' ? refused(controller) : dropped(controller)),
      () => dropped(controller),
    );
  }

  return {
    start() {
      if (current !== null || retryTimer !== null || starting) return;
      starting = true;
      // Opened after the requests of the current task (the state first of all): the stream holds
      // its connection for good, and with a browser's 6 per host across tabs it must not take the
      // last free one ahead of them.
      queueMicrotask(() => {
        if (!starting) return;
        starting = false;
        open();
      });
    },
    stop() {
      starting = false;
      if (retryTimer !== null) options.clearTimeout(retryTimer);
      retryTimer = null;
      const controller = current;
      current = null;
      controller?.abort();
      options.onConnected(false);
    },
  };
}
