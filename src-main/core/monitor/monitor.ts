// Composes collector, rules, probes and watches into one polling loop that emits typed events.
import type { Collector } from '../collector/index.js';
import { changesListeners } from '../rules/conflicts.js';
import { diffSnapshots } from '../../domain/diff.js';
import { describeError } from '../errors.js';
import { MonitorOutput } from './monitor-output.js';
import type { HistoryEntry, HistoryLog } from '../history/history-log.js';
import {
  conflictHistoryEntries,
  resolvedEarlierEntry,
  watchHistoryEntry,
} from './history-recording.js';
import { RecordedState } from './recorded-state.js';
import { MonitorConflicts } from './conflict-tracking.js';
import type { RuleOptions } from '../rules/conflicts.js';
import { SnapshotSchedule, type MonitorMode } from './snapshot-schedule.js';
import { backoffDelay, needsFreshSnapshot } from './timing.js';
import { MonitorWatches } from './watch-checks.js';
import {
  systemClock,
  type MonitorStatus,
  type Clock,
  type Conflict,
  type Snapshot,
  type WatchEvent,
  type WatchSpec,
} from '../../domain/model.js';
import { listenerReachedBy, probeTcp, type Probe } from '../watches/prober.js';
import { checkedAddresses, observeWatch } from '../watches/watch-observe.js';
import { downCause } from '../../domain/down-cause.js';
import { pidAlive } from '../platform/pid-alive.js';
import {
  defaultWatchPolicy,
  type Observation,
  type WatchPolicy,
  type WatchState,
} from '../watches/watch-state.js';

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
  /** Machine facts for the rules (default: read from this machine). */
  rules?: RuleOptions;
  /** Whether a PID still runs, for a down event's cause (default: signal 0 on this machine). */
  alive?: (pid: number) => boolean | null;
}

export type { MonitorStatus } from '../../domain/model.js';
export type { MonitorMode } from './snapshot-schedule.js';
export type { MonitorEvents } from './monitor-output.js';

export class Monitor extends MonitorOutput {
  readonly #collector: Collector;
  readonly #probe: Probe;
  readonly #clock: Clock;
  readonly #alive: (pid: number) => boolean | null;
  #snapshot: Snapshot | null = null;
  readonly #conflicts: MonitorConflicts;
  #status: MonitorStatus;
  #failures = 0;
  #inflight: Promise<Snapshot | null> | null = null;
  #lastRefreshAt = 0;
  readonly #schedule: SnapshotSchedule;
  readonly #watches: MonitorWatches;
  readonly #recordConflicts: boolean;
  readonly #history: HistoryLog | null;
  /** What history last said, loaded once before the first rules run and the first watch check. */
  #recorded: Promise<RecordedState> | null = null;
  #recordedState: RecordedState | null = null;
  /** Watches whose first events since this monitor began were weighed against history. */
  readonly #weighed = new Set<string>();
  #conflictsReconciled = false;

