// Porthole's Prometheus metrics: gauges sampled from the monitor's state at each scrape, counters and
// the snapshot-cost histogram fed by its events. Labels carry targets, kinds and protocols only.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Collector } from '../core/collector/index.js';
import type { Monitor } from '../core/monitor/monitor.js';
import { targetText } from '../domain/endpoint.js';
import { classifyExposure } from '../domain/exposure.js';
import {
  isListener,
  type Conflict,
  type ConflictKind,
  type Exposure,
  type MonitorStatus,
  type Protocol,
  type Snapshot,
  type WatchEvent,
  type WatchEventKind,
  type WatchSpec,
  type WatchState,
} from '../domain/model.js';

/** What the metrics read at a scrape; the Monitor is one. */
export interface MetricsSource {
  readonly snapshot: Snapshot | null;
  readonly conflicts: readonly Conflict[];
  readonly status: MonitorStatus;
  watchSpecs(): WatchSpec[];
  watchState(id: string): WatchState | undefined;
}

// Records over the domain's unions: a new kind is a type error here until it gets its zero series.
const PROTOCOLS = Object.keys({ tcp: 0, udp: 0 } satisfies Record<Protocol, 0>) as Protocol[];
const EXPOSURES = Object.keys({
  loopback: 0,
  'all-interfaces': 0,
  network: 0,
} satisfies Record<Exposure, 0>) as Exposure[];
const CONFLICT_KINDS = Object.keys({
  'shared-port': 0,
  shadowed: 0,
  'unexpected-owner': 0,
  'half-reachable': 0,
} satisfies Record<ConflictKind, 0>) as ConflictKind[];
const WATCH_EVENTS = Object.keys({
  up: 0,
  down: 0,
  'owner-changed': 0,
  flapping: 0,
} satisfies Record<WatchEventKind, 0>) as WatchEventKind[];

/** Seconds; a gated /proc read costs well under a millisecond, a full one tens of them. */
const COLLECT_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

const EMPTY: MetricsSource = {
  snapshot: null,
  conflicts: [],
  status: { state: 'starting', reason: null, since: 0, retryInMs: null, source: '' },
  watchSpecs: () => [],
  watchState: () => undefined,
};

export class PortholeMetrics {
  readonly registry = new Registry();
  #source: MetricsSource = EMPTY;
  readonly #now: () => number;
  readonly #transitions: Counter<'target' | 'event'>;
  readonly #collectSeconds: Histogram;
  /** Targets whose transition series exist (zeros included, so rate() sees the first event). */
  readonly #targets = new Set<string>();

