// Watching mode: the CPU one idle Monitor child uses over a window once its start-up is over (from
// its threads' schedstat), then how long after a watched listener closes its first failed probe and
// its `down` event come.
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { setInterval, clearInterval } from 'node:timers';
import { performance } from 'node:perf_hooks';
import { spawnNode } from './children.js';
import { procCpuMs } from './cpu.js';
import { startFarm } from './farm.js';

const CHILD = fileURLToPath(new URL('./watch-child.js', import.meta.url));

/**
 * @typedef {import('./watch-child.js').ChildLine & {seenAt: number}} Seen  a child line, stamped
 * @typedef {import('./watch-child.js').WatchLine & {seenAt: number}} SeenWatch
 * @typedef {import('./watch-child.js').StateLine & {seenAt: number}} SeenState
 */

/**
 * @param {import('../src-main/domain/model.js').WatchEventKind} event
 * @returns {(m: Seen) => m is SeenWatch}
 */
function isWatchEvent(event) {
  return /** @returns {m is SeenWatch} */ (m) => m.type === 'watch' && m.event === event;
}

/**
 * V8 shrinks the heap ~8 s after start-up's allocations stop (two major GCs, with JIT work: ~25 ms
 * of CPU once): a window opened sooner charges that one-off to every minute of watching. It is
 * measured apart, from `up` to the window's start.
 */
const DEFAULT_SETTLE_MS = 15_000;

/**
 * @param {{sockets: number, windowMs: number, intervalMs: number, failuresToDown: number,
 *   idleIntervalMs: number, settleMs?: number}} o
 */
export async function measureWatching(o) {
  const farm = await startFarm(o.sockets);
  try {
    // The watched port must be unique among the farm's TCP listeners: a `local` watch probes
    // both 127.0.0.1 and ::1, and a ::1 listener on the same number would keep it up.
    const tcp = farm.listeners.filter((l) => l.protocol === 'tcp');
    const target = tcp.find(
      (l) => l.host === '127.0.0.1' && tcp.filter((t) => t.port === l.port).length === 1,
    );
    if (!target) throw new Error('no uniquely numbered TCP listener in the farm');
    const settleMs = o.settleMs ?? DEFAULT_SETTLE_MS;
    const lifetimeMs = settleMs + o.windowMs + 120_000;
    const child = spawnNode(CHILD, JSON.stringify({ ...o, port: target.port, lifetimeMs }));
    /** @type {Seen[]} */
    const messages = [];
    child.onLine((line) =>
      messages.push({
        .../** @type {import('./watch-child.js').ChildLine} */ (JSON.parse(line)),
        seenAt: Date.now(),
      }),
    );
    /**
     * @template {Seen} M
     * @param {(m: Seen) => m is M} test
     * @param {number} timeoutMs
     * @returns {Promise<M>}
     */
    const waitFor = async (test, timeoutMs) => {
      for (const end = Date.now() + timeoutMs; Date.now() < end; await sleep(20)) {
        const found = messages.find(test);
        if (found) return found;
        if (child.child.exitCode !== null)
          throw new Error(`watch child exited: ${JSON.stringify(messages.slice(-3))}`);
      }
      throw new Error(
        `watch child: timed out; last messages ${JSON.stringify(messages.slice(-3))}`,
      );
    };
    const pid = /** @type {number} */ (child.child.pid);
    await waitFor(isWatchEvent('up'), 30_000);
    const upCpu = procCpuMs(pid).ms;
    await sleep(settleMs);

    const clock = procCpuMs(pid).clock;
    const cpu = () => procCpuMs(pid).ms;
    const from = messages.length;
    const cpu0 = cpu();
    const settleCpuMs = cpu0 - upCpu;
    const wall0 = performance.now();
    // Sample along the way too, so a runaway child shows up as a climbing line, not just a total.
    /** @type {number[]} */
    const marks = [];
    const timer = setInterval(() => marks.push(Math.round(cpu() - cpu0)), 5_000);
    await sleep(o.windowMs);
    clearInterval(timer);
    const cpuMs = cpu() - cpu0;
    const wallMs = performance.now() - wall0;
    const during = messages.slice(from);

    const closeIndex = messages.length;
    const closedAt = await farm.closeListener(target);
    const limitMs = o.failuresToDown * o.intervalMs;
    const down = await waitFor(isWatchEvent('down'), limitMs + 15_000).catch(() => null);
    const firstFail = messages
      .slice(closeIndex)
      .find(/** @returns {m is SeenState} */ (m) => m.type === 'state' && m.failures >= 1);
    await child.stop();
    return {
      sockets: farm.sockets,
      port: target.port,
      intervalMs: o.intervalMs,
      failuresToDown: o.failuresToDown,
      idleIntervalMs: o.idleIntervalMs,
      windowMs: Math.round(wallMs),
      cpuMs,
      cpuPercent: (100 * cpuMs) / wallMs,
      cpuClock: clock,
      settleMs,
      settleCpuMs,
      cpuMarksMs: marks,
      probesInWindow: during.filter((m) => m.type === 'state').length,
      snapshotsInWindow: during.filter((m) => m.type === 'snapshot').length,
      firstFailedProbeMs: firstFail?.checkedAt ? firstFail.checkedAt - closedAt : null,
      downMs: down ? down.at - closedAt : null,
      downDetail: down?.detail ?? null,
    };
  } finally {
    await farm.stop();
  }
}
