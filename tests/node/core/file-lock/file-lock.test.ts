// withFileLock on real files and real processes: one holder at a time, waits, stale takeover, lost locks.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { FileLockError, withFileLock } from '../../../../src-main/core/platform/file-lock.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

let dir: string;
let file: string;
const children: ChildProcess[] = [];

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'porthole-lock-'));
  file = path.join(dir, 'data.json');
});
afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
  }
  await fs.rm(dir, { recursive: true, force: true });
});

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Another process that takes the lock the way withFileLock does and holds it until killed. */
async function holderProcess(): Promise<ChildProcess> {
  const script = `require('proper-lockfile').lock(process.env.LOCK_FILE, { realpath: false, stale: 2000 })
    .then(() => { process.stdout.write('locked\\n'); setInterval(() => {}, 1000); });`;
  const child = spawn(process.execPath, ['-e', script], {
    cwd: ROOT,
    env: { ...process.env, LOCK_FILE: file },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
  expect(chunk.toString()).toBe('locked\n');
  return child;
}

describe('withFileLock', () => {
  test('returns the task result and removes the lock, also when the task throws', async () => {
    expect(await withFileLock(file, () => Promise.resolve(42))).toBe(42);
    await expect(withFileLock(file, () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    expect(await fs.readdir(dir)).toEqual([]);
  });

  test('callers in one process take turns', async () => {
    let inside = 0;
    let most = 0;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        withFileLock(file, async () => {
          inside += 1;
          most = Math.max(most, inside);
          await pause(2);
          inside -= 1;
          return i;
        }),
      ),
    );
    expect(most).toBe(1);
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  test('waits for a live holder in another process, gives up after waitMs, gets it once freed', async () => {
    const holder = await holderProcess();
    const started = Date.now();
    // The holder refreshes its lock every second, so it is never stale, however long we wait.
    await expect(
      withFileLock(file, () => Promise.resolve('never'), { staleMs: 2000, waitMs: 3000 }),
    ).rejects.toThrow(FileLockError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2900);
    // SIGTERM: proper-lockfile's exit hook removes the lock; a waiter then gets it at once.
    const waiting = withFileLock(file, () => Promise.resolve('mine'), { waitMs: 10_000 });
    holder.kill('SIGTERM');
    expect(await waiting).toBe('mine');
  }, 20_000);

  test('takes over the lock of a holder that died without releasing it (SIGKILL)', async () => {
    const holder = await holderProcess();
    holder.kill('SIGKILL');
    await once(holder, 'exit');
    expect(await fs.readdir(dir)).toEqual(['data.json.lock']);
    const started = Date.now();
    expect(
      await withFileLock(file, () => Promise.resolve('taken over'), {
        staleMs: 2000,
        waitMs: 10_000,
      }),
    ).toBe('taken over');
    expect(Date.now() - started).toBeLessThan(8000);
    expect(await fs.readdir(dir)).toEqual([]);
  }, 20_000);

  test('a lock lost while the task runs is a FileLockError, not a crash from a timer', async () => {
    const task = async (): Promise<string> => {
      // As if another process had judged us stale and taken the lock.
      await fs.rmdir(`${file}.lock`);
      await pause(1600); // past the holder's 1 s refresh, which notices the loss
      return 'done';
    };
    await expect(withFileLock(file, task, { staleMs: 2000 })).rejects.toThrow(/lost the lock/);
  }, 10_000);

  test('a missing folder is the underlying error, not a wait', async () => {
    const nowhere = path.join(dir, 'missing', 'data.json');
    await expect(withFileLock(nowhere, () => Promise.resolve(1))).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });
});
