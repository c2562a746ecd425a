// What `porthole watch` does when it runs, loaded only then (watch.ts defines the command).
import { HistoryLog } from '../../core/history/history-log.js';
import { createCollector, defaultContainerSource } from '../../core/collector/index.js';
import type { WatchSpec } from '../../domain/model.js';
import { Monitor } from '../../core/monitor/monitor.js';
import { warnMonitorTrouble } from '../../core/monitor/warnings.js';
import { createWatchSpec } from '../../core/watches/watch-spec.js';
import { targetText } from '../../domain/endpoint.js';
import { parseCountArg, parseSecondsArg } from '../args.js';
import { printProse, println, warn, type CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { palette } from '../format/color.js';
import { WATCH_DETAIL_COLUMN, watchEventLine } from '../format/watch-events.js';
import { loadSettings } from '../load.js';
import { saveWatch } from '../save-watch.js';

export interface WatchOptions {
  interval: string;
  failures: string;
  expect?: string;
  label?: string;
  once?: boolean;
  save?: boolean;
  json?: boolean;
}

function buildSpec(target: string, options: WatchOptions): WatchSpec {
  return createWatchSpec({
    target,
    expect: options.expect ?? null,
    intervalMs: parseSecondsArg('--interval', options.interval, 0.5, 86_400),
    failuresToDown: parseCountArg('--failures', options.failures, 1, 100),
    label: options.label ?? null,
  });
}

function attachPrinters(ctx: CliContext, monitor: Monitor, json: boolean): void {
  const p = palette(ctx.color);
  // JSON Lines stay one object per line; a sentence wraps under its detail column.
  monitor.on('watch', (event) => {
    const line = watchEventLine(event, json, p);
    if (json) println(ctx, line);
    else printProse(ctx, line, WATCH_DETAIL_COLUMN);
  });
  warnMonitorTrouble(monitor, (message) => warn(ctx, message));
}

/** One observation round; true when the port is up. Not written to history: it is a check. */
async function watchOnce(ctx: CliContext, spec: WatchSpec, json: boolean): Promise<boolean> {
  const containers = defaultContainerSource(false);
  const collector = createCollector({ containers });
  const monitor = new Monitor({ collector, watches: [spec], mode: 'watching', history: null });
  attachPrinters(ctx, monitor, json);
  try {
    await monitor.refresh();
    await monitor.checkWatches();
    return monitor.watchState(spec.id)?.status === 'up';
  } finally {
    monitor.stop();
    containers?.close();
  }
}

/** Prints events until SIGINT/SIGTERM; pending history writes finish before the process exits. */
async function watchUntilStopped(
  ctx: CliContext,
  spec: WatchSpec,
  json: boolean,
  historyLimit: number,
): Promise<void> {
  const history = new HistoryLog({ limit: historyLimit });
  const containers = defaultContainerSource();
  // Only this watch's own transitions: conflicts elsewhere on the machine are not this run's news.
  const monitor = new Monitor({
    collector: createCollector({ containers }),
    watches: [spec],
    mode: 'watching',
    history,
    recordConflicts: false,
  });
  attachPrinters(ctx, monitor, json);
  const stopped = ctx.interrupted();
  if (!json) {
    const every = `${spec.intervalMs / 1000} s`;
    const line = `Watching ${targetText(spec.target)} every ${every} (Ctrl-C to stop)`;
    println(ctx, palette(ctx.color).dim(line));
  }
  monitor.start();
  await stopped;
  monitor.stop();
  containers?.close();
  await monitor.flush();
}

export async function runWatch(
  ctx: CliContext,
  target: string,
  options: WatchOptions,
): Promise<void> {
  const spec = buildSpec(target, options);
  const settings = await loadSettings(ctx);
  if (options.save) {
    // Unsaved, the watch would not outlive this run: stop here rather than look fine.
    if (!(await saveWatch(ctx, spec))) return;
    const note = `saved watch ${spec.id} to settings`;
    if (options.json) ctx.stderr.write(`porthole: ${note}\n`);
    else println(ctx, `Saved watch ${spec.id} to settings.`);
  }
  const json = options.json === true;
  if (options.once) ctx.exitCode = (await watchOnce(ctx, spec, json)) ? EXIT.ok : EXIT.negative;
  else await watchUntilStopped(ctx, spec, json, settings.preferences.historyLimit);
}
