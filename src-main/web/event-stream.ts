// Server-Sent Events for browser mode: the whole state first, then every PortholeEvent as it happens.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { PortholeBackend, PortholeEvent, PortholeState } from '../shared/contract.js';

export type EventSourceBackend = Pick<PortholeBackend, 'onEvent'> & { state(): PortholeState };

export interface EventStreamOptions {
  /** A comment line this often keeps proxies and idle timeouts from closing the stream (15 s). */
  heartbeatMs?: number;
  /** Called with the number of open streams whenever it changes (a window opened or closed). */
  onCount?: (count: number) => void;
  /** A client that stops reading is dropped once this much is queued for it; it reconnects and gets the state afresh. */
  maxBufferedBytes?: number;
}

export function sseMessage(event: PortholeEvent): string {
  // JSON.stringify never emits a raw newline, so one `data:` line carries the whole event.
  return `data: ${JSON.stringify(event)}\n\n`;
}

export class EventStreams {
  readonly #backend: EventSourceBackend;
  readonly #heartbeatMs: number;
  readonly #maxBuffered: number;
  readonly #onCount: (count: number) => void;
  readonly #open = new Set<ServerResponse>();

  constructor(backend: EventSourceBackend, options: EventStreamOptions = {}) {
    this.#backend = backend;
    this.#heartbeatMs = options.heartbeatMs ?? 15_000;
    this.#maxBuffered = options.maxBufferedBytes ?? 8 * 1024 * 1024;
    this.#onCount = options.onCount ?? (() => undefined);
  }

  get count(): number {
    return this.#open.size;
  }

  /** Starts a stream on an authorized request; it lives until the client goes away or closeAll(). */
  open(req: IncomingMessage, res: ServerResponse, headers: OutgoingHttpHeaders): void {
    res.writeHead(200, {
      ...headers,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    const send = (text: string): void => {
      if (res.writableLength > this.#maxBuffered) {
        res.destroy();
        return;
      }
      res.write(text);
    };
    // Sent and subscribed in one tick, so no event falls between the state and the stream.
    send(`retry: 2000\n\n${sseMessage({ type: 'state', state: this.#backend.state() })}`);
    const unsubscribe = this.#backend.onEvent((event) => send(sseMessage(event)));
    const heartbeat = setInterval(() => send(': heartbeat\n\n'), this.#heartbeatMs);
    heartbeat.unref();
    this.#open.add(res);
    this.#onCount(this.#open.size);

    let closed = false;
    const cleanUp = (): void => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      unsubscribe();
      this.#open.delete(res);
      this.#onCount(this.#open.size);
    };
    req.on('close', cleanUp);
    res.on('close', cleanUp);
    res.on('error', cleanUp);
  }

  /** Ends every stream (the server is stopping). */
  closeAll(): void {
    for (const res of [...this.#open]) res.end();
  }
}
