// Times the monitor's full snapshots: often while a window is open, rarely while only watching.
import type { Snapshot } from '../../domain/model.js';

export type MonitorMode = 'active' | 'watching';

export interface SnapshotScheduleOptions {
  mode: MonitorMode;
  activeIntervalMs: number;
  idleIntervalMs: number;
  /** Takes one full snapshot; null when the collector failed. */
  refresh(): Promise<Snapshot | null>;
  /** The back-off delay after a failed snapshot, if the monitor set one. */
  retryInMs(): number | null;
}

export class SnapshotSchedule {
  readonly #options: SnapshotScheduleOptions;
  #mode: MonitorMode;
  #activeIntervalMs: number;
  #running = false;
  #timer: NodeJS.Timeout | null = null;

  constructor(options: SnapshotScheduleOptions) {
    this.#options = options;
    this.#mode = options.mode;
    this.#activeIntervalMs = options.activeIntervalMs;
  }

  get mode(): MonitorMode {
    return this.#mode;
  }

  get running(): boolean {
    return this.#running;
  }

  /** The normal delay between snapshots in the current mode. */
  get intervalMs(): number {
    return this.#mode === 'active' ? this.#activeIntervalMs : this.#options.idleIntervalMs;
  }

  start(): void {
    this.#running = true;
    void this.#loop();
  }

  stop(): void {
    this.#running = false;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  setMode(mode: MonitorMode): void {
    if (mode === this.#mode) return;
    this.#mode = mode;
    // Entering active mode (window opened) wants fresh data at once.
    if (this.#running && mode === 'active') this.#reschedule(0);
  }

  setActiveInterval(ms: number): void {
    if (!Number.isFinite(ms) || ms <= 0 || ms === this.#activeIntervalMs) return;
    this.#activeIntervalMs = ms;
    if (this.#running && this.#mode === 'active') this.#reschedule(ms);
  }

  async #loop(): Promise<void> {
    if (!this.#running) return;
    const snapshot = await this.#options.refresh();
    if (!this.#running) return;
    this.#reschedule(snapshot ? this.intervalMs : (this.#options.retryInMs() ?? this.intervalMs));
  }

  #reschedule(delayMs: number): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#loop(), delayMs);
  }
}
