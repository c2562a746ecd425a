// Watching-mode child: one Porthole Monitor in 'watching' mode with one watch, nothing else, so
// its /proc/<pid>/stat CPU is what watching costs. Prints its events as JSON lines.
import { createInterface } from 'node:readline';
import { setTimeout } from 'node:timers';
import { importBuilt } from './built.js';

const [{ createCollector }, { Monitor }, { createWatchSpec }] = await Promise.all([
  importBuilt('core/collector/index.js'),
  importBuilt('core/monitor/monitor.js'),
  importBuilt('core/watches/watch-spec.js'),
]);

/** @type {{port: number, intervalMs: number, failuresToDown: number, idleIntervalMs: number, lifetimeMs: number}} */
const opts = JSON.parse(process.argv[2] ?? '{}');
/**
 * The lines this child prints, one JSON object each (bench/watching.js reads them).
 * @typedef {import('../src-main/domain/model.js').WatchEvent} WatchEvent
 * @typedef {import('../src-main/domain/model.js').WatchState} WatchState
 * @typedef {import('../src-main/domain/model.js').MonitorStatus} MonitorStatus
 * @typedef {{type: 'watch', event: WatchEvent['event'], at: number, detail: string}} WatchLine
 * @typedef {{type: 'state', status: WatchState['status'], failures: number,
 *   checkedAt: number | null, error: string | null}} StateLine
 * @typedef {WatchLine | StateLine
 *   | {type: 'snapshot', at: number, sockets: number}
 *   | {type: 'status', state: MonitorStatus['state'], reason: string | null}
 *   | {type: 'error', message: string}
 *   | {type: 'ready', pid: number}} ChildLine
 */
const say = (/** @type {ChildLine} */ message) =>
  process.stdout.write(JSON.stringify(message) + '\n');

const monitor = new Monitor({
  collector: createCollector({ source: 'proc' }),
  watches: [
    createWatchSpec({
      target: String(opts.port),
      intervalMs: opts.intervalMs,
      failuresToDown: opts.failuresToDown,
    }),
  ],
  mode: 'watching',
  idleIntervalMs: opts.idleIntervalMs,
});
monitor.on('watch', (e) => say({ type: 'watch', event: e.event, at: e.at, detail: e.detail }));
monitor.on('watch-state', (_id, s) =>
  say({
    type: 'state',
    status: s.status,
    failures: s.consecutiveFailures,
    checkedAt: s.lastCheckedAt,
    error: s.lastError,
  }),
);
monitor.on('snapshot', (snapshot) =>
  say({ type: 'snapshot', at: snapshot.takenAt, sockets: snapshot.sockets.length }),
);
monitor.on('status', (s) => say({ type: 'status', state: s.state, reason: s.reason }));
monitor.on('error', (error) => say({ type: 'error', message: String(error) }));

const stop = () => {
  monitor.stop();
  process.exit(0);
};
setTimeout(stop, opts.lifetimeMs).unref();
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
createInterface({ input: process.stdin }).on('close', stop);
say({ type: 'ready', pid: process.pid });
monitor.start();
