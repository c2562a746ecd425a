// The window's mirror of the core: loads PortholeState, replays pushed events, and marks new and closed rows.
import type { PortholeApi } from '../../src-main/shared/api.js';
import type {
  Capabilities,
  PortholeEvent,
  PortholeState,
  WatchView,
} from '../../src-main/shared/contract.js';
import {
  applyConflictDelta,
  applyDiff,
  isListener,
  noUnattributed,
  unattributedCounts,
  type Conflict,
  type UnattributedCounts,
  type MonitorStatus,
  type PortSocket,
  type SnapshotDiff,
  type WatchEvent,
} from '../../src-main/domain/index.js';
import type { EngineStatus } from '../../src-main/domain/container.js';
import { NO_MARKS, RowMarks, type RowMark } from './row-marks.js';
import { sameConflicts, sameSnapshot } from './same-state.js';
import { exposureKey, isExposedListener, keyOf } from './sockets.js';

/** How long a new row stays highlighted and a closed row stays visible, fading (TCPView style). */
export const FADE_MS = 3000;
const MAX_WATCH_EVENTS = 50;

export interface StoreOptions {
  /** Marks last this long (ms); default FADE_MS. */
  fadeMs?: number;
  /** Transport link state (browser mode's event stream); without it the store is connected once state loads. */
  onConnectionChange?: (listener: (connected: boolean) => void) => () => void;
  /** Browser mode: called once the server refuses the page's token (a restarted `serve`). */
  onTokenRefused?: (listener: () => void) => () => void;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What the core sends, kept current by its events; the window's own choices live in PortholeStore. */
export class ServerState {
  readonly api: PortholeApi;
  readonly clock: () => number;
  readonly fadeMs: number;

  connected = $state(false);
  /** The server turned this page's token down: it restarted, and only its new address works. */
  tokenRefused = $state(false);
  loadError = $state<string | null>(null);
  /** True once the first state arrived (before that the views show a loading placeholder). */
  loaded = $state(false);
  sockets = $state.raw<PortSocket[]>([]);
  takenAt = $state<number | null>(null);
  unattributed = $state(0);
  /** Per cause, smoothed by the core: what the unattributed notice shows. */
  unattributedByCause = $state<UnattributedCounts>(noUnattributed());
  warnings = $state.raw<string[]>([]);
  /** Container engines the last snapshot lists, and whether each answered. */
  engines = $state.raw<EngineStatus[]>([]);
  source = $state('');
  conflicts = $state.raw<Conflict[]>([]);
  status = $state.raw<MonitorStatus | null>(null);
  /** When the current status arrived (clock ms): `retryInMs` counts from here. */
  statusAt = $state<number | null>(null);
  watches = $state.raw<WatchView[]>([]);
  notificationsSnoozedUntil = $state<number | null>(null);
  acknowledgedExposures = $state.raw<string[]>([]);
  settingsWarnings = $state.raw<string[]>([]);
  capabilities = $state.raw<Capabilities | null>(null);
  marks = $state.raw<ReadonlyMap<string, RowMark>>(NO_MARKS);
  /** Closed sockets still shown (fading) until their `removed` mark expires. */
  ghosts = $state.raw<PortSocket[]>([]);
  lastWatchEvents = $state.raw<WatchEvent[]>([]);

  readonly listeners = $derived(this.sockets.filter(isListener));
  readonly connections = $derived(this.sockets.filter((s) => !isListener(s)));
  readonly exposed = $derived(
    this.listeners.filter(
      (s) =>
        isExposedListener(s) &&
        // No acknowledgements (the usual case): no key to build for each of thousands of listeners.
        (this.acknowledgedExposures.length === 0 ||
          !this.acknowledgedExposures.includes(exposureKey(s))),
    ),
  );
  readonly downWatches = $derived(this.watches.filter((w) => w.state?.status === 'down'));
  /** Rows for the Listeners table: live listeners plus closed ones still fading out. */
  readonly listenerRows = $derived(this.withGhosts(this.listeners, true));
  readonly connectionRows = $derived(this.withGhosts(this.connections, false));

