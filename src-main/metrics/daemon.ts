// `porthole metrics` composed: the monitor over the saved watches plus --watch ones, followed
// settings, the metrics registry and its HTTP server; stop() undoes it all.
import { isDeepStrictEqual } from 'node:util';
import { createCollector, defaultContainerSource } from '../core/collector/index.js';
import { describeError } from '../core/errors.js';
import { HistoryLog } from '../core/history/history-log.js';
import { Monitor } from '../core/monitor/monitor.js';
import { warnMonitorTrouble } from '../core/monitor/warnings.js';
import { followFile } from '../core/settings/follow-file.js';
import type { Settings, SettingsStore } from '../core/settings/index.js';
import type { WatchSpec } from '../domain/model.js';
import { metricsUrl, type ListenAddress } from './listen-address.js';
import { PortholeMetrics } from './registry.js';
import { startMetricsServer } from './server.js';

/** Full snapshots between scrapes: a common scrape interval; watches keep their own intervals. */
const SNAPSHOT_INTERVAL_MS = 15_000;

export interface MetricsDaemonOptions {
  address: ListenAddress;
  /** Required by the caller for anything but loopback. */
  token: string | null;
  /** `--watch` targets, watched beside the saved ones (a saved watch of the same id wins). */
  extraWatches: readonly WatchSpec[];
  store: SettingsStore;
  settings: Settings;
  /** Problems worth a line on stderr; never fatal. */
  warn: (message: string) => void;
}

export interface MetricsDaemon {
  /** `http://HOST:PORT/metrics` with the bound port. */
  url: string;
  /** Watches run at start: the saved ones and the --watch ones. */
  watchCount: number;
  stop(): Promise<void>;
}

function allWatches(saved: readonly WatchSpec[], extra: readonly WatchSpec[]): WatchSpec[] {
  const ids = new Set(saved.map((w) => w.id));
  return [...saved, ...extra.filter((w) => !ids.has(w.id))];
}

/** Watches kept under the same id but pointed elsewhere: their up/down record says nothing now. */
function retargeted(before: readonly WatchSpec[], after: readonly WatchSpec[]): Set<string> {
  return new Set(
    after
      .filter((w) =>
        before.some((old) => old.id === w.id && !isDeepStrictEqual(old.target, w.target)),
      )
      .map((w) => w.id),
  );
}

export async function startMetricsDaemon(options: MetricsDaemonOptions): Promise<MetricsDaemon> {
  const { store, extraWatches, warn } = options;
  const metrics = new PortholeMetrics();
  const containers = defaultContainerSource();
  const monitor = new Monitor({
    collector: metrics.timed(createCollector({ containers })),
    history: new HistoryLog({ limit: options.settings.preferences.historyLimit }),
    watches: allWatches(options.settings.watches, extraWatches),
    mode: 'watching',
    idleIntervalMs: SNAPSHOT_INTERVAL_MS,
  });
  const detach = metrics.follow(monitor);
  warnMonitorTrouble(monitor, warn);
  // Run in this order on stop; later parts go in front (the server closes first).
  const cleanups: (() => void | Promise<void>)[] = [
    () => monitor.stop(),
    detach,
    () => containers?.close(),
    () => monitor.flush(),
  ];
  const stop = async (): Promise<void> => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  };
  try {
    monitor.start();
    // The first scrape then sees a snapshot, and porthole_collector_up says how it went.
    await monitor.refresh();
    let saved = options.settings.watches;
    const unfollow = await followFile(store.path, async () => {
      const { settings } = await store.peek();
      if (!settings || isDeepStrictEqual(settings.watches, saved)) return;
      const reset = retargeted(saved, settings.watches);
      saved = settings.watches;
      const next = allWatches(saved, extraWatches);
      if (reset.size > 0) monitor.setWatches(next.filter((w) => !reset.has(w.id)));
      monitor.setWatches(next);
    });
    cleanups.unshift(unfollow);
    const server = await startMetricsServer({
      address: options.address,
      token: options.token,
      backend: {
        text: () => metrics.text(),
        contentType: metrics.contentType,
        unhealthy: () =>
          monitor.status.state === 'degraded' ? (monitor.status.reason ?? 'unknown reason') : null,
      },
      onError: (error) => warn(`unexpected error: ${describeError(error)}`),
    });
    // Closed first: no scrape reads a monitor being taken apart.
    cleanups.unshift(() => server.close());
    return {
      url: metricsUrl(server.host, server.port),
      watchCount: monitor.watchSpecs().length,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
