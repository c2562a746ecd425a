// Pure bookkeeping of row marks: rows new in the last refresh, closed rows kept (fading) for a while.
import { isListener, type PortSocket, type SnapshotDiff } from '../../src-main/domain/index.js';
import { keyOf } from './sockets.js';

/** `faded`: closed with many others at once, so it fades quietly instead of flashing red. */
export type RowMark = 'added' | 'removed' | 'faded';

/** More listeners (or connections) than this closing in one refresh is a burst: no wall of red rows. */
export const QUIET_OVER = 12;

export const NO_MARKS: ReadonlyMap<string, RowMark> = new Map();

/**
 * Marks keyed by socket key, each with an expiry. The store copies `marks` and `ghosts` into
 * its reactive fields after every change, so views re-render once per refresh, not per row.
 */
export class RowMarks {
  readonly #fadeMs: number;
  readonly #marks = new Map<string, RowMark>();
  readonly #expiry = new Map<string, number>();
  readonly #ghosts = new Map<string, PortSocket>();

  constructor(fadeMs: number) {
    this.#fadeMs = fadeMs;
  }

  clear(): void {
    this.#marks.clear();
    this.#expiry.clear();
    this.#ghosts.clear();
  }

  /**
   * Records a refresh at `now`. `live` is the list after the diff: a removed row whose identity
   * is still open there (duplicate endpoints) is not a closed row.
   */
  apply(diff: SnapshotDiff, live: readonly PortSocket[], now: number): void {
    // "New" lasts one refresh: the previous refresh's additions are ordinary rows now.
    for (const [key, mark] of this.#marks) {
      if (mark === 'added') this.#drop(key);
    }
    const open = liveKeysOnPorts(diff.removed, live);
    const closed = diff.removed.filter((s) => !open.has(keyOf(s)));
    const listeners = closed.reduce((n, s) => (isListener(s) ? n + 1 : n), 0);
    const quiet = {
      listeners: listeners > QUIET_OVER,
      others: closed.length - listeners > QUIET_OVER,
    };
    for (const s of closed) {
      const key = keyOf(s);
      const burst = isListener(s) ? quiet.listeners : quiet.others;
      this.#marks.set(key, burst ? 'faded' : 'removed');
      this.#ghosts.set(key, s);
      this.#expiry.set(key, now + this.#fadeMs);
    }
    for (const s of diff.added) {
      const key = keyOf(s);
      this.#ghosts.delete(key); // back before it faded out: live again
      this.#marks.set(key, 'added');
      this.#expiry.set(key, now + this.#fadeMs);
    }
  }

  /** Drops every mark whose time is up; true when something changed. */
  expire(now: number): boolean {
    let changed = false;
    for (const [key, until] of this.#expiry) {
      if (until > now) continue;
      this.#drop(key);
      changed = true;
    }
    return changed;
  }

  /** When the next mark expires (epoch ms), or null when none is left. */
  nextExpiry(): number | null {
    let next: number | null = null;
    for (const until of this.#expiry.values()) if (next === null || until < next) next = until;
    return next;
  }

  /** A copy of the marks, for a reactive field. */
  marks(): ReadonlyMap<string, RowMark> {
    return this.#marks.size === 0 ? NO_MARKS : new Map(this.#marks);
  }

  /** Closed sockets still fading out. */
  ghosts(): PortSocket[] {
    return [...this.#ghosts.values()];
  }

  #drop(key: string): void {
    this.#marks.delete(key);
    this.#expiry.delete(key);
    this.#ghosts.delete(key);
  }
}

/** Keys of open sockets on the ports of `removed`: only those can share a removed row's identity. */
function liveKeysOnPorts(removed: readonly PortSocket[], live: readonly PortSocket[]): Set<string> {
  const keys = new Set<string>();
  if (removed.length === 0) return keys;
  const ports = new Set(removed.map((s) => s.localPort));
  for (const s of live) if (ports.has(s.localPort)) keys.add(keyOf(s));
  return keys;
}
