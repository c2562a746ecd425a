// A cross-process lock on settings.json (proper-lockfile's `settings.json.lock` folder) with a bounded wait.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import lockfile from 'proper-lockfile';
import { describeError } from '../errors.js';

export interface LockTiming {
  /** How long to wait for another process's lock before giving up. */
  waitMs: number;
  /** A lock whose folder was not refreshed for this long belongs to a dead process and is taken over
   *  (proper-lockfile refreshes a live one every second; its minimum is 2000). */
  staleMs: number;
}

/** Saves take milliseconds; the wait outlasts `staleMs` so a dead holder's lock is always taken over in time. */
export const LOCK_TIMING: LockTiming = { waitMs: 8_000, staleMs: 5_000 };

/** The suffix proper-lockfile gives the lock folder; salvage and tools must not take it for settings. */
export const LOCK_SUFFIX = '.lock';

/** The settings could not be locked in time (another process holds them) or the lock broke mid-save. */
export class SettingsBusyError extends Error {
  override readonly name = 'SettingsBusyError';
}

function isLocked(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ELOCKED';
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
  const deadline = Date.now() + timing.waitMs;
  let release: () => Promise<void>;
  for (;;) {
    try {
      release = await lockfile.lock(file, options);
      break;
    } catch (error) {
      if (!isLocked(error)) {
        throw new Error(`could not lock ${file} (${describeError(error)})`, { cause: error });
      }
      if (Date.now() >= deadline) {
        throw new SettingsBusyError(
          `another Porthole process has held ${file}${LOCK_SUFFIX} for over ${timing.waitMs / 1000} s; try again (remove that folder if no Porthole is running)`,
        );
      }
      await sleep(10 + Math.random() * 40);
    }
  }
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
