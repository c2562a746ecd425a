// Render bench: the built window against a fake backend holding 10,000 listeners, in headless Chromium.
// `node bench/render/run.js [--quick]` alone, or as the last section of `npm run bench`.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_PATH, launchChromium } from '../../scripts/headless-chromium.mjs';
import { startBenchServer } from './bench-server.js';
import { measureFilter, measureFirstPaint, measureViewSwitch, median } from './measure.js';
import { generateState } from './state.js';

export const TARGETS = { firstPaintMs: 200, filterKeystrokeMs: 16 };
const ROOT = fileURLToPath(new URL('../../out/renderer/', import.meta.url));

const f1 = (/** @type {number} */ x) => (Number.isFinite(x) ? x.toFixed(1) : '-');

/**
 * @param {string} name
 * @param {number} value
 * @param {number} limit
 */
function verdict(name, value, limit) {
  const pass = Number.isFinite(value) && value < limit;
  return {
    name,
    value,
    limit,
    pass,
    line: `${pass ? 'PASS' : 'FAIL'}  ${name}: ${Number.isFinite(value) ? value.toFixed(1) + ' ms' : 'not measured'} (target < ${limit} ms)`,
  };
}

/**
 * Runs the bench and prints as it goes. Never throws for a missing browser or window: it reports
 * why it could not measure instead, so the rest of `npm run bench` still stands.
 * @param {{ rows?: number, loads?: number, rounds?: number, filter?: string, log?: (line: string) => void }} options
 */
export async function runRenderBench(options = {}) {
  const rows = options.rows ?? 10_000;
  const loads = options.loads ?? 5;
  const rounds = options.rounds ?? 3;
  const filter = options.filter ?? 'redis';
  const log = options.log ?? ((line) => console.log(line));

  log(
    `Render: ${rows.toLocaleString('en-US')} listeners (load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}), built window from out/renderer, headless ${CHROMIUM_PATH}`,
  );
  const missing = !existsSync(`${ROOT}index.html`)
    ? 'out/renderer/index.html is missing: build the window first (npm run build)'
    : !existsSync(CHROMIUM_PATH)
      ? `${CHROMIUM_PATH} is missing: apt-get install -y --no-install-recommends chromium`
      : null;
  if (missing) {
    log(`  skipped: ${missing}`);
    const verdicts = [
      verdict(
        'first paint of the 10,000-row Listeners table (view opened → rows painted)',
        NaN,
        TARGETS.firstPaintMs,
      ),
      verdict('filter keystroke (median)', NaN, TARGETS.filterKeystrokeMs),
    ];
    for (const v of verdicts) log(v.line);
    return { skipped: missing, verdicts };
  }

  // One state object, served by browser mode's own server (preload, caching, event stream as shipped).
  const state = generateState(rows);
  const server = await startBenchServer({ root: ROOT, state: () => state });
  const browser = await launchChromium();
  try {
    // A first load warms Chromium's process and V8 caches the way a second open of the window would.
    await measureFirstPaint(browser.context, server.url);
    const switches = [];
    for (let i = 0; i < loads; i += 1)
      switches.push(await measureViewSwitch(browser.context, server.url));
    const tablePaint = median(switches.map((s) => s.painted));
    log(
      `  Listeners view opened in a loaded window (Overview → Listeners, ${loads} fresh windows): click → first row painted median ${f1(tablePaint)} ms` +
        ` (min ${f1(Math.min(...switches.map((s) => s.painted)))}, max ${f1(Math.max(...switches.map((s) => s.painted)))}); in the DOM after ${f1(median(switches.map((s) => s.inDom)))} ms`,
    );
    const paints = [];
    for (let i = 0; i < loads; i += 1)
      paints.push(await measureFirstPaint(browser.context, server.url));
    const firstPaint = median(paints.map((p) => p.firstRowPainted));
    const p0 = paints[0];
    if (!p0) throw new Error('no window load measured: loads must be at least 1');
    log(
      `  cold window load straight to Listeners (navigation start → first row painted: page start-up, script compile, the state fetched and parsed; no target, the render target is the line above), ${loads} loads: median ${f1(firstPaint)} ms` +
        ` (min ${f1(Math.min(...paints.map((p) => p.firstRowPainted)))}, max ${f1(Math.max(...paints.map((p) => p.firstRowPainted)))})`,
    );
    log(
      `    one load in parts (ms): document ${f1(p0.documentReceived ?? NaN)}, script ${f1(p0.scriptReceived ?? NaN)}, DOMContentLoaded ${f1(p0.domContentLoaded)},` +
        ` state asked ${f1(p0.stateRequested ?? NaN)}, Listeners clicked ${f1(p0.navClicked ?? NaN)},` +
        ` state received ${f1(p0.stateResponseEnd ?? NaN)} (${((p0.stateBytes ?? 0) / 1e6).toFixed(1)} MB), first row in DOM ${f1(p0.firstRowInDom)}, painted ${f1(p0.firstRowPainted)} ms`,
    );

    const typed = await measureFilter(browser.context, server.url, filter, rounds);
    const toFrame = median(typed.keys.map((k) => k.raf));
    const toPaint = median(typed.keys.map((k) => k.painted));
    const task = median(typed.keys.map((k) => k.task));
    log(
      `  filter "${filter}" typed one key at a time, ${typed.keys.length} keystrokes (${rounds} rounds): median keydown → settled frame ${f1(toFrame)} ms,` +
        ` → that frame painted ${f1(toPaint)} ms; keydown → update flushed ${f1(task)} ms; slowest keystroke ${f1(Math.max(...typed.keys.map((k) => k.raf)))} ms`,
    );
    log(
      `    per key (first round, rAF ms): ${typed.keys
        .slice(0, filter.length)
        .map((k) => f1(k.raf))
        .join(', ')}; counts: ${typed.counts.join(' | ')}`,
    );
    const verdicts = [
      verdict(
        'first paint of the 10,000-row Listeners table (view opened → rows painted)',
        tablePaint,
        TARGETS.firstPaintMs,
      ),
      verdict(
        'filter keystroke (median, keydown → next frame after the DOM settles)',
        toFrame,
        TARGETS.filterKeystrokeMs,
      ),
    ];
    for (const v of verdicts) log(v.line);
    return {
      rows,
      filter,
      loads: paints,
      viewSwitches: switches,
      tablePaint,
      keystrokes: typed.keys,
      counts: typed.counts,
      firstPaint,
      filterFrame: toFrame,
      filterPainted: toPaint,
      filterTask: task,
      verdicts,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const quick = process.argv.includes('--quick');
  const result = await runRenderBench(quick ? { loads: 3, rounds: 1 } : {});
  const dir = fileURLToPath(new URL('../results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const file = `${dir}render-latest.json`;
  writeFileSync(
    file,
    JSON.stringify({ cores: os.cpus().length, cpuModel: os.cpus()[0]?.model, ...result }, null, 2) +
      '\n',
  );
  console.log(`results in ${file}`);
}
