// A cross-process lock on settings.json (proper-lockfile's `settings.json.lock` folder) with a bounded wait.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import lockfile from 'proper-lockfile';
import { describeError } from '../errors.js';

export interface LockTiming {
  /** How long one holder may keep the lock before a waiting save gives up. */
  waitMs: number;
  /** However often the lock changes hands, no save waits longer than this in all. */
  totalWaitMs: number;
  /** A lock whose folder was not refreshed for this long belongs to a dead process and is taken over
   *  (proper-lockfile refreshes a live one every second; its minimum is 2000). */
  staleMs: number;
}

/**
 * Saves take milliseconds; the wait outlasts `staleMs` so a dead holder's lock is always taken over
 * in time. The wait counts per holder: twenty processes queueing on a busy machine make progress and
 * must not fail because their turns add up.
 */
export const LOCK_TIMING: LockTiming = { waitMs: 8_000, totalWaitMs: 60_000, staleMs: 5_000 };

/** The suffix proper-lockfile gives the lock folder; salvage and tools must not take it for settings. */
export const LOCK_SUFFIX = '.lock';

/** The settings could not be locked in time (another process holds them) or the lock broke mid-save. */
export class SettingsBusyError extends Error {
  override readonly name = 'SettingsBusyError';
}

function isLocked(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ELOCKED';
}

/** Tells one holder's lock folder from the next one's (a new mkdir each time). */
async function holderOf(file: string): Promise<string | null> {
  try {
    const stat = await fs.stat(`${file}${LOCK_SUFFIX}`);
    return `${stat.ino}:${stat.birthtimeMs}`;
  } catch {
    return null; // released meanwhile
  }
}

/** Retries with jitter; gives up when one holder kept the lock for waitMs, or after totalWaitMs. */
async function acquire(
  file: string,
  options: lockfile.LockOptions,
  timing: LockTiming,
): Promise<() => Promise<void>> {
  const started = Date.now();
  let holder: string | null = null;
  let heldSince = started;
  for (;;) {
    try {
      return await lockfile.lock(file, options);
    } catch (error) {
      if (!isLocked(error)) {
        throw new Error(`could not lock ${file} (${describeError(error)})`, { cause: error });
      }
    }
    const now = Date.now();
    const current = await holderOf(file);
    if (current !== holder) {
      holder = current;
      heldSince = now;
    }
    if (now - heldSince >= timing.waitMs || now - started >= timing.totalWaitMs) {
      throw new SettingsBusyError(
        now - started >= timing.totalWaitMs
          ? `${file} was locked by other Porthole processes for over ${timing.totalWaitMs / 1000} s; try again`
          : `another Porthole process has held ${file}${LOCK_SUFFIX} for over ${timing.waitMs / 1000} s; try again (remove that folder if no Porthole is running)`,
      );
    }
    await sleep(10 + Math.random() * 40);
  }
}

/**
 * Runs `task` while holding the lock on `file`. Retries with jitter until `waitMs` has passed, so
 * twenty writers started at once each get their turn instead of failing together.
 */
export async function withSettingsLock<T>(
  file: string,
  timing: LockTiming,
  task: () => Promise<T>,
): Promise<T> {
  // The lock folder lives beside the file, so the directory must exist before the first save.
  await fs.mkdir(path.dirname(file), { recursive: true });
  const lost: { error: Error | null } = { error: null };
  const options = {
    stale: timing.staleMs,
    update: 1_000,
    realpath: false, // settings.json may not exist yet
    retries: 0,
    // The default throws from a timer and would crash the process; the save reports it instead.
    onCompromised: (error: Error) => {
      lost.error = error;
    },
  };
  const release = await acquire(file, options, timing);
  let result: T;
  try {
    result = await task();
  } finally {
    // After a compromise the folder may be another process's lock now: never remove it.
    if (lost.error === null) await release().catch(() => undefined);
  }
  if (lost.error !== null) {
    throw new SettingsBusyError(
      `the lock on ${file} was lost while saving (${describeError(lost.error)}); another process may have overwritten this change`,
    );
  }
  return result;
}
