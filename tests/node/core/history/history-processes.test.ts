// Two real processes append to one history while a third compacts it over and over: no line is lost.
// Runs the built core (out/node), as the CLI and the app do: `npm test` builds first.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { HistoryLog } from '../../../../src-main/core/history/history-log.js';
import { killChildren, runHistoryScript } from './history-fixtures.js';

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

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'porthole-history-procs-'));
});
afterEach(async () => {
  await killChildren();
  await fs.rm(dir, { recursive: true, force: true });
});

test('appends from two processes during repeated compaction by a third are all kept', async () => {
  const file = path.join(dir, 'history.jsonl');
  const stop = path.join(dir, 'stop');
  const count = 150;
  const compactor = runHistoryScript(COMPACTOR, { HISTORY_FILE: file, STOP_FILE: stop });
  const writers = [0, 1].map((id) =>
    runHistoryScript(WRITER, { HISTORY_FILE: file, WRITER_ID: String(id), COUNT: String(count) }),
  );
  await Promise.all(writers);
  await fs.writeFile(stop, '');
  const runs = Number(await compactor);
  expect(runs).toBeGreaterThan(5);

  const log = new HistoryLog({ file, limit: 100_000 });
  const details = (await log.query()).map((entry) => entry.detail);
  expect(log.skippedLines).toBe(0);
  const expected = [0, 1].flatMap((id) => Array.from({ length: count }, (_, i) => `${id}:${i}`));
  expect(details.toSorted()).toEqual(expected.toSorted());
  expect(await fs.readdir(dir)).toEqual(['history.jsonl', 'stop']);
}, 60_000);