  /** `now`: milliseconds from any origin, for timing snapshots (tests hand in a fake). */
  constructor(now: () => number = () => performance.now()) {
    this.#now = now;
    const registers = [this.registry];
    this.#watchGauges(registers);
    this.#snapshotGauges(registers);
    this.#transitions = new Counter({
      name: 'porthole_watch_transitions_total',
      help: 'Watch events seen since start (up, down, owner-changed, flapping), per target.',
      labelNames: ['target', 'event'],
      registers,
      collect: () => this.#syncTargets(),
    });
    this.#collectSeconds = new Histogram({
      name: 'porthole_collect_seconds',
      help: 'Time one snapshot of the sockets took, in seconds.',
      buckets: COLLECT_BUCKETS,
      registers,
    });
  }

  /** Reads `source` at every scrape from now on. */
  setSource(source: MetricsSource): void {
    this.#source = source;
  }

  /** Reads the monitor at every scrape and counts its watch events; returns the unsubscribe. */
  follow(monitor: Monitor): () => void {
    this.setSource(monitor);
    const onWatch = (event: WatchEvent): void => this.watchEvent(event);
    monitor.on('watch', onWatch);
    return () => monitor.off('watch', onWatch);
  }

  /** Counts one watch event; a restatement of what history last said is no transition. */
  watchEvent(event: WatchEvent): void {
    if (event.restated) return;
    const spec = this.#source.watchSpecs().find((s) => s.id === event.watchId);
    const target = spec ? targetText(spec.target) : event.target;
    this.#seriesFor(target);
    this.#transitions.inc({ target, event: event.event });
  }

  /** The same collector, each snapshot (failed ones too: their cost is real) timed into the histogram. */
  timed(collector: Collector): Collector {
    const observe = (started: number): void =>
      this.#collectSeconds.observe((this.#now() - started) / 1000);
    return {
      get source() {
        return collector.source;
      },
      snapshot: async () => {
        const started = this.#now();
        try {
          return await collector.snapshot();
        } finally {
          observe(started);
        }
      },
    };
  }

  /** The Prometheus text exposition of every metric. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** Each watch's target with its state, one per target (the first watch of a target wins). */
  #watches(): { target: string; state: WatchState | undefined }[] {
    const seen = new Map<string, WatchState | undefined>();
    for (const spec of this.#source.watchSpecs()) {
      const target = targetText(spec.target);
      if (!seen.has(target)) seen.set(target, this.#source.watchState(spec.id));
    }
    return [...seen].map(([target, state]) => ({ target, state }));
  }

  #watchGauges(registers: Registry[]): void {
    const watches = (): { target: string; state: WatchState | undefined }[] => this.#watches();
    new Gauge({
      name: 'porthole_watch_up',
      help: 'Whether a watched target answers: 1 up, 0 down; absent while not yet known.',
      labelNames: ['target'],
      registers,
      collect() {
        this.reset();
        for (const { target, state } of watches()) {
          if (state?.status === 'up' || state?.status === 'down')
            this.set({ target }, state.status === 'up' ? 1 : 0);
        }
      },
    });
    new Gauge({
      name: 'porthole_watch_probe_seconds',
      help: "Latency of a watched target's last probe, in seconds; absent when it failed.",
      labelNames: ['target'],
      registers,
      collect() {
        this.reset();
        for (const { target, state } of watches()) {
          const ms = state?.lastLatencyMs;
          if (typeof ms === 'number') this.set({ target }, ms / 1000);
        }
      },
    });
  }

  #snapshotGauges(registers: Registry[]): void {
    const source = (): MetricsSource => this.#source;
    new Gauge({
      name: 'porthole_listeners',
      help: 'Listening sockets in the last snapshot, by protocol and exposure (loopback, all-interfaces, network).',
      labelNames: ['protocol', 'exposure'],
      registers,
      collect() {
        this.reset();
        const snapshot = source().snapshot;
        if (!snapshot) return;
        for (const protocol of PROTOCOLS)
          for (const exposure of EXPOSURES) this.set({ protocol, exposure }, 0);
        for (const s of snapshot.sockets) {
          if (!isListener(s)) continue;
          this.inc({
            protocol: s.protocol,
            exposure: s.exposure ?? classifyExposure(s.localAddress),
          });
        }
      },
    });
    new Gauge({
      name: 'porthole_conflicts',
      help: 'Port conflicts found in the last snapshot, by kind (as `porthole conflicts` lists them).',
      labelNames: ['kind'],
      registers,
      collect() {
        this.reset();
        if (!source().snapshot) return;
        for (const kind of CONFLICT_KINDS) this.set({ kind }, 0);
        for (const conflict of source().conflicts) this.inc({ kind: conflict.kind });
      },
    });
    new Gauge({
      name: 'porthole_unattributed_sockets',
      help: 'Sockets in the last snapshot that could not be attributed to a process.',
      registers,
      collect() {
        this.set(source().snapshot?.unattributed ?? 0);
      },
    });
    new Gauge({
      name: 'porthole_collector_up',
      help: 'Whether the last snapshot of the sockets succeeded: 0 while the collector is degraded.',
      registers,
      collect() {
        this.set(source().status.state === 'degraded' ? 0 : 1);
      },
    });
  }

  /** Zero series for targets newly watched; none left for targets no longer watched. */
  #syncTargets(): void {
    const current = new Set(this.#watches().map((w) => w.target));
    for (const target of current) this.#seriesFor(target);
    for (const target of this.#targets) {
      if (current.has(target)) continue;
      this.#targets.delete(target);
      for (const event of WATCH_EVENTS) this.#transitions.remove({ target, event });
    }
  }

  #seriesFor(target: string): void {
    if (this.#targets.has(target)) return;
    this.#targets.add(target);
    for (const event of WATCH_EVENTS) this.#transitions.inc({ target, event }, 0);
  }
}