  #unsubscribe: (() => void) | null = null;
  #unwatchConnection: (() => void) | null = null;
  #rows: RowMarks;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #stateSeq = 0;
  #onConnectionChange: StoreOptions['onConnectionChange'];
  #onTokenRefused: StoreOptions['onTokenRefused'];
  #unwatchToken: (() => void) | null = null;

  constructor(api: PortholeApi, clock: () => number = Date.now, options: StoreOptions = {}) {
    this.api = api;
    this.clock = clock;
    this.fadeMs = options.fadeMs ?? FADE_MS;
    this.#rows = new RowMarks(this.fadeMs);
    this.#onConnectionChange = options.onConnectionChange;
    this.#onTokenRefused = options.onTokenRefused;
  }

  /** True from start() until stop(). */
  get started(): boolean {
    return this.#unsubscribe !== null;
  }

  /** Subscribes to events first (so none are missed), then loads the state. */
  async start(): Promise<void> {
    if (this.#unsubscribe) return;
    this.#unsubscribe = this.api.onEvent((event) => this.handle(event));
    if (this.#onConnectionChange) {
      let wasUp = false;
      this.#unwatchConnection = this.#onConnectionChange((up) => {
        const reconnected = up && !this.connected && wasUp;
        wasUp ||= up;
        this.connected = up;
        // The server may have moved on while we were away: start again from a full state.
        if (reconnected) void this.reload();
      });
    }
    this.#unwatchToken = this.#onTokenRefused?.(() => (this.tokenRefused = true)) ?? null;
    await this.reload();
  }

