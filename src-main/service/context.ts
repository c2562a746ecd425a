// What the service's handlers share: settings kept in step with the file, the monitor, snooze and events.
import { isDeepStrictEqual } from 'node:util';
import type { PortholeEvent, PortholeState, WatchView } from '../shared/contract.js';
import type { HistoryLog } from '../core/history/history-log.js';
import type { Clock, WatchSpec, WatchState } from '../domain/model.js';
import type { Monitor } from '../core/monitor/monitor.js';
import type { ContainerSource } from '../core/containers/source.js';
import { killSupported } from '../core/process-control/index.js';
import type { Preferences, Settings, SettingsStore } from '../core/settings/index.js';

export interface ContextOptions {
  store: SettingsStore;
  history: HistoryLog;
  monitor: Monitor;
  clock: Clock;
  transport: 'ipc' | 'http';
  allowKill: boolean;
  openExternal: ((url: string) => Promise<void>) | null;
  settings: Settings;
  settingsWarnings: string[];
  /** Container engines, for stopping a container; null or absent when none is connected. */
  containers?: ContainerSource | null;
}

type Listener = (event: PortholeEvent) => void;

export class ServiceContext {
  readonly store: SettingsStore;
  readonly history: HistoryLog;
  readonly monitor: Monitor;
  readonly clock: Clock;
  readonly transport: 'ipc' | 'http';
  readonly allowKill: boolean;
  readonly openExternal: ((url: string) => Promise<void>) | null;
  readonly settingsWarnings: string[];
  readonly containers: ContainerSource | null;
  #settings: Settings;
  /** Counts this process's saves, so a reload that raced one of them is dropped, not applied. */
  #saves = 0;
  #notificationsUntil: number | null = null;
  readonly #listeners = new Set<Listener>();

  constructor(options: ContextOptions) {
    this.store = options.store;
    this.history = options.history;
    this.monitor = options.monitor;
    this.clock = options.clock;
    this.transport = options.transport;
    this.allowKill = options.allowKill;
    this.openExternal = options.openExternal;
    this.#settings = options.settings;
    this.settingsWarnings = [...options.settingsWarnings];
    this.containers = options.containers ?? null;
  }

  get settings(): Settings {
    return this.#settings;
  }

  preferences(): Preferences {
    return this.#settings.preferences;
  }

  onEvent(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Every listener gets the event even when an earlier one throws. */
  emit(event: PortholeEvent): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch {
        // A broken window connection must not stop the others from hearing about changes.
      }
    }
  }

  /**
   * Applies a change to the settings file as it is now (the CLI may have saved a watch meanwhile),
   * then keeps the result in memory. Problems met re-reading the file join the banner's warnings.
   */
  async saveSettings(mutate: (settings: Settings) => Settings): Promise<Settings> {
    const next = await this.store.update(mutate);
    this.#settings = next;
    this.#saves += 1;
    this.#addWarnings(this.store.lastLoad?.warnings ?? []);
    return next;
  }

  /** True when a warning was new (the banner shows each once). */
  #addWarnings(warnings: readonly string[]): boolean {
    const fresh = warnings.filter((warning) => !this.settingsWarnings.includes(warning));
    this.settingsWarnings.push(...fresh);
    return fresh.length > 0;
  }

  /**
   * Adopts what another process saved (the CLI's `watch --save`, a second window's app). A missing
   * or broken file keeps the settings in use and says why; our own saves read back equal and change
   * nothing, so following the file cannot loop.
   */
  async reloadSettings(): Promise<void> {
    const saves = this.#saves;
    const { settings, warnings } = await this.store.peek();
    // One of our saves landed meanwhile: this read may predate it, and its own file event follows.
    if (saves !== this.#saves) return;
    const warned = this.#addWarnings(warnings);
    const before = this.#settings;
    if (settings === null || isDeepStrictEqual(settings, before)) {
      if (warned) this.emit({ type: 'state', state: this.state() });
      return;
    }
    this.#settings = settings;
    if (!isDeepStrictEqual(settings.watches, before.watches)) {
      // Same id, other target: the old up/down record says nothing about the new one.
      const reset = settings.watches
        .filter((w) =>
          before.watches.some((old) => old.id === w.id && !isDeepStrictEqual(old.target, w.target)),
        )
        .map((w) => w.id);
      this.applyWatches(settings.watches, reset);
    }
    if (!isDeepStrictEqual(settings.preferences, before.preferences)) {
      this.applyRefreshInterval(settings.preferences.refreshIntervalMs);
      this.emit({ type: 'preferences', preferences: settings.preferences });
    }
    const acknowledged = !isDeepStrictEqual(
      settings.acknowledgedExposures,
      before.acknowledgedExposures,
    );
    // Warnings and acknowledged exposures have no event of their own; the whole state carries them.
    if (warned || acknowledged) this.emit({ type: 'state', state: this.state() });
  }

  /** Hands the watch list to the monitor; `reset` ids start over (their target changed). */
  applyWatches(watches: WatchSpec[], reset: readonly string[] = []): void {
    if (reset.length > 0) this.monitor.setWatches(watches.filter((w) => !reset.includes(w.id)));
    this.monitor.setWatches(watches);
    this.emit({ type: 'watches', watches: this.watchViews() });
  }

  applyRefreshInterval(ms: number): void {
    this.monitor.setActiveInterval(ms);
  }

  watchViews(): WatchView[] {
    return this.#settings.watches.map((spec) => this.viewOf(spec));
  }

  viewOf(spec: WatchSpec): WatchView {
    return { spec, state: this.#presentable(this.monitor.watchState(spec.id)) };
  }

  /** null until the first observation (unless snoozed already); an ended snooze reads as none. */
  #presentable(state: WatchState | undefined): WatchState | null {
    if (!state) return null;
    const ended = state.snoozedUntil !== null && state.snoozedUntil <= this.clock();
    const shown = ended ? { ...state, snoozedUntil: null } : state;
    const untouched = shown.snoozedUntil === null && !shown.snoozeUntilUp;
    return shown.lastCheckedAt === null && untouched ? null : shown;
  }

  notificationsSnoozedUntil(): number | null {
    const until = this.#notificationsUntil;
    return until !== null && until > this.clock() ? until : null;
  }

  snoozeNotifications(until: number | null): number | null {
    this.#notificationsUntil = until;
    const now = this.notificationsSnoozedUntil();
    this.emit({ type: 'notifications-snoozed', until: now });
    return now;
  }

  state(): PortholeState {
    return {
      snapshot: this.monitor.snapshot,
      conflicts: this.monitor.conflicts,
      status: this.monitor.status,
      watches: this.watchViews(),
      notificationsSnoozedUntil: this.notificationsSnoozedUntil(),
      acknowledgedExposures: [...this.#settings.acknowledgedExposures],
      settingsWarnings: [...this.settingsWarnings],
      capabilities: {
        kill: this.allowKill && killSupported(),
        platform: process.platform,
        transport: this.transport,
      },
    };
  }
}
