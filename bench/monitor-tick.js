// One whole Monitor tick as the app runs it (collect, diff, conflict rules, events out to a window)
// at a round's N: steady, forced re-read, after a change in the farm, and around a watch check round.
import { setTimeout as sleep } from 'node:timers/promises';
import { importBuilt } from './built.js';
import { timeInProcess } from './cpu.js';
import { startFarm } from './farm.js';
import { fromSnapshot } from './listeners.js';
import { measureRound } from './round.js';

/**
 * @typedef {import('./tools.js').Method} Method
 * @typedef {import('./round.js').MethodResult} MethodResult
 * @typedef {{ticks: number, newLists: number, added: number, removed: number, changed: number,
 *   eventBytes: number, conflictBytes: number}} Tally what the ticks of one row did, summed over every tick
 * @typedef {MethodResult & {tally: Tally | null}} TickResult
 * @typedef {{changeSockets: number, watches: number, results: TickResult[]}} MonitorTickSection
 * @typedef {import('./built.js').BuiltModules} BuiltModules
 * @typedef {{
 *   Monitor: BuiltModules['core/monitor/monitor.js']['Monitor'],
 *   createWatchSpec: BuiltModules['core/watches/watch-spec.js']['createWatchSpec'],
 *   forwardMonitorEvents: BuiltModules['service/events.js']['forwardMonitorEvents'],
 *   createCollector: BuiltModules['core/collector/index.js']['createCollector'],
 *   createProcCollector: BuiltModules['core/collector/index.js']['createProcCollector'],
 * }} MonitorModules
 * @typedef {import('../src-main/core/monitor/monitor.js').Monitor} Monitor
 * @typedef {import('../src-main/core/collector/index.js').Collector} Collector
 * @typedef {import('../src-main/domain/model.js').WatchSpec} WatchSpec
 */

/** Sockets of the small farm restarted before each change tick: a dev server restarting. */
const CHANGE_SOCKETS = 20;
/** Watches the user has set (they add the unexpected-owner rule to every tick and are probed). */
const WATCHES = 3;

/**
 * Loads the compiled Monitor and what it needs; null fields (with the reason) while not built.
 * @returns {Promise<(MonitorModules & {error: null}) | {Monitor: null, error: string}>}
 */
export async function loadMonitor() {
  try {
    const [monitor, watch, events, collector] = await Promise.all([
      importBuilt('core/monitor/monitor.js'),
      importBuilt('core/watches/watch-spec.js'),
      importBuilt('service/events.js'),
      importBuilt('core/collector/index.js'),
    ]);
    return {
      Monitor: monitor.Monitor,
      createWatchSpec: watch.createWatchSpec,
      forwardMonitorEvents: events.forwardMonitorEvents,
      createCollector: collector.createCollector,
      createProcCollector: collector.createProcCollector,
      error: null,
    };
  } catch (error) {
    return { Monitor: null, error: String(error) };
  }
}

/** @returns {Tally} */
function emptyTally() {
  return {
    ticks: 0,
    newLists: 0,
    added: 0,
    removed: 0,
    changed: 0,
    eventBytes: 0,
    conflictBytes: 0,
  };
}

/**
 * Wires a monitor the way the service does (its events forwarded to a window, serialized once as
 * browser mode does per open window) and tallies what each tick did from its 'snapshot' event.
 * @param {MonitorModules} modules
 * @param {Collector} collector
 * @param {WatchSpec[]} watches
 */
async function wiredMonitor(modules, collector, watches) {
  // Driven tick by tick through refresh(), the snapshot loop's own step; start() is never called,
  // so no timer of the monitor runs during the bench.
  const monitor = new modules.Monitor({ collector, watches, mode: 'active' });
  /** @type {Tally} */
  const tally = emptyTally();
  modules.forwardMonitorEvents(monitor, (event) => {
    const bytes = JSON.stringify(event).length;
    tally.eventBytes += bytes;
    if (event.type === 'conflicts') tally.conflictBytes += bytes;
  });
  /** @type {unknown} */
  let last = null;
  monitor.on('snapshot', (snapshot, diff) => {
    tally.ticks += 1;
    // A new list from the collector is what makes the monitor run the conflict rules.
    if (snapshot.sockets !== last) tally.newLists += 1;
    last = snapshot.sockets;
    tally.added += diff.added.length;
    tally.removed += diff.removed.length;
    tally.changed += diff.changed.length;
  });
  await monitor.refresh(); // the first, full snapshot: start-up, not a tick
  Object.assign(tally, emptyTally());
  return { monitor, tally };
}

/**
 * TCP listeners on 127.0.0.1 whose port no other farm TCP listener has: a port-only watch probes
 * 127.0.0.1 first, so each watch reaches exactly its listener.
 * @param {import('./farm.js').Listener[]} listeners
 * @param {number} count
 */