  constructor(options: MonitorOptions) {
    super(options.history ?? null);
    this.#conflicts = new MonitorConflicts(options.rules);
    this.#collector = options.collector;
    this.#probe = options.probe ?? probeTcp;
    this.#clock = options.clock ?? systemClock;
    this.#alive = options.alive ?? pidAlive;
    this.#recordConflicts = options.recordConflicts ?? true;
    this.#history = options.history ?? null;
    this.#status = {
      state: 'starting',
      reason: null,
      since: this.#clock(),
      retryInMs: null,
      source: this.#collector.source,
    };
    this.#schedule = new SnapshotSchedule({
      mode: options.mode ?? 'active',
      activeIntervalMs: options.activeIntervalMs ?? 2_000,
      idleIntervalMs: options.idleIntervalMs ?? 30_000,
      refresh: () => this.refresh(),
      retryInMs: () => this.#status.retryInMs,
    });
    this.#watches = new MonitorWatches({
      clock: this.#clock,
      policy: options.policy ?? defaultWatchPolicy,
      observe: (spec, state) => this.#observe(spec, state),
      report: (spec, state, events) => {
        this.emitSafely('watch-state', spec.id, state);
        const restated = this.#restated(spec, events);
        events.forEach((event, i) => {
          // A restatement is still shown (a CLI watch prints it) but neither logged nor notified.
          this.emitSafely('watch', restated[i] ? { ...event, restated: true } : event);
          if (!restated[i]) this.record([watchHistoryEntry(event, spec)]);
        });
      },
      fail: (error) => this.emitSafely('error', error),
    });
    this.setWatches(options.watches ?? []);
  }

  get snapshot(): Snapshot | null {
    return this.#snapshot;
  }

  get conflicts(): Conflict[] {
    return this.#conflicts.current;
  }

  get status(): MonitorStatus {
    return this.#status;
  }

  get mode(): MonitorMode {
    return this.#schedule.mode;
  }

  watchState(id: string): WatchState | undefined {
    return this.#watches.state(id);
  }

  watchStates(): ReadonlyMap<string, WatchState> {
    return this.#watches.states();
  }

  watchSpecs(): WatchSpec[] {
    return this.#watches.specs();
  }

  start(): void {
    if (this.#schedule.running) return;
    this.stopped = false;
    this.#schedule.start();
    this.#watches.start();
  }

  stop(): void {
    this.#schedule.stop();
    this.stopped = true;
    this.#watches.stop();
    this.#setStatus({ state: 'stopped', reason: null, retryInMs: null });
  }

  setMode(mode: MonitorMode): void {
    this.#schedule.setMode(mode);
  }

  /** Replaces the watch list; states of watches that stay are kept. */
  setWatches(specs: WatchSpec[]): void {
    this.#watches.set(specs);
    if (this.#snapshot) this.#updateConflicts(this.#snapshot);
  }

  /** Snoozes one watch (or every watch when `watchId` is null); `until` null ends the snooze. */
  snooze(watchId: string | null, until: number | 'until-up' | null): void {
    this.#watches.snooze(watchId, until);
  }

  /** Changes the full-refresh interval of active mode (a preference changed); applies at once. */
  setActiveInterval(ms: number): void {
    this.#schedule.setActiveInterval(ms);
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
    await this.#watches.checkAll();
  }

  /** Loads the recorded state once; without history there is nothing to compare with. */
  async #loadRecorded(): Promise<void> {
    if (!this.#history || this.#recordedState) return;
    this.#recorded ??= RecordedState.load(this.#history);
    this.#recordedState = await this.#recorded;
  }

  /** Per event: whether it only repeats history (a watch's first events after a start). */
  #restated(spec: WatchSpec, events: readonly WatchEvent[]): boolean[] {
    const recorded = this.#recordedState;
    if (events.length === 0 || !recorded || this.#weighed.has(spec.id))
      return events.map(() => false);
    this.#weighed.add(spec.id);
    return recorded.restatedWatchEvents(events[0]!.target, events);
  }

  /** History entries for conflict news; the first, after a start, only what history lacks. */
  #conflictEntries(
    news: { appeared: Conflict[]; resolved: Conflict[] },
    at: number,
  ): HistoryEntry[] {
    const recorded = this.#recordedState;
    if (!recorded || this.#conflictsReconciled)
      return conflictHistoryEntries(news.appeared, news.resolved, at);
    this.#conflictsReconciled = true;
    const { appeared, resolvedEarlier } = recorded.reconcileConflicts(news.appeared);
    return [
      ...resolvedEarlier.map((entry) => resolvedEarlierEntry(entry, at)),
      ...conflictHistoryEntries(appeared, news.resolved, at),
    ];
  }

  async #collect(): Promise<Snapshot | null> {
    await this.#loadRecorded();
    this.#lastRefreshAt = this.#clock();
    let snapshot: Snapshot;
    try {
      snapshot = await this.#collector.snapshot();
    } catch (error) {
      this.#failures += 1;
      const retryInMs = backoffDelay(this.#failures, this.#schedule.intervalMs);
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
    if (!this.#conflicts.known || changesListeners(diff)) this.#updateConflicts(snapshot);
    return snapshot;
  }

  #updateConflicts(snapshot: Snapshot): void {
    const news = this.#conflicts.update(snapshot, this.watchSpecs());
    if (!news) return;
    this.emitSafely('conflicts', news.current, news.appeared, news.resolved, news.changed);
    if (this.#recordConflicts) this.record(this.#conflictEntries(news, snapshot.takenAt));
  }

  /** One look at a watched port, against the latest snapshot once a collection under way ends. */
  async #observe(spec: WatchSpec, state: WatchState): Promise<Observation> {
    await this.#loadRecorded();
    if (this.#inflight) await this.#inflight;
    const observation = await observeWatch(spec, this.#snapshot, this.#probe, this.#clock);
    const context = {
      degraded: this.#status.state === 'degraded',
      hasSnapshot: this.#snapshot !== null,
      lastRefreshAt: this.#lastRefreshAt,
      clock: this.#clock,
    };
    if (!needsFreshSnapshot(state, observation.open, context))
      return this.#withCause(spec, state, observation);
    // The answer changed or the owner exited: look again with a fresh snapshot so the event
    // names the right process.
    const fresh = await this.refresh();
    const again = fresh ? await observeWatch(spec, fresh, this.#probe, this.#clock) : observation;
    return this.#withCause(spec, state, again);
  }

  /** The check that takes a watch down carries why its owner no longer answers (the down event
   *  leads with it), judged on a snapshot taken after the failed check. */
  async #withCause(
    spec: WatchSpec,
    state: WatchState,
    observation: Observation,
  ): Promise<Observation> {
    const owner = state.owner;
    const goesDown =
      !observation.open &&
      state.status === 'up' &&
      state.consecutiveFailures + 1 >= spec.failuresToDown;
    if (!goesDown || owner === null || owner.pid === null) return observation;
    let snapshot = this.#snapshot;
    if (this.#status.state !== 'degraded' && (snapshot?.takenAt ?? -1) < observation.at)
      snapshot = (await this.refresh()) ?? snapshot;
    const port = spec.target.port;
    const reachedAddresses = checkedAddresses(spec)
      .map((address) => listenerReachedBy(snapshot, address, port)?.localAddress)
      .filter((address) => address !== undefined);
    const cause = downCause({
      port,
      owner,
      sockets: snapshot?.sockets ?? null,
      alive: this.#alive(owner.pid),
      error: observation.error,
      reached: (listener) => reachedAddresses.includes(listener.localAddress),
    });
    return cause ? { ...observation, cause } : observation;
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
