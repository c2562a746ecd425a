// Browser mode: orders pushed events against fetched states, so none is applied twice or lost.
//
// The server numbers its events and tells where each state and each stream starts (see
// src-main/web/event-stream.ts). A state holds every event up to its `seq`; a stream delivers every
// event above its `ready` seq. While a state is on its way, events wait; once the window has it,
// those it already holds are dropped and the rest follow in order. A state older than the stream
// (events fell between them) is replaced by a fresh one.
import type { PortholeEvent, StreamPosition } from '../../src-main/shared/contract.js';

/** Events kept while a state is on its way; past this many, a fresh state is cheaper than replaying. */
export const MAX_QUEUED = 5000;

export function parsePosition(value: unknown): StreamPosition | null {
  if (typeof value !== 'object' || value === null) return null;
  const { instance, seq } = value as { instance?: unknown; seq?: unknown };
  return typeof instance === 'string' && Number.isSafeInteger(seq) && (seq as number) >= 0
    ? { instance, seq: seq as number }
    : null;
}

export class EventOrder {
  readonly #deliver: (event: PortholeEvent) => void;
  /** Where the newest state the window was given stands. */
  #base: StreamPosition | null = null;
  /** Where the current stream started. */
  #stream: StreamPosition | null = null;
  #syncing = 0;
  #queue: { event: PortholeEvent; seq: number | null }[] = [];
  #overflowed = false;

  constructor(deliver: (event: PortholeEvent) => void) {
    this.#deliver = deliver;
  }

  /** A state request starts: events wait until it is settled and the window has applied it. */
  beginSync(): void {
    this.#syncing += 1;
  }

  /** True when a state at `position` misses events the stream will never send (fetch again). */
  predatesStream(position: StreamPosition): boolean {
    const stream = this.#stream;
    return stream !== null && (position.instance !== stream.instance || position.seq < stream.seq);
  }

  /** The window was given a state at `position` (null: the server did not say where). */
  settle(position: StreamPosition | null): void {
    this.#base = position === null ? null : { ...position };
  }

  /** The state request is over and applied: waiting events follow. True when a fresh state is needed. */
  endSync(): boolean {
    this.#syncing = Math.max(0, this.#syncing - 1);
    if (this.#syncing > 0) return false;
    const queued = this.#queue;
    this.#queue = [];
    if (this.#overflowed) {
      this.#overflowed = false;
      return true;
    }
    for (const { event, seq } of queued) this.#offer(event, seq);
    return this.#stale();
  }

  /** A stream opened at `position`. True when the window's state predates it (fetch a fresh one). */
  ready(position: StreamPosition): boolean {
    this.#stream = position;
    return this.#syncing === 0 && this.#stale();
  }

  /** One pushed event, numbered `seq` in the current stream (null: unnumbered, delivered as is). */
  event(event: PortholeEvent, seq: number | null): void {
    if (this.#syncing === 0) {
      this.#offer(event, seq);
      return;
    }
    if (this.#queue.length >= MAX_QUEUED) {
      this.#queue = [];
      this.#overflowed = true;
    }
    if (!this.#overflowed) this.#queue.push({ event, seq });
  }

  #stale(): boolean {
    return this.#base !== null && this.predatesStream(this.#base);
  }

  #offer(event: PortholeEvent, seq: number | null): void {
    const base = this.#base;
    const sameRun = base !== null && seq !== null && base.instance === this.#stream?.instance;
    if (sameRun && seq <= base.seq) return; // already in the window's state
    this.#deliver(event);
    if (sameRun) base.seq = seq;
  }
}
