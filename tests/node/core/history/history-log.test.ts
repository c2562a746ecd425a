// HistoryLog on a real temp file: queries, the size bound, torn lines, and two writers on one file.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { InputError } from '../../../../src-main/core/errors.js';
import {
  HistoryLog,
  type HistoryEntry,
  type HistoryKind,
} from '../../../../src-main/core/history/history-log.js';

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'porthole-history-'));
  file = path.join(dir, 'history.jsonl');
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function entry(at: number, port: number, kind: HistoryKind = 'watch', event = 'up'): HistoryEntry {
  return {
    at,
    kind,
    port,
    protocol: 'tcp',
    target: String(port),
    event,
    pid: 100 + port,
    process: 'node',
    detail: `event at ${at}`,
  };
}

async function fileLines(): Promise<string[]> {
  return (await fs.readFile(file, 'utf8')).split('\n').filter((line) => line !== '');
}

describe('HistoryLog', () => {
  test('appends JSON Lines and queries by port, time, kind and limit, oldest first', async () => {
    const log = new HistoryLog({ file });
    await log.append(entry(1000, 3000));
    await log.append([
      entry(2000, 5432, 'conflict-appeared', 'shared-port'),
      entry(3000, 3000, 'watch', 'down'),
      entry(4000, 3000, 'exposure', 'exposed'),
    ]);
    expect(await fileLines()).toHaveLength(4);
    expect((await log.query()).map((e) => e.at)).toEqual([1000, 2000, 3000, 4000]);
    expect((await log.query({ port: 3000 })).map((e) => e.at)).toEqual([1000, 3000, 4000]);
    expect((await log.query({ since: 2000, until: 3000 })).map((e) => e.at)).toEqual([2000, 3000]);
    expect(
      (await log.query({ kinds: ['exposure', 'conflict-appeared'] })).map((e) => e.at),
    ).toEqual([2000, 4000]);
    expect((await log.query({ limit: 2 })).map((e) => e.at)).toEqual([3000, 4000]);
    expect((await log.query({ port: 3000, limit: 1 }))[0]).toEqual(
      entry(4000, 3000, 'exposure', 'exposed'),
    );
    expect(await log.query({ limit: 0 })).toEqual([]);
  });

  test('a fresh instance reads what another wrote; a missing file is an empty history', async () => {
    expect(await new HistoryLog({ file }).query()).toEqual([]);
    await new HistoryLog({ file }).append(entry(5, 80));
    expect(await new HistoryLog({ file }).query()).toEqual([entry(5, 80)]);
  });

  test('creates the config directory on first append', async () => {
    const nested = path.join(dir, 'a', 'b', 'history.jsonl');
    await new HistoryLog({ file: nested }).append(entry(1, 1));
    expect(await fs.readFile(nested, 'utf8')).toContain('"port":1');
  });

  test('the bound: limit 100 and 130 appends leave at most 1.2 x limit lines, newest kept', async () => {
    const log = new HistoryLog({ file, limit: 100 });
    for (let i = 1; i <= 130; i += 1) await log.append(entry(i, 1000 + i));
    const lines = await fileLines();
    expect(lines.length).toBeGreaterThanOrEqual(100);
    expect(lines.length).toBeLessThanOrEqual(120);
    const all = await log.query();
    expect(all.at(-1)?.at).toBe(130);
    expect(all[0]?.at).toBe(131 - lines.length);
    expect(all.some((e) => e.at <= 20)).toBe(false);
    expect(await fs.readdir(dir)).toEqual(['history.jsonl']);
  });

  test('compaction keeps exactly `limit` when one batch overshoots', async () => {
    const log = new HistoryLog({ file, limit: 100 });
    await log.append(Array.from({ length: 250 }, (_, i) => entry(i, 2000)));
    const all = await log.query();
    expect(all).toHaveLength(100);
    expect(all[0]?.at).toBe(150);
  });

  test('a torn last line is skipped and counted, and the next append is not glued onto it', async () => {
    const good = JSON.stringify(entry(1, 80));
    await fs.writeFile(
      file,
      `${good}\nnot json at all\n{"at":2,"kind":"watch"}\n{"at":3,"kind":"wat`,
    );
    const log = new HistoryLog({ file });
    expect(await log.query()).toEqual([entry(1, 80)]);
    expect(log.skippedLines).toBe(3);
    await log.append(entry(4, 81));
    expect((await log.query()).map((e) => e.at)).toEqual([1, 4]);
    expect(log.skippedLines).toBe(3);
  });

  test('in-memory mode (file null) keeps the newest `limit` and writes nothing', async () => {
    const log = new HistoryLog({ file: null, limit: 3 });
    for (let i = 1; i <= 5; i += 1) await log.append(entry(i, 9000));
    expect((await log.query()).map((e) => e.at)).toEqual([3, 4, 5]);
    expect(await fs.readdir(dir)).toEqual([]);
  });

  test('two instances appending to one file concurrently keep every line', async () => {
    const a = new HistoryLog({ file, limit: 10_000 });
    const b = new HistoryLog({ file, limit: 10_000 });
    await Promise.all(
      Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? a : b).append(entry(i, 3000 + (i % 7)))),
    );
    const lines = await fileLines();
    expect(lines).toHaveLength(200);
    for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
    expect(new Set((await a.query()).map((e) => e.at)).size).toBe(200);
  });

  test('writers that do not share a queue (like two processes) still never interleave lines', async () => {
    // A symlinked directory gives a second path to the same file, so the in-process queue cannot
    // serialize the two logs: their appendFile calls really race, as the CLI's and the app's would.
    const alias = path.join(dir, 'alias');
    await fs.symlink(dir, alias);
    const a = new HistoryLog({ file, limit: 10_000 });
    const b = new HistoryLog({ file: path.join(alias, 'history.jsonl'), limit: 10_000 });
    const long = 'x'.repeat(2000);
    await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        (i % 2 === 0 ? a : b).append([
          { ...entry(i, 4000), detail: `${long}${i}` },
          entry(i + 0.5, 4001),
        ]),
      ),
    );
    const all = await a.query();
    expect(a.skippedLines).toBe(0);
    expect(all).toHaveLength(600);
    expect(all.filter((e) => e.port === 4000).map((e) => e.detail)).toEqual(
      Array.from({ length: 300 }, (_, i) => `${long}${i}`),
    );
  });

  test('bad entries and queries are InputErrors naming the field; nothing is written', async () => {
    const log = new HistoryLog({ file });
    await expect(log.append({ ...entry(1, 80), port: 70000 })).rejects.toThrow(/port/);
    await expect(log.append({ ...entry(1, 80), kind: 'nope' as HistoryKind })).rejects.toThrow(
      InputError,
    );
    await expect(log.query({ port: -1 })).rejects.toThrow(/invalid history query: port/);
    await expect(log.query({ limit: 1.5 })).rejects.toThrow(InputError);
    expect(() => new HistoryLog({ file, limit: 0 })).toThrow(InputError);
    expect(await fs.readdir(dir)).toEqual([]);
  });
});
