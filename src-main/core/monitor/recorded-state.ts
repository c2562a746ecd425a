// What history last said about each conflict and watch, rebuilt from its newest entries, so a restart records changes only.
//
// Why from the history file and not a state file of our own: the thing to compare with is exactly
// "what history last recorded", and the log is that record. A separate state file could disagree
// with it — after a crash between the two writes, after the history was trimmed or cleared, or
// when another Porthole process (a `porthole watch`, a second `serve`) appended to the same log —
// and then a change would be lost or a restatement logged. Reading the tail costs one bounded read
// (the log's own window) once per start. If a standing conflict's entry was compacted away, it is
// recorded once more: the log then holds it again, which is what a reader of history needs.
import type { HistoryEntry, HistoryKind, HistoryLog } from '../history/history-log.js';
import type { Conflict, WatchEvent } from '../../domain/model.js';

/** The kinds that make up the recorded state. */
export const RECORDED_KINDS: readonly HistoryKind[] = [
  'conflict-appeared',
  'conflict-resolved',
  'watch',
  'owner-changed',
];

/** A watch target as history last left it. */
interface RecordedWatch {
  status: 'up' | 'down' | null;
  /** Process named by the last up or owner change, null when down or unnamed. */
  owner: string | null;
  /** Process last recorded as the wrong owner (an owner-changed entry), null since. */
  flagged: string | null;
}

/**
 * History's granularity for a conflict: kind, protocol and port (entries do not carry a watch
 * id, so two unexpected-owner conflicts on one port count twice under one key).
 */
export function recordedConflictKey(
  kind: string,
  protocol: string | null,
  port: number | null,
): string {
  return `${kind}:${protocol ?? '-'}:${port ?? '-'}`;
}

export class RecordedState {
  /** Key → the appeared entries still open, oldest first. */
  readonly #open = new Map<string, HistoryEntry[]>();
  /** Watch target text → what history last said; consumed by the watch's first events. */
  readonly #watches = new Map<string, RecordedWatch>();

  /** Folds entries, oldest first. */
  constructor(entries: readonly HistoryEntry[] = []) {
    for (const entry of entries) this.#fold(entry);
  }

  /** Reads the log's newest entries; an unreadable log counts as empty (everything is news). */
  static async load(history: HistoryLog | null): Promise<RecordedState> {
    if (!history) return new RecordedState();
    const entries = await history
      .query({ kinds: [...RECORDED_KINDS] })
      .catch((): HistoryEntry[] => []);
    return new RecordedState(entries);
  }

  /** How many conflicts history holds as open (appeared, not resolved since). */
  get openConflicts(): number {
    let count = 0;
    for (const list of this.#open.values()) count += list.length;
    return count;
  }

  /**
   * The first rules result after a start, against history: conflicts already open there are
   * restatements (left out); the rest appeared. Open ones no longer found were resolved while
   * Porthole was not looking: their earlier entries come back for a "resolved" entry. One-shot.
   */
  reconcileConflicts(current: readonly Conflict[]): {
    appeared: Conflict[];
    resolvedEarlier: HistoryEntry[];
  } {
    const open = new Map([...this.#open].map(([key, list]) => [key, [...list]]));
    const appeared: Conflict[] = [];
    for (const conflict of current) {
      const list = open.get(recordedConflictKey(conflict.kind, conflict.protocol, conflict.port));
      if (list && list.length > 0) list.shift();
      else appeared.push(conflict);
    }
    this.#open.clear();
    return { appeared, resolvedEarlier: [...open.values()].flat() };
  }

  /**
   * Whether a watch's first events after a start only repeat what history holds for its target
   * (down and still down; up under the same owner; the same wrong owner). Call once per watch,
   * with its first events: later events are news by construction (the state machine emits on
   * change only), so the target's recorded state is forgotten here.
   */
  restatedWatchEvents(target: string, events: readonly WatchEvent[]): boolean[] {
    const recorded = this.#watches.get(target);
    this.#watches.delete(target);
    return events.map((event) => {
      if (!recorded) return false;
      switch (event.event) {
        case 'down':
          return recorded.status === 'down';
        case 'up':
          return (
            recorded.status === 'up' && (event.process === null || event.process === recorded.owner)
          );
        case 'owner-changed':
          return (
            recorded.status === 'up' && event.process !== null && event.process === recorded.flagged
          );
        default:
          return false;
      }
    });
  }

  #fold(entry: HistoryEntry): void {
    if (entry.kind === 'conflict-appeared' || entry.kind === 'conflict-resolved') {
      const key = recordedConflictKey(entry.event, entry.protocol, entry.port);
      const list = this.#open.get(key) ?? [];
      if (entry.kind === 'conflict-appeared') list.push(entry);
      else list.shift();
      if (list.length > 0) this.#open.set(key, list);
      else this.#open.delete(key);
      return;
    }
    if (entry.target === null) return;
    const before = this.#watches.get(entry.target) ?? { status: null, owner: null, flagged: null };
    const next = { ...before };
    if (entry.event === 'down') Object.assign(next, { status: 'down', owner: null, flagged: null });
    else if (entry.event === 'up') {
      if (entry.process !== before.owner)
        Object.assign(next, { owner: entry.process, flagged: null });
      next.status = 'up';
    } else if (entry.event === 'owner-changed') {
      Object.assign(next, { status: 'up', owner: entry.process, flagged: entry.process });
    }
    this.#watches.set(entry.target, next);
  }
}
