// `npm run soak [-- --minutes N]`: the real PortholeService and Monitor for N minutes (default 10) under
// random listener churn and a flapping watched port; prints the RSS / heap / fd trend per minute.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { importBuilt } from './built.js';
import { installCleanup, spawnNode, stopAll } from './children.js';
import { sample, trends } from './soak-stats.js';

const CHILD = fileURLToPath(new URL('./soak-child.js', import.meta.url));
/** Churn children alive at once; each holds at most MAX_LISTENERS sockets. */
const CHURNERS = 3;
const MAX_LISTENERS = 40;
/** A churn child is replaced (new PID, all its sockets gone at once) about this often. */
const REPLACE_EVERY_MS = 20_000;

/** @param {string} name @param {number} fallback */
function numberArg(name, fallback) {
  const at = process.argv.indexOf(name);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} wants a positive number`);
  return value;
}

const minutes = numberArg('--minutes', 10);
const sampleMs = numberArg('--sample-seconds', 5) * 1000;
const seed = numberArg('--seed', Date.now() % 1_000_000);
const durationMs = minutes * 60_000;
const lifetimeMs = durationMs + 120_000; // children end on their own even if this process is killed -9

installCleanup();
const [{ PortholeService }, { SettingsStore }, { HistoryLog }] = await Promise.all([
  importBuilt('service/index.js'),
  importBuilt('core/settings/index.js'),
  importBuilt('core/history/history-log.js'),
]);

const dir = mkdtempSync(path.join(tmpdir(), 'porthole-soak-'));
const service = await PortholeService.create({
  settings: new SettingsStore({ dir }),
  history: new HistoryLog({ file: path.join(dir, 'history.jsonl') }),
  transport: 'ipc',
  allowKill: false,
});
const flapper = spawnNode(
  CHILD,
  JSON.stringify({ mode: 'flap', upMs: 7_000, downMs: 5_000, lifetimeMs }),
);
const { port } = /** @type {{port: number}} */ (await flapper.nextMessage(10_000));
const tally = {
  events: 0,
  eventBytes: 0,
  diffs: 0,
  up: 0,
  down: 0,
  flapping: 0,
  flips: 0,
  churnOps: 0,
};
service.onEvent((event) => {
  // What a window costs: every event serialized once, as IPC and browser mode both do.
  tally.events += 1;
  tally.eventBytes += JSON.stringify(event).length;
  if (event.type === 'snapshot-diff') tally.diffs += 1;
  if (event.type !== 'watch-event' || event.event.target !== String(port)) return;
  if (event.event.event === 'up') tally.up += 1;
  if (event.event.event === 'down') tally.down += 1;
  if (event.event.event === 'flapping') tally.flapping += 1;
});

let nextSeed = seed;
/** @type {ReturnType<typeof spawnNode>[]} */
const churners = [];
function startChurner() {
  const spec = {
    mode: 'churn',
    seed: nextSeed++,
    maxListeners: MAX_LISTENERS,
    stepMs: 400,
    lifetimeMs,
  };
  const child = spawnNode(CHILD, JSON.stringify(spec));
  child.onLine(() => (tally.churnOps += 1));
  churners.push(child);
}

flapper.onLine(() => (tally.flips += 1));
for (let i = 0; i < CHURNERS; i++) startChurner();

await service.handle('porthole:settings:update', { refreshIntervalMs: 1000 });
await service.handle('porthole:watches:add', {
  target: String(port),
  intervalMs: 1000,
  failuresToDown: 2,
  successesToUp: 1,
  label: 'flapping',
});
// A watch on a port nobody holds: probed and refused every round for the whole run.
await service.handle('porthole:watches:add', { target: '127.0.0.1:1', intervalMs: 2000 });
service.start();

console.log(
  `Porthole soak: ${minutes} min, sample every ${sampleMs / 1000} s, seed ${seed}, ` +
    `${CHURNERS} churn children (≤${MAX_LISTENERS} listeners each), watched port ${port} flapping 7 s up / 5 s down` +
    (globalThis.gc ? '' : ' (run with node --expose-gc for a heap measured after collection)'),
);

const t0 = Date.now();
/** @type {import('./soak-stats.js').Sample[]} */
const samples = [sample(0)];
let nextReplace = REPLACE_EVERY_MS;
let nextWindowFlip = 60_000;
let windowOpen = true;
service.setWindowOpen(true);
let calls = 0;
while (Date.now() - t0 < durationMs) {
  await sleep(sampleMs);
  const elapsed = Date.now() - t0;
  // What an open window does between events: ask who holds the watched port, read the state.
  await service.handle('porthole:ports:who', { port });
  service.state();
  calls += 2;
  if (elapsed >= nextReplace) {
    nextReplace += REPLACE_EVERY_MS;
    const old = churners.shift();
    await old?.stop();
    startChurner();
  }
  if (elapsed >= nextWindowFlip) {
    // The window closes and opens again: the monitor switches between watching and active mode.
    nextWindowFlip += 60_000;
    windowOpen = !windowOpen;
    service.setWindowOpen(windowOpen);
  }
  samples.push(sample(elapsed));
  if (samples.length % Math.max(1, Math.round(60_000 / sampleMs)) === 0) {
    const last = samples.at(-1);
    console.log(
      `  ${(elapsed / 60_000).toFixed(1)} min: rss ${last?.rssKb} KB, heap ${last?.heapKb} KB, ` +
        `fds ${last?.fds}, events ${tally.events}, watch up/down ${tally.up}/${tally.down}`,
    );
  }
}

await service.stop();
service.dispose();
await stopAll();
rmSync(dir, { recursive: true, force: true });

console.log(
  `\n${samples.length} samples over ${((Date.now() - t0) / 60_000).toFixed(1)} min; ` +
    `${tally.events} events (${Math.round(tally.eventBytes / 1024)} KB serialized), ${tally.diffs} snapshot diffs, ` +
    `flapping watch up/down/flapping-notices ${tally.up}/${tally.down}/${tally.flapping} over ${tally.flips} flaps, ${tally.churnOps} churn steps, ${calls} calls`,
);
console.log('measure   start      end      min      max   slope/min   2nd-half slope/min');
for (const t of trends(samples)) {
  console.log(
    `${t.measure.padEnd(7)} ${String(t.start).padStart(7)} ${String(t.end).padStart(8)} ` +
      `${String(t.min).padStart(8)} ${String(t.max).padStart(8)} ` +
      `${t.perMinute.toFixed(1).padStart(9)} ${t.unit.padEnd(4)} ${t.perMinuteSecondHalf.toFixed(1).padStart(9)} ${t.unit}`,
  );
}
