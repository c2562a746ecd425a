// Composes collector, rules, probes and watches into one polling loop that emits typed events.
import type { Collector } from './collector/index.js';
import { changesListeners, ConflictFinder, diffConflicts } from './conflicts.js';
import { diffSnapshots } from './diff.js';
import { describeError } from './errors.js';
import { MonitorOutput } from './monitor-output.js';
import type { HistoryLog } from './history.js';
import { conflictHistoryEntries, watchHistoryEntry } from './monitor-history.js';
import { backoffDelay, ownerGone } from './monitor-timing.js';
import {
  systemClock,
  type MonitorStatus,
  type Clock,
  type Conflict,
  type Snapshot,
  type WatchSpec,
} from './model.js';
import { probeTcp, type Probe } from './prober.js';
import { observeWatch } from './watch-observe.js';
import {
  defaultWatchPolicy,
  initialWatchState,
  nextWatchState,
  snoozeWatch,
  unsnoozeWatch,
  type WatchPolicy,
  type WatchState,
} from './watch-state.js';

export type MonitorMode = 'active' | 'watching';

export interface MonitorOptions {
  collector: Collector;
  probe?: Probe;
  clock?: Clock;
  history?: HistoryLog | null;
  watches?: WatchSpec[];
  /** 'active': a full snapshot every activeIntervalMs (a window is open). 'watching': watches are
   *  probed on their own intervals and full snapshots are rare, or taken when a probe's answer changes. */
  mode?: MonitorMode;
  activeIntervalMs?: number;
  idleIntervalMs?: number;
  policy?: WatchPolicy;
  /** Record conflicts appearing and resolving in history (default true); a CLI watch run that
   *  only cares about its own port turns it off. */
  recordConflicts?: boolean;
}

export type { MonitorStatus } from './model.js';
export type { MonitorEvents } from './monitor-output.js';

interface WatchSlot {
  spec: WatchSpec;
  state: WatchState;
  timer: NodeJS.Timeout | null;
  running: boolean;
}

/** A change seen by a probe triggers a full snapshot, but not more often than this. */
const MIN_TRIGGERED_REFRESH_MS = 1_000;

export class Monitor extends MonitorOutput {
  readonly #collector: Collector;
  readonly #probe: Probe;
  readonly #clock: Clock;
  readonly #policy: WatchPolicy;
  #activeIntervalMs: number;
  readonly #idleIntervalMs: number;
  #mode: MonitorMode;
  #snapshot: Snapshot | null = null;
  #conflicts: Conflict[] = [];
  /** Remembers each port's rule results, so a tick re-runs the rules only where sockets changed. */
  readonly #finder = new ConflictFinder();
  #conflictsKnown = false;
  #status: MonitorStatus;
  #failures = 0;
  #running = false;
  #snapshotTimer: NodeJS.Timeout | null = null;
  #inflight: Promise<Snapshot | null> | null = null;
  #lastRefreshAt = 0;
  readonly #watches = new Map<string, WatchSlot>();
  readonly #recordConflicts: boolean;

