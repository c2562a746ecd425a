// Small timing and liveness helpers for the monitor loop.
import type { Clock } from '../../domain/model.js';
import { pidAlive } from '../platform/pid-alive.js';
import type { WatchState } from '../watches/watch-state.js';

/** Retry delay after `failures` consecutive collector failures: 1 s doubling, capped at a minute
 *  (never shorter than a normal interval would be, so a broken tool is not hammered). */
export function backoffDelay(failures: number, normalIntervalMs: number): number {
  const exponential = 1_000 * 2 ** Math.max(0, failures - 1);
  return Math.min(60_000, Math.max(normalIntervalMs, exponential));
}

/** True when a process with this PID no longer exists (a cheap signal-0 check, no snapshot). */
export function ownerGone(pid: number | null): boolean {
  return pid !== null && pidAlive(pid) === false;
}

/** A change seen by a probe triggers a full snapshot, but not more often than this. */
const MIN_TRIGGERED_REFRESH_MS = 1_000;

/** What the monitor knows about its last full snapshot, for deciding whether a probe may ask for one. */
export interface RefreshContext {
  degraded: boolean;
  hasSnapshot: boolean;
  lastRefreshAt: number;
  clock: Clock;
}

/** True when a watch's probe answer disagrees with its state (or its owner exited), so a fresh
 *  snapshot should name the process before the event goes out. */
export function needsFreshSnapshot(
  { status, owner }: WatchState,
  open: boolean,
  { degraded, hasSnapshot, lastRefreshAt, clock }: RefreshContext,
): boolean {
  if (degraded) return false;
  if (!hasSnapshot) return true;
  if (clock() - lastRefreshAt < MIN_TRIGGERED_REFRESH_MS) return false;
  if (status === 'unknown') return false;
  if ((status === 'up') !== open) return true;
  return open && ownerGone(owner?.pid ?? null);
}
