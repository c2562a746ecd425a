// The real machine's context: files, programs without a shell, DNS, history, liveness.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { machineContext, runTool } from '../../../../src-main/core/explain/context.js';
import { HistoryLog } from '../../../../src-main/core/history/history-log.js';
import { parseExplainInput, type ExplainInput } from '../../../../src-main/domain/explain-input.js';
import { historyEntry } from './fake-context.js';

const dir = mkdtempSync(path.join(tmpdir(), 'porthole-explain-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const input = parseExplainInput(['3000']) as ExplainInput;

describe('machineContext', () => {
  test('readFile: text, or null for a missing file', async () => {
    const file = path.join(dir, 'a.txt');
    writeFileSync(file, 'hello');
    const ctx = machineContext(input, null, { history: null });
    expect(await ctx.readFile(file)).toBe('hello');
    expect(await ctx.readFile(path.join(dir, 'missing'))).toBeNull();
  });

  test('run: output and exit code without a shell; a missing tool is null', async () => {
    const out = await runTool(
      process.execPath,
      ['-e', 'process.stdout.write("x $HOME"); process.exit(3)'],
      5000,
    );
    expect(out).toEqual({ code: 3, stdout: 'x $HOME', stderr: '' });
    expect(await runTool('porthole-no-such-tool', [], 1000)).toBeNull();
  });

  test('resolve gives every address of localhost', async () => {
    const ctx = machineContext(input, null, { history: null });
    const found = await ctx.resolve('localhost');
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((f) => f.family === 4 || f.family === 6)).toBe(true);
  });

  test('history reads this port only, from the given log; alive tells a running PID from a gone one', async () => {
    const log = new HistoryLog({ file: path.join(dir, 'history.jsonl') });
    await log.append([
      historyEntry({ at: 1, port: 3000, pid: 7, process: 'node' }),
      historyEntry({ at: 2, port: 4000, pid: 8 }),
    ]);
    const ctx = machineContext(input, null, { history: log });
    const entries = await ctx.history!(3000);
    expect(entries.map((e) => e.pid)).toEqual([7]);
    expect(ctx.alive!(process.pid)).toBe(true);
    expect(ctx.alive!(2 ** 22 + 12345)).toBe(false);
  });
});