  constructor(options: MonitorOptions) {
    super(options.history ?? null);
    this.#collector = options.collector;
    this.#probe = options.probe ?? probeTcp;
    this.#clock = options.clock ?? systemClock;
    this.#policy = options.policy ?? defaultWatchPolicy;
    this.#mode = options.mode ?? 'active';
    this.#activeIntervalMs = options.activeIntervalMs ?? 2_000;
    this.#idleIntervalMs = options.idleIntervalMs ?? 30_000;
    this.#recordConflicts = options.recordConflicts ?? true;
    this.#status = {
      state: 'starting',
      reason: null,
      since: this.#clock(),
      retryInMs: null,
      source: this.#collector.source,
    };
    this.setWatches(options.watches ?? []);
  }

  get snapshot(): Snapshot | null {
    return this.#snapshot;
  }

  get conflicts(): Conflict[] {
    return this.#conflicts;
  }

  get status(): MonitorStatus {
    return this.#status;
  }

  get mode(): MonitorMode {
    return this.#mode;
  }

  watchState(id: string): WatchState | undefined {
    return this.#watches.get(id)?.state;
  }

  watchStates(): ReadonlyMap<string, WatchState> {
    return new Map([...this.#watches].map(([id, slot]) => [id, slot.state]));
  }

  watchSpecs(): WatchSpec[] {
    return [...this.#watches.values()].map((slot) => slot.spec);
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.stopped = false;
    void this.#snapshotLoop();
    for (const slot of this.#watches.values()) this.#scheduleWatch(slot, 0);
  }

  stop(): void {
    this.#running = false;
    this.stopped = true;
    if (this.#snapshotTimer) clearTimeout(this.#snapshotTimer);
    this.#snapshotTimer = null;
    for (const slot of this.#watches.values()) this.#clearWatchTimer(slot);
    this.#setStatus({ state: 'stopped', reason: null, retryInMs: null });
  }

  setMode(mode: MonitorMode): void {
    if (mode === this.#mode) return;
    this.#mode = mode;
    // Entering active mode (window opened) wants fresh data at once.
    if (this.#running && mode === 'active') this.#rescheduleSnapshot(0);
  }

  /** Replaces the watch list; states of watches that stay are kept. */
  setWatches(specs: WatchSpec[]): void {
    const next = new Map(specs.map((spec) => [spec.id, spec]));
    for (const [id, slot] of this.#watches) {
      if (!next.has(id)) {
        this.#clearWatchTimer(slot);
        this.#watches.delete(id);
      }
    }
    for (const spec of next.values()) {
      const existing = this.#watches.get(spec.id);
      if (existing) {
        existing.spec = spec;
        continue;
      }
      const slot: WatchSlot = {
        spec,
        state: initialWatchState(this.#clock()),
        timer: null,
        running: false,
      };
      this.#watches.set(spec.id, slot);
      if (this.#running) this.#scheduleWatch(slot, 0);
    }
    if (this.#snapshot) this.#updateConflicts(this.#snapshot);
  }

  /** Snoozes one watch (or every watch when `watchId` is null); `until` null ends the snooze. */
  snooze(watchId: string | null, until: number | 'until-up' | null): void {
    const slots =
      watchId === null
        ? [...this.#watches.values()]
        : [this.#watches.get(watchId)].filter((s) => s !== undefined);
    for (const slot of slots) {
      slot.state = until === null ? unsnoozeWatch(slot.state) : snoozeWatch(slot.state, until);
      this.emitSafely('watch-state', slot.spec.id, slot.state);
    }
  }

  /** Changes the full-refresh interval of active mode (a preference changed); applies at once. */
  setActiveInterval(ms: number): void {
    if (!Number.isFinite(ms) || ms <= 0 || ms === this.#activeIntervalMs) return;
    this.#activeIntervalMs = ms;
    if (this.#running && this.#mode === 'active') this.#rescheduleSnapshot(ms);
  }

  /** A full snapshot now; concurrent callers share one collection. Null when the collector failed. */
  refresh(): Promise<Snapshot | null> {
    this.#inflight ??= this.#collect().finally(() => {
      this.#inflight = null;
    });
    return this.#inflight;
  }

  /** One observation round for every watch, now. */
  async checkWatches(): Promise<void> {
    await Promise.all([...this.#watches.values()].map((slot) => this.#checkWatch(slot)));
  }

  async #collect(): Promise<Snapshot | null> {
    this.#lastRefreshAt = this.#clock();
    let snapshot: Snapshot;
    try {
      snapshot = await this.#collector.snapshot();
    } catch (error) {
      this.#failures += 1;
      const retryInMs = backoffDelay(this.#failures, this.#intervalForMode());
      this.#setStatus({ state: 'degraded', reason: describeError(error), retryInMs });
      return null;
    }
    if (this.stopped) return snapshot;
    this.#failures = 0;
    const diff = diffSnapshots(this.#snapshot, snapshot);
    this.#snapshot = snapshot;
    if (this.#status.state !== 'ok')
      this.#setStatus({ state: 'ok', reason: null, retryInMs: null });
    this.emitSafely('snapshot', snapshot, diff);
    // The rules read the listeners and the watches only: when no listener was added, removed or
    // changed (the same list, a re-read of the same sockets, connections coming and going) they
    // would find the same conflicts. setWatches re-runs them itself when the watches change.
    if (!this.#conflictsKnown || changesListeners(diff)) this.#updateConflicts(snapshot);
    return snapshot;
  }

  #updateConflicts(snapshot: Snapshot): void {
    const current = this.#finder.find(snapshot, this.watchSpecs());
    const { appeared, resolved, changed } = diffConflicts(this.#conflicts, current);
    this.#conflicts = current;
    // A changed conflict (new PID, renamed process) goes out with the list so windows and the
    // tray drop the stale text, but not as `appeared`: it is no news for notices or history.
    if (!this.#conflictsKnown || appeared.length + resolved.length + changed.length > 0) {
      this.#conflictsKnown = true;
      this.emitSafely('conflicts', current, appeared, resolved);
      if (this.#recordConflicts) {
        this.record(conflictHistoryEntries(appeared, resolved, snapshot.takenAt));
      }
    }
  }

  #intervalForMode(): number {
    return this.#mode === 'active' ? this.#activeIntervalMs : this.#idleIntervalMs;
  }

  async #snapshotLoop(): Promise<void> {
    if (!this.#running) return;
    const snapshot = await this.refresh();
    if (!this.#running) return;
    const delay = snapshot
      ? this.#intervalForMode()
      : (this.#status.retryInMs ?? this.#intervalForMode());
    this.#rescheduleSnapshot(delay);
  }

  #rescheduleSnapshot(delayMs: number): void {
    if (this.#snapshotTimer) clearTimeout(this.#snapshotTimer);
    this.#snapshotTimer = setTimeout(() => void this.#snapshotLoop(), delayMs);
  }

  #scheduleWatch(slot: WatchSlot, delayMs: number): void {
    this.#clearWatchTimer(slot);
    slot.timer = setTimeout(() => {
      slot.timer = null;
      void this.#checkWatch(slot).finally(() => {
        if (this.#running && this.#watches.get(slot.spec.id) === slot)
          this.#scheduleWatch(slot, slot.spec.intervalMs);
      });
    }, delayMs);
  }

  #clearWatchTimer(slot: WatchSlot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
  }

  async #checkWatch(slot: WatchSlot): Promise<void> {
    if (slot.running) return;
    slot.running = true;
    try {
      const spec = slot.spec;
      if (this.#inflight) await this.#inflight;
      let observation = await observeWatch(spec, this.#snapshot, this.#probe, this.#clock);
      if (this.#needsFreshSnapshot(slot, observation.open)) {
        // The answer changed or the owner exited: look again with a fresh snapshot so the
        // event names the right process.
        const fresh = await this.refresh();
        if (fresh) observation = await observeWatch(spec, fresh, this.#probe, this.#clock);
      }
      if (this.stopped || this.#watches.get(spec.id) !== slot) return;
      const { state, events } = nextWatchState(spec, slot.state, observation, this.#policy);
      slot.state = state;
      this.emitSafely('watch-state', spec.id, state);
      for (const event of events) {
        this.emitSafely('watch', event);
        this.record([watchHistoryEntry(event, spec)]);
      }
    } catch (error) {
      this.emitSafely('error', error instanceof Error ? error : new Error(String(error)));
    } finally {
      slot.running = false;
    }
  }

  #needsFreshSnapshot(slot: WatchSlot, open: boolean): boolean {
    if (this.#status.state === 'degraded') return false;
    const { status, owner } = slot.state;
    if (this.#snapshot === null) return true;
    if (this.#clock() - this.#lastRefreshAt < MIN_TRIGGERED_REFRESH_MS) return false;
    if (status === 'unknown') return false;
    if ((status === 'up') !== open) return true;
    return open && ownerGone(owner?.pid ?? null);
  }

  #setStatus(patch: Pick<MonitorStatus, 'state' | 'reason' | 'retryInMs'>): void {
    const changed = patch.state !== this.#status.state || patch.reason !== this.#status.reason;
    this.#status = {
      ...patch,
      since: changed ? this.#clock() : this.#status.since,
      source: this.#collector.source,
    };
    this.emitSafely('status', this.#status);
  }
}
