// The monitor's outputs: typed events that a throwing listener cannot break, and history writes
// that can be awaited before exit.
import { EventEmitter } from 'node:events';
import { describeError } from '../errors.js';
import type { HistoryEntry, HistoryLog } from '../history/history-log.js';
import type {
  Conflict,
  MonitorStatus,
  Snapshot,
  SnapshotDiff,
  WatchEvent,
  WatchState,
} from '../../domain/model.js';

export interface MonitorEvents {
  snapshot: [snapshot: Snapshot, diff: SnapshotDiff];
  conflicts: [current: Conflict[], appeared: Conflict[], resolved: Conflict[], changed: Conflict[]];
  watch: [event: WatchEvent];
  'watch-state': [watchId: string, state: WatchState];
  status: [status: MonitorStatus];
  /** A listener of ours threw or history could not be written; the loop carries on. */
  error: [error: Error];
}

export class MonitorOutput extends EventEmitter<MonitorEvents> {
  readonly #history: HistoryLog | null;
  readonly #pendingWrites = new Set<Promise<void>>();
  /** Set once the monitor stops: late results are not recorded. */
  protected stopped = false;

  constructor(history: HistoryLog | null) {
    super({ captureRejections: false });
    this.#history = history;
  }

  protected record(entries: HistoryEntry[]): void {
    if (!this.#history || entries.length === 0 || this.stopped) return;
    const write = this.#history.append(entries).catch((error: unknown) => {
      this.emitSafely('error', new Error(`could not write history: ${describeError(error)}`));
    });
    this.#pendingWrites.add(write);
    void write.finally(() => this.#pendingWrites.delete(write));
  }

  /** Resolves once every history write started so far has finished (call before exiting). */
  async flush(): Promise<void> {
    await Promise.all([...this.#pendingWrites]);
  }

  /** Emits without letting a throwing listener break the loop. */
  protected emitSafely<K extends keyof MonitorEvents>(name: K, ...args: MonitorEvents[K]): void {
    try {
      if (name === 'error' && this.listenerCount('error') === 0) return;
      (this.emit as (n: K, ...a: MonitorEvents[K]) => boolean)(name, ...args);
    } catch (error) {
      if (name !== 'error' && this.listenerCount('error') > 0) {
        this.emit('error', error instanceof Error ? error : new Error(String(error)));
      }
    }
  }
}