function watchTargets(listeners, count) {
  const tcp = listeners.filter((l) => l.protocol === 'tcp');
  return tcp
    .filter((l) => l.host === '127.0.0.1' && tcp.filter((t) => t.port === l.port).length === 1)
    .slice(0, count);
}

/**
 * Times the Monitor at one N while `farm` is up, after the round's collector rows: the change and
 * watch rows alter the sockets, so each row's samples run in their own phase (steady and re-read
 * interleaved, then change ticks, then watch checks) instead of interleaved with the tools.
 * @param {MonitorModules} modules
 * @param {Awaited<ReturnType<typeof startFarm>>} farm
 * @param {number} repeats
 * @returns {Promise<MonitorTickSection>}
 */
export async function measureMonitorTick(modules, farm, repeats) {
  const watches = watchTargets(farm.listeners, WATCHES).map((l) =>
    modules.createWatchSpec({ target: String(l.port), expect: 'node' }),
  );
  const procCollector = () => modules.createCollector({ source: 'proc' });
  const steady = await wiredMonitor(modules, procCollector(), watches);
  // The proc collector re-reads its tables at least every 10 s even when no counter moved; a
  // re-read hands back a new list, so diff and rules do their whole work on an unchanged machine.
  const reread = await wiredMonitor(
    modules,
    modules.createProcCollector({ procRoot: '/proc', clock: Date.now, maxStaleMs: 0 }),
    watches,
  );
  const changed = await wiredMonitor(modules, procCollector(), watches);
  // Their own monitors, so one row's probe rounds do not land in another row's tally.
  const prober = await wiredMonitor(modules, procCollector(), watches);
  const afterProbes = await wiredMonitor(modules, procCollector(), watches);

  /** @type {Awaited<ReturnType<typeof startFarm>> | null} */
  let devServer = null;
  const restartDevServer = async () => {
    await devServer?.stop(); // resolves once its processes exited and were reaped
    devServer = await startFarm(CHANGE_SOCKETS);
    await sleep(50); // let the new processes go idle before the timed tick
  };
  /** @param {{monitor: Monitor}} m wired, so it has taken its first snapshot */
  const seen = async (m) => {
    if (!m.monitor.snapshot) throw new Error('the monitor has no snapshot yet');
    return fromSnapshot(m.monitor.snapshot);
  };
  /** @type {(Method & {tally: Tally | null})[]} */
  const steadyRows = [
    {
      id: 'monitor-steady',
      label: 'Monitor tick, nothing changed',
      sample: () => timeInProcess(() => steady.monitor.refresh(), 5),
      listeners: () => seen(steady),
      tally: steady.tally,
    },
    {
      id: 'monitor-reread',
      label: 'Monitor tick, re-read (every 10 s)',
      sample: () => timeInProcess(() => reread.monitor.refresh(), 2),
      listeners: () => seen(reread),
      tally: reread.tally,
    },
  ];
  const changeRow = {
    id: 'monitor-change',
    label: `Monitor tick after ${CHANGE_SOCKETS} sockets changed`,
    sample: async () => {
      await restartDevServer();
      return timeInProcess(() => changed.monitor.refresh(), 1);
    },
    listeners: () => seen(changed),
    tally: changed.tally,
  };
  const watchRow = {
    id: 'monitor-watches',
    label: `Monitor watch checks (${watches.length} watches)`,
    // Each watch's own timer runs these in the app (every 5 s by default), beside the
    // snapshot loop; one call here is one probe round of every watch.
    sample: () => timeInProcess(() => prober.monitor.checkWatches(), 1),
    listeners: () => Promise.resolve(null),
    tally: null,
  };
  const afterWatchRow = {
    id: 'monitor-after-watches',
    label: 'Monitor tick after the watch checks',
    // A probe is a real connection (it leaves a TIME_WAIT socket), so the next tick finds the
    // tables changed: with watches set, this is the tick the app pays after each probe round.
    sample: async () => {
      await afterProbes.monitor.checkWatches();
      return timeInProcess(() => afterProbes.monitor.refresh(), 1);
    },
    listeners: () => seen(afterProbes),
    tally: afterProbes.tally,
  };
  /** @type {MethodResult[]} */
  const results = [];
  try {
    results.push(...(await measureRound(steadyRows, farm.listeners, repeats)));
    results.push(...(await measureRound([changeRow], farm.listeners, repeats)));
    results.push(...(await measureRound([watchRow, afterWatchRow], farm.listeners, repeats)));
  } finally {
    await /** @type {Awaited<ReturnType<typeof startFarm>> | null} */ (devServer)?.stop();
  }
  const rows = [...steadyRows, changeRow, watchRow, afterWatchRow];
  const tallies = new Map(rows.map((m) => [m.id, m.tally]));
  return {
    changeSockets: CHANGE_SOCKETS,
    watches: watches.length,
    results: results.map((r) => ({ ...r, tally: tallies.get(r.id) ?? null })),
  };
}