  stop(): void {
    this.#unwatchToken?.();
    this.#unwatchToken = null;
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#unwatchConnection?.();
    this.#unwatchConnection = null;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  /** Fetches the full state; a state pushed meanwhile wins, since it is at least as new. */
  async reload(): Promise<void> {
    const seq = this.#stateSeq;
    try {
      const state = await this.api.getState();
      if (seq === this.#stateSeq) this.applyState(state);
    } catch (error) {
      this.loadError = message(error);
      if (!this.#onConnectionChange) this.connected = false;
    }
  }

  /** Snoozes every notification until `until` (epoch ms), or resumes them (null). */
  async snoozeNotifications(until: number | null): Promise<void> {
    this.notificationsSnoozedUntil = await this.api.snoozeNotifications(until);
  }

  conflictsOn(port: number): Conflict[] {
    return this.conflicts.filter((c) => c.port === port);
  }

  socketsOn(port: number): PortSocket[] {
    return this.sockets.filter((s) => s.localPort === port);
  }

  watchFor(port: number): WatchView | undefined {
    return this.watches.find((w) => w.spec.target.host === null && w.spec.target.port === port);
  }

  /** Stops flagging this listener as exposed; the core persists the acknowledgement. */
  async acknowledge(socket: PortSocket): Promise<void> {
    this.acknowledgedExposures = await this.api.acknowledgeExposure(exposureKey(socket));
  }

  /** Flags an acknowledged listener (by its exposure key) as exposed again. */
  async unacknowledge(key: string): Promise<void> {
    this.acknowledgedExposures = await this.api.unacknowledgeExposure(key);
  }

  markOf(socket: PortSocket): RowMark | undefined {
    return this.marks.size === 0 ? undefined : this.marks.get(keyOf(socket));
  }

  /** Applies one pushed event; public so tests and the transport can feed events directly. */
  handle(event: PortholeEvent): void {
    switch (event.type) {
      case 'state':
        this.#stateSeq += 1;
        this.applyState(event.state);
        break;
      case 'snapshot-diff':
        // A diff before any state has nothing to apply to; the coming state covers it.
        if (!this.loaded) return;
        this.sockets = applyDiff(this.sockets, event.diff);
        this.takenAt = event.takenAt;
        this.unattributed = event.unattributed;
        this.unattributedByCause = unattributedCounts(event);
        this.warnings = event.warnings;
        this.source = event.source;
        if (event.engines) this.applyEngines(event.engines);
        this.markDiff(event.diff);
        break;
      case 'conflicts':
        this.conflicts = applyConflictDelta(this.conflicts, event);
        break;
      case 'status':
        this.status = event.status;
        this.statusAt = this.clock();
        break;
      case 'watches':
        this.watches = event.watches;
        break;
      case 'watch-state':
        this.watches = this.watches.map((w) =>
          w.spec.id === event.id ? { ...w, state: event.state } : w,
        );
        break;
      case 'watch-event':
        this.lastWatchEvents = [event.event, ...this.lastWatchEvents].slice(0, MAX_WATCH_EVENTS);
        break;
      case 'notifications-snoozed':
        this.notificationsSnoozedUntil = event.until;
        break;
      default:
        // focus-port, show-view, preferences: the window's own state (PortholeStore).
        break;
    }
  }

  private applyState(state: PortholeState): void {
    // Browser mode gets each start's state twice (getState's reply, then the event stream's opening
    // state): 2.8 MB with 10,000 sockets. A repeat keeps the rows, their keys and their marks.
    if (!sameSnapshot(this.loaded ? this : null, state.snapshot)) {
      this.sockets = state.snapshot?.sockets ?? [];
      this.takenAt = state.snapshot?.takenAt ?? null;
      this.unattributed = state.snapshot?.unattributed ?? 0;
      this.unattributedByCause = state.snapshot
        ? unattributedCounts(state.snapshot)
        : noUnattributed();
      this.warnings = state.snapshot?.warnings ?? [];
      this.source = state.snapshot?.source ?? state.status.source;
      // A full state is a fresh start: nothing is "new" relative to it.
      this.#rows.clear();
      this.publishMarks();
    }
    this.applyEngines(state.snapshot?.engines ?? []);
    // Unchanged conflicts keep their array, so the tables do not filter and sort 10,000 rows again.
    if (!sameConflicts(this.conflicts, state.conflicts)) this.conflicts = state.conflicts;
    this.status = state.status;
    this.statusAt = this.clock();
    this.watches = state.watches;
    this.notificationsSnoozedUntil = state.notificationsSnoozedUntil;
    this.acknowledgedExposures = state.acknowledgedExposures;
    this.settingsWarnings = state.settingsWarnings;
    this.capabilities = state.capabilities;
    this.loadError = null;
    this.loaded = true;
    if (!this.#onConnectionChange) this.connected = true;
  }

  /** A tick with the same engines keeps the array, so nothing that reads it works again. */
  private applyEngines(engines: EngineStatus[]): void {
    if (JSON.stringify(engines) !== JSON.stringify(this.engines)) this.engines = engines;
  }

  private withGhosts(live: PortSocket[], listeners: boolean): PortSocket[] {
    const ghosts = this.ghosts.filter((s) => isListener(s) === listeners);
    return ghosts.length === 0 ? live : [...live, ...ghosts];
  }

  private markDiff(diff: SnapshotDiff): void {
    this.#rows.apply(diff, this.sockets, this.clock());
    this.publishMarks();
    this.schedule();
  }

  /** Drops marks (and ghost rows) whose time is up, then waits for the next one. */
  sweep(): void {
    this.#timer = null;
    if (this.#rows.expire(this.clock())) this.publishMarks();
    this.schedule();
  }

  private publishMarks(): void {
    this.marks = this.#rows.marks();
    this.ghosts = this.#rows.ghosts();
  }

  private schedule(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    const next = this.#rows.nextExpiry();
    if (next === null) return;
    this.#timer = setTimeout(() => this.sweep(), Math.max(0, next - this.clock()));
  }
}
