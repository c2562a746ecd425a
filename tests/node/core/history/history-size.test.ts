// History stays small: entries cut to one 4 KB line, the file kept within its byte budget, old
// oversize lines cut or skipped on read.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { HistoryLog, type HistoryEntry } from '../../../../src-main/core/history/history-log.js';
import { historyEntrySchema } from '../../../../src-main/domain/history-entry.js';
import {
  boundEntry,
  byteBudget,
  entryLine,
  MAX_LINE_BYTES,
} from '../../../../src-main/core/history/history-size.js';
import { historyEntry } from './history-fixtures.js';

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'porthole-history-size-'));
  file = path.join(dir, 'history.jsonl');
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function entry(at: number, detail = `event at ${at}`): HistoryEntry {
  return historyEntry(at, { detail });
}

const MEGABYTE = 'd'.repeat(1024 * 1024);

describe('one entry, one bounded line', () => {
  test('a short entry is written as it is', () => {
    expect(entryLine(entry(1))).toBe(`${JSON.stringify(entry(1))}\n`);
  });

  test('a 1 MB detail is cut to fit 4 KB, keeping its start and saying it was cut', () => {
    const line = entryLine(entry(1, MEGABYTE));
    expect(Buffer.byteLength(line)).toBeLessThanOrEqual(MAX_LINE_BYTES);
    expect(Buffer.byteLength(line)).toBeGreaterThan(MAX_LINE_BYTES - 64);
    const back = JSON.parse(line) as HistoryEntry;
    expect(back.detail).toMatch(/^d+… \[cut, was 1048576 characters\]$/);
    expect({ ...back, detail: '' }).toEqual({ ...entry(1), detail: '' });
  });

  test('any texts (emoji, control characters, huge names) give a valid line of at most 4 KB', () => {
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 3000 }),
      fc.string({ unit: fc.constantFrom('\u0001', '"', '😀', 'é', 'a'), maxLength: 6000 }),
    );
    fc.assert(
      fc.property(text, text, text, text, (event, target, processName, detail) => {
        const raw = { ...entry(1), event: `e${event}`, target, process: processName, detail };
        const line = entryLine(raw);
        expect(Buffer.byteLength(line)).toBeLessThanOrEqual(MAX_LINE_BYTES);
        const back = historyEntrySchema.parse(JSON.parse(line));
        // No lone surrogate from a cut in the middle of a pair: it would not survive UTF-8.
        expect(back).toEqual(boundEntry(raw));
        if (JSON.stringify(raw).length < 1000) expect(back).toEqual(raw);
      }),
      { numRuns: 150 },
    );
  });
});

describe('the file stays within its byte budget', () => {
  test('limit 100 with 1 MB details: the file never passes 1.2 x its budget, newest kept', async () => {
    const log = new HistoryLog({ file, limit: 100 });
    expect(log.maxBytes).toBe(byteBudget(100));
    let largest = 0;
    for (let i = 1; i <= 300; i += 1) {
      await log.append(entry(i, `${i} ${MEGABYTE}`));
      largest = Math.max(largest, (await fs.stat(file)).size);
    }
    // Before this bound, the same appends made a file of 110 MB.
    expect(largest).toBeLessThanOrEqual(log.maxBytes * 1.2);
    const all = await log.query();
    expect(all.at(-1)?.detail).toMatch(/^300 d+…/);
    expect(all.length).toBeLessThanOrEqual(100);
    expect(all.length).toBeGreaterThan(10);
  });

  test('an explicit maxBytes is honoured; bad values are InputErrors', async () => {
    const log = new HistoryLog({ file, limit: 1000, maxBytes: 20_000 });
    for (let i = 1; i <= 400; i += 1) await log.append(entry(i));
    expect((await fs.stat(file)).size).toBeLessThanOrEqual(24_000);
    expect((await log.query()).at(-1)?.at).toBe(400);
    expect(() => new HistoryLog({ file, maxBytes: 0 })).toThrow(/maxBytes/);
  });

  test('compact() keeps the newest entries now; with nothing written it does nothing', async () => {
    await new HistoryLog({ file: path.join(dir, 'none', 'h.jsonl') }).compact();
    expect(await fs.readdir(dir)).toEqual([]);
    await new HistoryLog({ file, limit: 1000 }).append(
      Array.from({ length: 50 }, (_, i) => entry(i)),
    );
    const small = new HistoryLog({ file, limit: 10 });
    await small.compact();
    expect((await small.query()).map((e) => e.at)).toEqual([
      40, 41, 42, 43, 44, 45, 46, 47, 48, 49,
    ]);
    expect(await fs.readdir(dir)).toEqual(['history.jsonl']);
  });
});

describe('files written before the bound', () => {
  test('a 1 MB line is read cut; a line over 4 MiB is skipped and counted; compaction fixes both', async () => {
    const big = JSON.stringify(entry(2, MEGABYTE));
    const huge = JSON.stringify(entry(3, 'h'.repeat(5 * 1024 * 1024)));
    await fs.writeFile(
      file,
      [entry(1), big, huge, entry(4)]
        .map((e) => (typeof e === 'string' ? e : JSON.stringify(e)))
        .join('\n') + '\n',
    );
    const log = new HistoryLog({ file, limit: 100 });
    const all = await log.query();
    expect(all.map((e) => e.at)).toEqual([1, 2, 4]);
    expect(all[1]?.detail).toMatch(/^d+… \[cut, was 1048576 characters\]$/);
    expect(log.skippedLines).toBe(1);
    expect(log.oversizeLines).toBe(1);
    await log.compact();
    expect((await fs.stat(file)).size).toBeLessThan(3 * MAX_LINE_BYTES);
    expect((await log.query()).map((e) => e.at)).toEqual([1, 2, 4]);
    expect(log.skippedLines).toBe(0);
  });
});
