// The lock on settings.json: the shared cross-process file lock, with the timing saves need.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { FileLockOptions } from '../platform/file-lock.js';
import { FileLockError } from '../platform/file-lock-error.js';

export type LockTiming = Required<FileLockOptions>;

/**
 * Saves take milliseconds; the wait outlasts `staleMs` so a dead holder's lock is always taken over
 * in time (proper-lockfile's minimum stale time is 2000).
 */
export const LOCK_TIMING: LockTiming = { waitMs: 8_000, totalWaitMs: 60_000, staleMs: 5_000 };

/** The settings could not be locked in time (another process holds them) or the lock broke mid-save. */
export { FileLockError as SettingsBusyError };

/** Runs `task` while holding the lock on `file`; the config directory is created first. */
export async function withSettingsLock<T>(
  file: string,
  timing: LockTiming,
  task: () => Promise<T>,
): Promise<T> {
  // The lock folder lives beside the file, so the directory must exist before the first save.
  await fs.mkdir(path.dirname(file), { recursive: true });
  // proper-lockfile loads with the first lock, so commands that only read settings (`list`, `who`)
  // start without it. The long-running ones load it at start with the history log (which must
  // precede their signal handlers: see file-lock.ts); tests/node/packaging checks that they do.
  const { withFileLock } = await import('../platform/file-lock.js');
  return withFileLock(file, task, timing);
}
