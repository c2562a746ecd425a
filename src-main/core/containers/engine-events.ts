// An engine's container event stream (GET /events), kept open with backoff: it tells the cache when
// the container list changed, and whether the cache may trust itself (only while the stream is live).
import { openEngineStream, type EngineTarget } from './engine-http.js';

/** Container events that change what is published. */
export const LIST_CHANGING_ACTIONS: ReadonlySet<string> = new Set([
  'start',
  'die',
  'stop',
  'kill',
  'destroy',
  'pause',
  'unpause',
  'rename',
]);

export interface EventStreamOptions {
  /** First wait before reconnecting; doubles per failure up to `maxBackoffMs`. */
  minBackoffMs: number;
  maxBackoffMs: number;
}

/** True for an event line (NDJSON) that changes the container list. Garbage lines are ignored. */
export function changesContainers(line: string): boolean {
  let event: unknown;
  try {
    event = JSON.parse(line);
  } catch {
    return false;
  }
  if (typeof event !== 'object' || event === null) return false;
  const { Type, Action, status } = event as Record<string, unknown>;
  if (Type !== undefined && Type !== 'container') return false;
  const action = typeof Action === 'string' ? Action : typeof status === 'string' ? status : '';
  return LIST_CHANGING_ACTIONS.has(action);
}

export class EngineEvents {
  /** Headers 200 arrived and the stream has not ended since. */
  live = false;
  private stream: { close(): void } | null = null;
  private retry: NodeJS.Timeout | null = null;
  private backoffMs: number;
  private closed = false;
  private waiters: Array<(live: boolean) => void> = [];

  constructor(
    private readonly target: EngineTarget,
    private readonly prefix: string,
    private readonly options: EventStreamOptions,
    /** Called whenever the cache can no longer be trusted: an event, the stream opening or ending. */
    private readonly onChange: () => void,
  ) {
    this.backoffMs = options.minBackoffMs;
  }

  start(): void {
    if (this.closed || this.stream) return;
    const filters = encodeURIComponent(JSON.stringify({ type: ['container'] }));
    this.stream = openEngineStream(this.target, `${this.prefix}/events?filters=${filters}`, {
      onOpen: (status) => {
        if (status !== 200) return; // an engine without events: onEnd follows, the TTL applies
        this.live = true;
        this.backoffMs = this.options.minBackoffMs;
        // Whatever happened before the stream opened was not seen: list again.
        this.onChange();
        this.settle(true);
      },
      onLine: (line) => {
        if (changesContainers(line)) this.onChange();
      },
      onEnd: () => {
        const wasLive = this.live;
        this.live = false;
        this.stream = null;
        this.settle(false);
        if (wasLive) this.onChange();
        this.scheduleReconnect();
      },
    });
  }

  /** Resolves true once the stream is live, false when it failed first or `timeoutMs` passed. */
  waitLive(timeoutMs: number): Promise<boolean> {
    if (this.live) return Promise.resolve(true);
    if (this.closed || !this.stream) return Promise.resolve(false);
    return new Promise((resolve) => {
      // Kept ref'd: someone awaits this (a one-shot CLI call), and the stream's own socket is
      // unref'd, so without it Node would exit mid-await. It lasts at most timeoutMs.
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.waiters.push((live) => {
        clearTimeout(timer);
        resolve(live);
      });
    });
  }

  close(): void {
    this.closed = true;
    this.live = false;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.stream?.close();
    this.stream = null;
    this.settle(false);
  }

  private settle(live: boolean): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve(live);
  }

  private scheduleReconnect(): void {
    if (this.closed || this.retry) return;
    const wait = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, this.options.maxBackoffMs);
    this.retry = setTimeout(() => {
      this.retry = null;
      this.start();
    }, wait);
    this.retry.unref();
  }
}
