// Keeps each watch's state and timer: checks every watch on its own interval, one check at a time.
import type { Clock, WatchEvent, WatchSpec } from '../../domain/model.js';
import {
  initialWatchState,
  nextWatchState,
  snoozeWatch,
  unsnoozeWatch,
  type Observation,
  type WatchPolicy,
  type WatchState,
} from '../watches/watch-state.js';

export interface MonitorWatchesOptions {
  clock: Clock;
  policy: WatchPolicy;
  /** Looks at the watched port now; `state` is the watch's state before this check. */
  observe(spec: WatchSpec, state: WatchState): Promise<Observation>;
  /** A watch's state was set, by a check (with the events it raised) or by a snooze. */
  report(spec: WatchSpec, state: WatchState, events: readonly WatchEvent[]): void;
  /** A check threw; the watch stays scheduled. */
  fail(error: Error): void;
}

interface WatchSlot {
  spec: WatchSpec;
  state: WatchState;
  timer: NodeJS.Timeout | null;
  running: boolean;
}

export class MonitorWatches {
  readonly #options: MonitorWatchesOptions;
  readonly #slots = new Map<string, WatchSlot>();
  /** 'idle' before the first start: checks asked for by hand still report. */
  #phase: 'idle' | 'running' | 'stopped' = 'idle';

  constructor(options: MonitorWatchesOptions) {
    this.#options = options;
  }

  state(id: string): WatchState | undefined {
    return this.#slots.get(id)?.state;
  }

  states(): ReadonlyMap<string, WatchState> {
    return new Map([...this.#slots].map(([id, slot]) => [id, slot.state]));
  }

  specs(): WatchSpec[] {
    return [...this.#slots.values()].map((slot) => slot.spec);
  }

  start(): void {
    this.#phase = 'running';
    for (const slot of this.#slots.values()) this.#schedule(slot, 0);
  }

  stop(): void {
    this.#phase = 'stopped';
    for (const slot of this.#slots.values()) this.#clearTimer(slot);
  }

  /** Replaces the watch list; states of watches that stay are kept. */
  set(specs: WatchSpec[]): void {
    const next = new Map(specs.map((spec) => [spec.id, spec]));
    for (const [id, slot] of this.#slots) {
      if (!next.has(id)) {
        this.#clearTimer(slot);
        this.#slots.delete(id);
      }
    }
    for (const spec of next.values()) {
      const existing = this.#slots.get(spec.id);
      if (existing) {
        existing.spec = spec;
        continue;
      }
      const slot: WatchSlot = {
        spec,
        state: initialWatchState(this.#options.clock()),
        timer: null,
        running: false,
      };
      this.#slots.set(spec.id, slot);
      if (this.#phase === 'running') this.#schedule(slot, 0);
    }
  }

  /** Snoozes one watch (or every watch when `watchId` is null); `until` null ends the snooze. */
  snooze(watchId: string | null, until: number | 'until-up' | null): void {
    const slots =
      watchId === null
        ? [...this.#slots.values()]
        : [this.#slots.get(watchId)].filter((s) => s !== undefined);
    for (const slot of slots) {
      slot.state = until === null ? unsnoozeWatch(slot.state) : snoozeWatch(slot.state, until);
      this.#options.report(slot.spec, slot.state, []);
    }
  }

  /** One observation round for every watch, now. */
  async checkAll(): Promise<void> {
    await Promise.all([...this.#slots.values()].map((slot) => this.#check(slot)));
  }

  #schedule(slot: WatchSlot, delayMs: number): void {
    this.#clearTimer(slot);
    slot.timer = setTimeout(() => {
      slot.timer = null;
      void this.#check(slot).finally(() => {
        if (this.#phase === 'running' && this.#slots.get(slot.spec.id) === slot)
          this.#schedule(slot, slot.spec.intervalMs);
      });
    }, delayMs);
  }

  #clearTimer(slot: WatchSlot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
  }

  async #check(slot: WatchSlot): Promise<void> {
    if (slot.running) return;
    slot.running = true;
    try {
      const spec = slot.spec;
      const observation = await this.#options.observe(spec, slot.state);
      if (this.#phase === 'stopped' || this.#slots.get(spec.id) !== slot) return;
      const { state, events } = nextWatchState(spec, slot.state, observation, this.#options.policy);
      slot.state = state;
      this.#options.report(spec, state, events);
    } catch (error) {
      this.#options.fail(error instanceof Error ? error : new Error(String(error)));
    } finally {
      slot.running = false;
    }
  }
}
