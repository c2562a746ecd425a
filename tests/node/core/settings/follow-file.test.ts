// followFile: atomic saves by any process are seen once (debounced); lock folders and temp files are not; stop stops.
import { mkdirSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import writeFileAtomic from 'write-file-atomic';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { followFile } from '../../../../src-main/core/settings/follow-file.js';

let dir: string;
let file: string;
const stops: (() => void)[] = [];
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'porthole-follow-'));
  file = path.join(dir, 'settings.json');
});
afterEach(async () => {
  for (const stop of stops.splice(0)) stop();
  await fs.rm(dir, { recursive: true, force: true });
});

/** Resolves once `calls()` reaches `count`, or fails after `ms`. */
async function until(calls: () => number, count: number, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (calls() < count) {
    if (Date.now() > deadline) throw new Error(`${calls()} calls, expected ${count}`);
    await sleep(20);
  }
}

describe.each([
  { mode: 'fs.watch', poll: false },
  { mode: 'stat poll', poll: true },
])('followFile ($mode)', ({ poll }) => {
  test('an atomic save is one change; a lock folder and other files are none; stop ends it', async () => {
    let calls = 0;
    const stop = await followFile(
      file,
      () => {
        calls += 1;
        return Promise.resolve();
      },
      { debounceMs: 50, pollMs: 100, poll },
    );
    stops.push(stop);

    await writeFileAtomic(file, '{"a":1}\n');
    await until(() => calls, 1);
    mkdirSync(`${file}.lock`);
    await fs.writeFile(path.join(dir, 'history.jsonl'), 'x');
    await sleep(400);
    expect(calls).toBe(1);

    await writeFileAtomic(file, '{"a":22}\n');
    await until(() => calls, 2);
    stop();
    await writeFileAtomic(file, '{"a":333}\n');
    await sleep(400);
    expect(calls).toBe(2);
  });
});

test('a config directory that does not exist yet is created and followed', async () => {
  const nested = path.join(dir, 'new', 'settings.json');
  let calls = 0;
  stops.push(
    await followFile(nested, () => {
      calls += 1;
      return Promise.resolve();
    }),
  );
  await writeFileAtomic(nested, '{}\n');
  await until(() => calls, 1);
});
