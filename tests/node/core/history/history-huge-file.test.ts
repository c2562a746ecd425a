// A 200+ MB history (64 MiB of lines, then one 144 MiB line) is read from its tail and compacted
// with a small, bounded memory increase. Measured in a fresh process running the built core.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { historyEntry, killChildren, runHistoryScript } from './history-fixtures.js';

const MIB = 1024 * 1024;

// Each step reports how long it took and how far the resident set grew from a clean start.
const MEASURE = `
const { HistoryLog } = await import(process.env.HISTORY_MODULE);
const file = process.env.HISTORY_FILE;
const report = {};
gc();
const base = process.memoryUsage().rss;
async function step(name, work) {
  gc();
  const started = performance.now();
  const value = await work();
  report[name] = { ms: Math.round(performance.now() - started),
    rssGrowth: process.memoryUsage().rss - base, value };
}
const log = new HistoryLog({ file, limit: 5000 });
await step('tail', async () => {
  const entries = await log.query({ limit: 20 });
  return { ats: entries.map((e) => e.at), skipped: log.skippedLines, oversize: log.oversizeLines };
});
await step('port', async () => (await log.query({ port: 5001 })).map((e) => e.at));
const small = new HistoryLog({ file, limit: 1000 });
await step('compact', async () => {
  await small.append({ at: 20000000, kind: 'watch', port: 5001, protocol: 'tcp', target: null,
    event: 'up', pid: 1, process: 'node', detail: 'newest' });
  return (await small.query({ limit: 3 })).map((e) => e.at);
});
process.stdout.write(JSON.stringify(report));`;

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'porthole-history-huge-'));
});
afterEach(async () => {
  await killChildren();
  await fs.rm(dir, { recursive: true, force: true });
});

function entry(at: number, port: number): string {
  const detail = `node (PID 4121) started listening on 127.0.0.1:${port}, as the watch expected`;
  return JSON.stringify(historyEntry(at, { port, target: String(port), event: 'up', detail }));
}

/** 64 MiB of ordinary lines, one 144 MiB line (no entry), then ten newest lines: a few big writes. */
async function writeHugeHistory(file: string): Promise<number> {
  const handle = await fs.open(file, 'w');
  try {
    let block = '';
    for (let at = 0; block.length < MIB; at += 1) block += `${entry(at, 3000 + (at % 10))}\n`;
    for (let i = 0; i < 64; i += 1) await handle.write(block);
    const giant = Buffer.alloc(16 * MIB, 'x');
    for (let i = 0; i < 9; i += 1) await handle.write(giant);
    const newest = Array.from({ length: 10 }, (_, k) => entry(10_000_000 + k, 5000 + (k % 2)));
    await handle.write(`\n${newest.join('\n')}\n`);
    return (await handle.stat()).size;
  } finally {
    await handle.close();
  }
}

interface Step<T> {
  ms: number;
  rssGrowth: number;
  value: T;
}
interface Report {
  tail: Step<{ ats: number[]; skipped: number; oversize: number }>;
  port: Step<number[]>;
  compact: Step<number[]>;
}

test('a 200+ MB file with a 144 MiB line: tail read, port filter and compaction stay small', async () => {
  const file = path.join(dir, 'history.jsonl');
  const size = await writeHugeHistory(file);
  expect(size).toBeGreaterThan(200 * MIB);

  const out = await runHistoryScript(
    MEASURE,
    { HISTORY_FILE: file },
    { nodeArgs: ['--expose-gc'], timeoutMs: 30_000 },
  );
  const report = JSON.parse(out) as Report;
  console.log(
    `history of ${(size / MIB).toFixed(0)} MiB:`,
    JSON.stringify(report, (key, value: unknown) => (key === 'value' ? undefined : value)),
  );

  const newest = Array.from({ length: 10 }, (_, k) => 10_000_000 + k);
  expect(report.tail.value.ats.slice(-10)).toEqual(newest);
  expect(report.tail.value.ats).toHaveLength(20);
  expect(report.tail.value).toMatchObject({ skipped: 1, oversize: 1 });
  expect(report.port.value).toEqual(newest.filter((_, k) => k % 2 === 1));
  expect(report.compact.value).toEqual([10_000_008, 10_000_009, 20_000_000]);
  // Newest 1000 entries within limit 1000's byte budget; the giant line is gone.
  expect((await fs.stat(file)).size).toBeLessThanOrEqual(1000 * 1024);
  for (const step of [report.tail, report.port, report.compact]) {
    expect(step.rssGrowth).toBeLessThan(size / 8);
  }
}, 60_000);
