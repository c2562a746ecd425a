// Two real processes append to one history while a third compacts it over and over: no line is lost.
// Runs the built core (out/node), as the CLI and the app do: `npm test` builds first.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { HistoryLog } from '../../../../src-main/core/history.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const BUILT = pathToFileURL(path.join(ROOT, 'out/node/core/history.js')).href;

const WRITER = `
const { HistoryLog } = await import(process.env.HISTORY_MODULE);
const log = new HistoryLog({ file: process.env.HISTORY_FILE, limit: 100000 });
const id = Number(process.env.WRITER_ID);
for (let i = 0; i < Number(process.env.COUNT); i += 1) {
  await log.append({ at: Date.now(), kind: 'watch', port: 1000 + id, protocol: 'tcp', target: null,
    event: 'up', pid: process.pid, process: 'writer', detail: id + ':' + i });
}`;

// Keeps every line (limit far above what is written), so any line missing afterwards was lost.
const COMPACTOR = `
import { existsSync } from 'node:fs';
const { HistoryLog } = await import(process.env.HISTORY_MODULE);
const log = new HistoryLog({ file: process.env.HISTORY_FILE, limit: 100000 });
let runs = 0;
while (runs < 2000 && !existsSync(process.env.STOP_FILE)) {
  await log.compact();
  runs += 1;
}
process.stdout.write(String(runs));`;

let dir: string;
const children: ChildProcess[] = [];

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'porthole-history-procs-'));
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

function run(script: string, env: Record<string, string>): { done: Promise<string> } {
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, HISTORY_MODULE: BUILT, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 40_000);
  const done = once(child, 'exit').then(([code]) => {
    clearTimeout(timer);
    if (code !== 0) throw new Error(`child exited with ${String(code)}`);
    return out;
  });
  return { done };
}

test('appends from two processes during repeated compaction by a third are all kept', async () => {
  const file = path.join(dir, 'history.jsonl');
  const stop = path.join(dir, 'stop');
  const count = 150;
  const compactor = run(COMPACTOR, { HISTORY_FILE: file, STOP_FILE: stop });
  const writers = [0, 1].map((id) =>
    run(WRITER, { HISTORY_FILE: file, WRITER_ID: String(id), COUNT: String(count) }),
  );
  await Promise.all(writers.map((writer) => writer.done));
  await fs.writeFile(stop, '');
  const runs = Number(await compactor.done);
  expect(runs).toBeGreaterThan(5);

  const log = new HistoryLog({ file, limit: 100_000 });
  const details = (await log.query()).map((entry) => entry.detail);
  expect(log.skippedLines).toBe(0);
  const expected = [0, 1].flatMap((id) => Array.from({ length: count }, (_, i) => `${id}:${i}`));
  expect(details.toSorted()).toEqual(expected.toSorted());
  expect(await fs.readdir(dir)).toEqual(['history.jsonl', 'stop']);
}, 60_000);
