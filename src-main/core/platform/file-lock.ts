// Runs a task while holding a cross-process lock on a file: proper-lockfile's `<file>.lock` folder.
import { promises as fs } from 'node:fs';
import path from 'node:path';
// Loaded with this module, not on the first lock: proper-lockfile installs signal-exit's SIGINT and
// SIGTERM listeners as it loads, and they must come before `porthole watch`'s own. Installed later,
// they find themselves the last listener once ours has run, and kill the process on Ctrl-C before
// its history is flushed (exit by signal instead of 0).
import lockfile from 'proper-lockfile';
import { FileLockError } from './file-lock-error.js';
import { serializeByPath } from './path-queue.js';

export interface FileLockOptions {
  /**
   * A lock its holder has not refreshed for this long belongs to a dead process and is taken over.
   * The holder refreshes it every staleMs / 2; proper-lockfile's floor is 2000. Default 10 s.
   */
  staleMs?: number;
  /**
   * How long one live holder may keep the lock before a waiter gives up with FileLockError.
   * It counts per holder: twenty writers queueing on a busy machine each get their turn and do not
   * fail because their turns add up. Default 30 s.
   */
  waitMs?: number;
  /** However often the lock changes hands, nobody waits longer than this in all. Default 4 × waitMs. */
  totalWaitMs?: number;
}

export { FileLockError };

/** The suffix of proper-lockfile's lock folder beside the file. */
export const LOCK_SUFFIX = '.lock';

const DEFAULT_STALE_MS = 10_000;
const DEFAULT_WAIT_MS = 30_000;

function errorCode(error: unknown): unknown {
  return (error as { code?: unknown } | null)?.code;
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
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

interface Timing {
  staleMs: number;
  waitMs: number;
  totalWaitMs: number;
}

async function acquire(
  file: string,
  timing: Timing,
  onCompromised: (error: Error) => void,
): Promise<() => Promise<void>> {
  const started = Date.now();
  let holder: string | null = null;
  let heldSince = started;
  for (;;) {
    try {
      // realpath: false, so the file need not exist yet (its folder must).
      return await lockfile.lock(file, { stale: timing.staleMs, realpath: false, onCompromised });
    } catch (error) {
      if (errorCode(error) !== 'ELOCKED') throw error;
      const now = Date.now();
      const current = await holderOf(file);
      if (current !== holder) {
        holder = current;
        heldSince = now;
      }
      if (now - started >= timing.totalWaitMs) {
        throw new FileLockError(
          `${file} was locked by other Porthole processes for over ${timing.totalWaitMs / 1000} s; try again`,
          { cause: error },
        );
      }
      if (now - heldSince >= timing.waitMs) {
        throw new FileLockError(
          `another Porthole process has held ${file}${LOCK_SUFFIX} for over ${timing.waitMs / 1000} s; try again (remove that folder if no Porthole is running)`,
          { cause: error },
        );
      }
      // Jittered, so two waiters do not retry in lockstep; short, as holders keep it for milliseconds.
      await pause(5 + Math.random() * 25);
    }
  }
}

/**
 * Runs `task` holding the lock on `file`, then releases it (also when the task throws). Callers in
 * one process queue up in memory first, so only one of them at a time contends with other processes.
 */
export function withFileLock<T>(
  file: string,
  task: () => Promise<T>,
  options: FileLockOptions = {},
): Promise<T> {
  const target = path.resolve(file);
  const waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
  const timing = {
    staleMs: options.staleMs ?? DEFAULT_STALE_MS,
    waitMs,
    totalWaitMs: options.totalWaitMs ?? 4 * waitMs,
  };
  return serializeByPath(`${target}.lock`, async () => {
    // proper-lockfile's default throws from a timer, which would crash the whole app.
    let lost: Error | null = null;
    const release = await acquire(target, timing, (error) => {
      lost = error;
    });
    try {
      const result = await task();
      if (lost !== null) {
        throw new FileLockError(`lost the lock on ${target} while working on it`, { cause: lost });
      }
      return result;
    } finally {
      // After a compromise the folder may be another process's lock now: never remove it.
      if (lost === null) await release().catch(() => undefined);
    }
  });
}
