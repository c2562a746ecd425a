// Small timing and liveness helpers for the monitor loop.

/** Retry delay after `failures` consecutive collector failures: 1 s doubling, capped at a minute
 *  (never shorter than a normal interval would be, so a broken tool is not hammered). */
export function backoffDelay(failures: number, normalIntervalMs: number): number {
  const exponential = 1_000 * 2 ** Math.max(0, failures - 1);
  return Math.min(60_000, Math.max(normalIntervalMs, exponential));
}

/** True when a process with this PID no longer exists (a cheap signal-0 check, no snapshot). */
export function ownerGone(pid: number | null): boolean {
  if (pid === null || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
