// Server-Sent Events for browser mode: every PortholeEvent, numbered, so the window can order them against a state.
//
// Ordering (the renderer's HTTP transport relies on it): every event the backend emits gets the next
// number of this server instance (`id:` of its message). A stream opens with `event: ready` carrying
// `{instance, seq}`: it will deliver every event numbered above `seq`. `GET /api/state` answers the
// state with the same `{instance, seq}`: it contains every event up to `seq`. So a window applies a
// state, then only events numbered above it, and fetches a new state when a stream starts past it.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type {
  PortholeBackend,
  PortholeEvent,
  PortholeState,
  StreamPosition,
} from '../shared/contract.js';

export type EventSourceBackend = Pick<PortholeBackend, 'onEvent'> & { state(): PortholeState };

export interface EventStreamOptions {
  /** A comment line this often keeps proxies and idle timeouts from closing the stream (15 s). */
  heartbeatMs?: number;
  /** Called with the number of open streams whenever it changes (a window opened or closed). */
  onCount?: (count: number) => void;
  /** A client that stops reading is dropped once this much is queued for it; it reconnects and syncs afresh. */
  maxBufferedBytes?: number;
}

/** A state and the position it reflects (every event up to `seq` is in it). */
export interface SequencedState extends StreamPosition {
  state: PortholeState;
}

export function sseMessage(event: PortholeEvent, seq: number): string {
  // JSON.stringify never emits a raw newline, so one `data:` line carries the whole event.
  return `id: ${seq}\ndata: ${JSON.stringify(event)}\n\n`;
}

export function sseReady(position: StreamPosition): string {
  return `event: ready\ndata: ${JSON.stringify(position)}\n\n`;
}

export class EventStreams {
  readonly #backend: EventSourceBackend;
  readonly #heartbeatMs: number;
  readonly #maxBuffered: number;
  readonly #onCount: (count: number) => void;
  readonly #open = new Set<(text: string) => void>();
  readonly #responses = new Set<ServerResponse>();
  /** Random per server run: a restarted server's numbers say nothing about the old one's. */
  readonly #instance = randomUUID();
  #seq = 0;
  readonly #unsubscribe: () => void;

  constructor(backend: EventSourceBackend, options: EventStreamOptions = {}) {
    this.#backend = backend;
    this.#heartbeatMs = options.heartbeatMs ?? 15_000;
    this.#maxBuffered = options.maxBufferedBytes ?? 8 * 1024 * 1024;
    this.#onCount = options.onCount ?? (() => undefined);
    // One subscription numbers every event, with or without a window open, and serializes each
    // event once for all streams.
    this.#unsubscribe = backend.onEvent((event) => {
      this.#seq += 1;
      if (this.#open.size === 0) return;
      const text = sseMessage(event, this.#seq);
      for (const send of [...this.#open]) send(text);
    });
  }

  get count(): number {
    return this.#open.size;
  }

  get position(): StreamPosition {
    return { instance: this.#instance, seq: this.#seq };
  }

  /** The state with its position, read in one synchronous step so no event falls between them. */
  sequencedState(): SequencedState {
    return { ...this.position, state: this.#backend.state() };
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
    // Written and registered in one tick: every event numbered above `seq` reaches this stream.
    send(`retry: 2000\n\n${sseReady(this.position)}`);
    const heartbeat = setInterval(() => send(': heartbeat\n\n'), this.#heartbeatMs);
    heartbeat.unref();
    this.#open.add(send);
    this.#responses.add(res);
    this.#onCount(this.#open.size);

    let closed = false;
    const cleanUp = (): void => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      this.#open.delete(send);
      this.#responses.delete(res);
      this.#onCount(this.#open.size);
    };
    req.on('close', cleanUp);
    res.on('close', cleanUp);
    res.on('error', cleanUp);
  }

  /** Ends every stream and stops numbering (the server is stopping). */
  closeAll(): void {
    for (const res of [...this.#responses]) res.end();
    this.#unsubscribe();
  }
}
