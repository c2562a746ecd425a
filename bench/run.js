// `npm run bench [-- --quick]`: Porthole's collector and whole Monitor tick side by side with ss,
// netstat, lsof and systeminformation at several socket counts, then watching mode; prints, writes JSON.
import { performance } from 'node:perf_hooks';
import { installCleanup, stopAll } from './children.js';
import { startFarm } from './farm.js';
import { inProcessMethods, loadCollector } from './in-process.js';
import { engineTickLine, loadContainerSource, startEngineTick } from './engine-tick.js';
import { externalMethods, toolVersions } from './tools.js';
import { measureRound } from './round.js';
import { loadMonitor, measureMonitorTick } from './monitor-tick.js';
import { measureWatching } from './watching.js';
import { measureCliStartup, ratio, startupTable } from './cli-startup.js';
import {
  installedVersion,
  machine,
  monitorTable,
  roundTable,
  verdict,
  writeJson,
} from './report.js';
import { runRenderBench } from './render/run.js';

const quick = process.argv.includes('--quick');
const sizes = quick ? [10, 1000] : [10, 1000, 5000];
const repeats = quick ? 5 : 9;
// At least one idle interval, so the window holds an idle full snapshot (quick: one, else two).
const watchWindowMs = quick ? 30_000 : 60_000;

installCleanup();
const started = performance.now();
const env = machine({
  ...(await toolVersions()),
  systeminformation: installedVersion('systeminformation'),
});
console.log(
  `Porthole bench${quick ? ' (--quick)' : ''}: ${env.cores} cores (${env.cpuModel}), ${env.kernel}, node ${env.node}`,
);
console.log(
  `  ${env.ss}; ${env.netstat}; lsof ${env.lsof}; systeminformation ${env.systeminformation}`,
);
console.log(`  load average at start: ${env.loadAvgAtStart.join(' ')}`);
console.log(
  '  cpu = user+sys per call, median of repeats after a warm-up; -spawn = minus a /bin/true spawn;',
);
console.log('  x ss = cpu / cpu of ss -tunap (spawn included) in the same round\n');
if (!globalThis.gc)
  console.log('  (run with node --expose-gc so garbage is collected between samples)\n');

const { createCollector, createProcCollector, error: collectorError } = await loadCollector();
if (collectorError)
  console.log(`  Porthole collector not available, measuring the others only: ${collectorError}\n`);
const { createContainerSource, error: containersError } = await loadContainerSource();
if (createCollector && containersError)
  console.log(
    `  Porthole container source not available, no tick-engine row: ${containersError}\n`,
  );
const monitorModules = await loadMonitor();
if (!monitorModules.Monitor && !collectorError)
  console.log(`  Porthole Monitor not available, no Monitor tick rows: ${monitorModules.error}\n`);

/** @type {{n: number, results: import('./round.js').MethodResult[], monitor: import('./monitor-tick.js').MonitorTickSection | null, engine: import('./engine-tick.js').EngineTickFacts | null}[]} */
const rounds = [];
for (const n of sizes) {
  const farm = await startFarm(n);
  /** @type {Awaited<ReturnType<typeof startEngineTick>> | null} */
  let engineTick = null;
  try {
    if (createCollector && createContainerSource)
      engineTick = await startEngineTick(createCollector, createContainerSource, farm.listeners);
    const methods = [
      ...(await inProcessMethods(
        createCollector,
        createProcCollector,
        engineTick ? [engineTick.method] : [],
      )),
      ...externalMethods(n >= 5000 ? 3 : 5),
    ];
    const results = await measureRound(methods, farm.listeners, repeats);
    const round = {
      n,
      sockets: farm.sockets,
      listeners: farm.listeners.length,
      processes: farm.pids.length,
      plan: farm.plan,
      results,
      monitor: /** @type {import('./monitor-tick.js').MonitorTickSection | null} */ (null),
      engine: engineTick ? await engineTick.facts() : null,
    };
    await engineTick?.close(); // before the Monitor rows: its idle stream is not theirs to carry
    rounds.push(round);
    console.log(roundTable(round).join('\n'));
    if (round.engine) console.log(engineTickLine(round.engine));
    // After the collector rows: the Monitor rows change the farm's sockets.
    if (monitorModules.Monitor) {
      round.monitor = await measureMonitorTick(monitorModules, farm, repeats);
      console.log(monitorTable(round.monitor, results).join('\n'));
    }
    console.log('');
  } finally {
    await engineTick?.close();
    await farm.stop();
  }
}

