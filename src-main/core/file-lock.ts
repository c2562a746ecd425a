// Runs a task while holding a cross-process lock on a file: proper-lockfile's `<file>.lock` folder.
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { serializeByPath } from './path-queue.js';

export interface FileLockOptions {
  /**
   * A lock its holder has not refreshed for this long belongs to a dead process and is taken over.
   * The holder refreshes it every staleMs / 2; proper-lockfile's floor is 2000. Default 10 s.
   */
  staleMs?: number;
  /** How long to wait for a live holder before giving up with FileLockError. Default 30 s. */
  waitMs?: number;
}

/** The lock could not be taken in time, or was lost (taken over) while the task ran. */
export class FileLockError extends Error {
  override readonly name = 'FileLockError';
}

const DEFAULT_STALE_MS = 10_000;
const DEFAULT_WAIT_MS = 30_000;

function errorCode(error: unknown): unknown {
  return (error as { code?: unknown } | null)?.code;
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function acquire(
  file: string,
  staleMs: number,
  waitMs: number,
  onCompromised: (error: Error) => void,
): Promise<() => Promise<void>> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      // realpath: false, so the file need not exist yet (its folder must).
      return await lockfile.lock(file, { stale: staleMs, realpath: false, onCompromised });
    } catch (error) {
      if (errorCode(error) !== 'ELOCKED') throw error;
      if (Date.now() >= deadline) {
        throw new FileLockError(`${file} is locked by another process (waited ${waitMs} ms)`, {
          cause: error,
        });
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
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  const waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
  return serializeByPath(`${target}.lock`, async () => {
    // proper-lockfile's default throws from a timer, which would crash the whole app.
    let lost: Error | null = null;
    const release = await acquire(target, staleMs, waitMs, (error) => {
      lost = error;
    });
    try {
      const result = await task();
      if (lost !== null) {
        throw new FileLockError(`lost the lock on ${target} while working on it`, { cause: lost });
      }
      return result;
    } finally {
      // A lost lock is already released; nothing else to undo here.
      await release().catch(() => undefined);
    }
  });
}
