// Calls back (debounced, one run at a time) when a file is replaced or changed by any process.
import { promises as fs, unwatchFile, watch, watchFile, type FSWatcher, type Stats } from 'node:fs';
import path from 'node:path';

export interface FollowOptions {
  /** Quiet time after the last change before `onChange` runs: one save fires several events. */
  debounceMs?: number;
  /** Stat interval of the fallback when the directory cannot be watched (some network mounts). */
  pollMs?: number;
  /** Poll from the start: where fs.watch is known to stay silent, and to test the fallback. */
  poll?: boolean;
}

/**
 * Watches the directory, not the file: atomic saves replace the file by renaming a temp file over
 * it, and a watch on the old file would go quiet after the first save. Where fs.watch fails, a
 * cheap stat poll (fs.watchFile) takes over. Returns the function that stops following.
 */
export async function followFile(
  file: string,
  onChange: () => Promise<void>,
  options: FollowOptions = {},
): Promise<() => void> {
  const debounceMs = options.debounceMs ?? 100;
  const dir = path.dirname(file);
  const name = path.basename(file);
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let again = false;
  let closed = false;

  const run = async (): Promise<void> => {
    running = true;
    try {
      await onChange();
    } catch {
      // onChange reports its own problems; following must go on regardless.
    } finally {
      running = false;
    }
    if (again && !closed) {
      again = false;
      schedule();
    }
  };
  const schedule = (): void => {
    if (closed) return;
    if (running) {
      again = true; // a change during a run is read by one more run after it
      return;
    }
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void run();
    }, debounceMs);
    timer.unref();
  };

  let watcher: FSWatcher | null = null;
  let polling = false;
  const changed = (now: Stats, before: Stats): void => {
    if (now.mtimeMs !== before.mtimeMs || now.ino !== before.ino || now.size !== before.size)
      schedule();
  };
  const poll = (): void => {
    if (polling || closed) return;
    polling = true;
    watcher?.close();
    watcher = null;
    watchFile(file, { interval: options.pollMs ?? 2_000, persistent: false }, changed);
  };

  try {
    if (options.poll) throw new Error('polling asked for');
    // The config directory may not exist before the first save; it must, to be watched.
    await fs.mkdir(dir, { recursive: true });
    watcher = watch(dir, { persistent: false }, (_event, changedName) => {
      // Events for the lock folder and the temp files of atomic saves are not changes to settings.
      if (changedName === null || changedName === name) schedule();
    });
    watcher.on('error', poll);
  } catch {
    poll();
  }

  return () => {
    closed = true;
    if (timer) clearTimeout(timer);
    watcher?.close();
    if (polling) unwatchFile(file, changed);
  };
}