let watching = null;
if (createCollector) {
  const o = {
    sockets: 200,
    windowMs: watchWindowMs,
    intervalMs: 2_000,
    failuresToDown: 2,
    idleIntervalMs: 30_000,
  };
  console.log(
    `Watching mode: ${o.sockets} sockets, one watch (interval ${o.intervalMs} ms, failuresToDown ${o.failuresToDown}), idle snapshot every ${o.idleIntervalMs} ms, ${o.windowMs / 1000} s window...`,
  );
  watching = await measureWatching(o);
  console.log(
    `  child CPU ${watching.cpuMs.toFixed(0)} ms over ${(watching.windowMs / 1000).toFixed(1)} s = ${watching.cpuPercent.toFixed(3)} % of one core` +
      ` (${watching.probesInWindow} probes, ${watching.snapshotsInWindow} full snapshots; cumulative ms every 5 s: ${watching.cpuMarksMs.join(' ')}; from ${watching.cpuClock})`,
  );
  console.log(
    `  start-up tail before the window (once, not in the figure above): ${watching.settleCpuMs.toFixed(0)} ms over the first ${watching.settleMs / 1000} s after the watch was up`,
  );
  console.log(
    `  listener closed -> first failed probe ${watching.firstFailedProbeMs ?? '-'} ms, down event ${watching.downMs ?? 'never'} ms (${watching.downDetail ?? ''})\n`,
  );
}

// Whole `porthole` processes beside node -e 0, lsof and ss (bench/cli-startup.js).
const cliStartup = await measureCliStartup();
console.log(`${startupTable(cliStartup).join('\n')}\n`);

const cpuAt = (/** @type {number} */ n, /** @type {string} */ id) => {
  const round = rounds.find((r) => r.n === n);
  const ss = round?.results.find((r) => r.id === 'ss');
  const rows = [...(round?.results ?? []), ...(round?.monitor?.results ?? [])];
  const m = rows.find((r) => r.id === id);
  return ss && m ? m.cpuMs / ss.cpuMs : null;
};
const verdicts = [];
if (!quick) {
  verdicts.push(
    verdict('full snapshot at 5,000 sockets vs ss -tunap', cpuAt(5000, 'full'), 1.0, 'x'),
  );
  verdicts.push(
    verdict('steady tick at 5,000 sockets vs ss -tunap', cpuAt(5000, 'tick'), 0.3, 'x'),
  );
  verdicts.push(
    verdict(
      'steady tick at 5,000 sockets with an engine vs ss -tunap',
      cpuAt(5000, 'tick-engine'),
      0.3,
      'x',
    ),
  );
  // What the app pays per tick is the Monitor's, held to the collector's own targets.
  verdicts.push(
    verdict(
      'steady Monitor tick at 5,000 sockets vs ss -tunap',
      cpuAt(5000, 'monitor-steady'),
      0.3,
      'x',
    ),
  );
  verdicts.push(
    verdict(
      'Monitor tick after a change at 5,000 sockets vs ss -tunap',
      cpuAt(5000, 'monitor-change'),
      1.0,
      'x',
    ),
  );
}
for (const r of cliStartup.results.filter((m) => ['help', 'list', 'who'].includes(m.id))) {
  verdicts.push(
    verdict(`${r.label} wall vs node -e 0`, ratio(cliStartup.results, r.id, 'node'), 1.5, 'x'),
  );
}
verdicts.push(verdict('watching mode CPU', watching?.cpuPercent ?? null, 0.3, ' % of a core'));
verdicts.push(
  verdict('first failed probe after close', watching?.firstFailedProbeMs ?? null, 2_000, ' ms'),
);
verdicts.push(verdict('down event after close', watching?.downMs ?? null, 4_000, ' ms'));
for (const v of verdicts) console.log(v.line);

await stopAll();

// ---- Render section (bench/render/, also runnable alone): the built window in headless Chromium ----
console.log('');
/** @type {Awaited<ReturnType<typeof runRenderBench>> | {error: string}} */
let render;
try {
  const measured = await runRenderBench(quick ? { loads: 3, rounds: 1 } : {});
  render = measured;
  verdicts.push(...measured.verdicts);
} catch (error) {
  console.log(`  render bench failed: ${error instanceof Error ? error.message : String(error)}`);
  render = { error: String(error) };
}

const totalS = (performance.now() - started) / 1000;
const file = writeJson({
  quick,
  env,
  repeats,
  rounds,
  watching,
  cliStartup,
  render,
  verdicts,
  collectorError,
  totalSeconds: totalS,
});
console.log(`\nBench took ${totalS.toFixed(1)} s; results in ${file}`);
