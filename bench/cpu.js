// CPU-time readers: this process (process.cpuUsage), its reaped children (/proc/self/stat), any
// PID (/proc/<pid>/stat, or its threads' schedstat to the ns), and external commands timed by bash's `times` builtin.
import { readFileSync, readdirSync } from 'node:fs';
import { execFileSync, execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';

const TICK_MS = 1000 / Number(execFileSync('getconf', ['CLK_TCK']).toString().trim() || 100);

/**
 * utime, stime, cutime, cstime of a process in ms (clock-tick resolution, 10 ms at 100 Hz).
 * cutime/cstime hold the CPU of children that process has already waited for, recursively.
 * @param {number|'self'} pid
 */
export function procStatMs(pid) {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the `(comm)` start at field 3; comm itself may contain spaces and parentheses.
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const at = (/** @type {number} */ field) => Number(f[field - 3]) * TICK_MS;
  return { utime: at(14), stime: at(15), cutime: at(16), cstime: at(17) };
}

/**
 * CPU of a live process in ms, to the nanosecond where the kernel keeps schedstat: the run time of
 * each of its threads now (a thread that already exited is not counted; Node's threads live as long
 * as the process). An idle child uses ~100 ms a minute, which the 10 ms ticks of stat cut coarsely.
 * Falls back to stat's utime + stime, with `clock` saying which was read.
 * @param {number} pid
 * @returns {{ms: number, clock: 'schedstat' | 'stat'}}
 */
export function procCpuMs(pid) {
  let ns = 0;
  let read = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
      read += 1;
    } catch {
      // The thread ended between the listing and the read (or the kernel keeps no schedstat).
    }
  }
  if (read > 0 && Number.isFinite(ns)) return { ms: ns / 1e6, clock: 'schedstat' };
  const s = procStatMs(pid);
  return { ms: s.utime + s.stime, clock: 'stat' };
}

/** CPU of this process, every thread (getrusage RUSAGE_SELF, µs resolution), in ms. */
function selfMs() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** CPU of this process's reaped children, in ms. */
function childrenMs() {
  const s = procStatMs('self');
  return s.cutime + s.cstime;
}

/**
 * Times `batch` calls of fn in this process: CPU of this process plus of the children it spawned
 * and reaped meanwhile (systeminformation runs netstat through sh), and wall time; per call.
 * Garbage is collected before (not during) the batch, so earlier work's GC is not charged here.
 * @param {() => Promise<unknown>} fn
 * @param {number} batch
 */
export async function timeInProcess(fn, batch) {
  globalThis.gc?.();
  const self0 = selfMs();
  const child0 = childrenMs();
  const wall0 = performance.now();
  for (let i = 0; i < batch; i++) await fn();
  const wall = performance.now() - wall0;
  const self = selfMs() - self0;
  const child = childrenMs() - child0;
  return {
    cpuMs: (self + child) / batch,
    selfMs: self / batch,
    childMs: child / batch,
    wallMs: wall / batch,
  };
}

/**
 * Times an external command the exact way: one bash runs it `k` times in a loop, then its `times`
 * builtin prints the CPU (user, sys; from getrusage, ms precision) of every child it waited for,
 * so fork+exec, the dynamic loader and the tool's own work are all counted, bash's loop is not.
 * Wall time comes from bash's $EPOCHREALTIME around the loop. Results are per run.
 * @param {string} command a fixed command line from this bench, never user input
 * @param {number} k
 * @param {NodeJS.ProcessEnv} [env] the command's environment (default: this process's)
 */
export function timeCommand(command, k, env = process.env) {
  const script = `s=$EPOCHREALTIME; for ((i=0;i<${k};i++)); do ${command} >/dev/null 2>&1; done; e=$EPOCHREALTIME; echo "$s $e"; times`;
  return new Promise((resolve, reject) => {
    execFile('bash', ['-c', script], { timeout: 300_000, env }, (error, stdout) => {
      if (error) return reject(error);
      const [wallLine = '', , childLine = ''] = stdout.trim().split('\n');
      const [s = 0, e = 0] = wallLine.split(' ').map(Number);
      const times = [...childLine.matchAll(/(\d+)m([\d.]+)s/g)].map(
        (m) => Number(m[1]) * 60_000 + Number(m[2]) * 1000,
      );
      if (times.length !== 2) return reject(new Error(`cannot read bash times output: ${stdout}`));
      const [user = 0, sys = 0] = times;
      resolve({
        cpuMs: (user + sys) / k,
        userMs: user / k,
        sysMs: sys / k,
        wallMs: ((e - s) * 1000) / k,
      });
    });
  });
}

/** @param {number[]} values */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return NaN;
  return sorted.length % 2
    ? (sorted[mid] ?? NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
