// Nothing from a process name, a settings file or the history reaches the terminal raw, and echoed input is cut short.
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { historyEntry } from '../../helpers/history-entry.js';
import { killNodeChildren, startNodeChild } from '../../helpers/node-children.js';
import { cleanupConfigDirs, freshConfigDir, runCli, type CliResult } from './run-cli.js';

const temps: string[] = [];
afterEach(killNodeChildren);
afterAll(() => {
  cleanupConfigDirs();
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

// Title (OSC 0 … BEL), red (CSI 31 m), clear screen (CSI 2 J) and a C1 CSI.
const HOSTILE = '\u001b]0;pwned\u0007\u001b[31mev\u001b[2Jil\u009b1m';

/** Every C0/C1 control character but \n, \t and the \r of a \r\n line end. */
function rawControls(text: string): string[] {
  // eslint-disable-next-line no-control-regex
  return text.match(/\r(?!\n)|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g) ?? [];
}

function expectClean(result: CliResult): void {
  expect(rawControls(result.stdout)).toEqual([]);
  expect(rawControls(result.stderr)).toEqual([]);
}

/** A node listener whose process name holds escape sequences (its executable is a symlink so named). */
async function hostileListener(): Promise<number> {
  const dir = mkdtempSync(path.join(tmpdir(), 'porthole-hostile-'));
  temps.push(dir);
  const exe = path.join(dir, '\u001b[31mx\u001b[0m');
  symlinkSync(process.execPath, exe);
  const script =
    "const s = require('node:net').createServer().listen(0, '127.0.0.1', () => console.log(s.address().port));";
  return Number((await startNodeChild(script, exe)).ready);
}

describe('no raw control characters reach the terminal', () => {
  test.runIf(process.platform === 'linux')(
    'a process name holding escape sequences, in list, who and list --json',
    async () => {
      const port = await hostileListener();
      const dir = freshConfigDir();
      const table = await runCli(['list'], dir);
      expect(table.code).toBe(0);
      expect(table.stdout).toContain('x?[0m');
      expectClean(table);
      const who = await runCli(['who', String(port)], dir);
      expectClean(who);
      const json = await runCli(['list', '--json'], dir);
      expectClean(json);
      const body = JSON.parse(json.stdout) as { sockets: { localPort: number; process: string }[] };
      // JSON keeps the exact name, escaped.
      expect(body.sockets.find((s) => s.localPort === port)?.process).toBe('\u001b[31mx\u001b[0m');
    },
  );

  test('settings values echoed in warnings', async () => {
    const dir = freshConfigDir();
    writeFileSync(
      path.join(dir, 'settings.json'),
      JSON.stringify({ version: 1, watches: [{ id: `w${HOSTILE}`, target: { port: HOSTILE } }] }),
    );
    const result = await runCli(['list', '--json'], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('porthole: warning: dropped watch #1');
    expectClean(result);
    expect(() => JSON.parse(result.stdout) as unknown).not.toThrow();
  });

  test('history as CSV, table and JSON', async () => {
    const dir = freshConfigDir();
    const entry = historyEntry({
      at: Date.now(),
      process: HOSTILE,
      detail: `owner ${HOSTILE} went away`,
    });
    writeFileSync(path.join(dir, 'history.jsonl'), `${JSON.stringify(entry)}\n`);
    const csv = await runCli(['history', '--format', 'csv'], dir);
    expect(csv.code).toBe(0);
    expect(csv.stdout).toMatch(/^at,kind,port/);
    expect(csv.stdout).toContain('\r\n');
    expectClean(csv);
    const table = await runCli(['history'], dir);
    expect(table.stdout).toContain('3000');
    expectClean(table);
    const json = await runCli(['history', '--format', 'json'], dir);
    expectClean(json);
    const [parsed] = JSON.parse(json.stdout) as { process: string }[];
    expect(parsed?.process).toBe(HOSTILE);
  });

  test("commander's own messages (an unknown option holding ESC)", async () => {
    const result = await runCli([`--x${HOSTILE}`], freshConfigDir());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('porthole: unknown option');
    expectClean(result);
  });
});

describe('echoed input is cut short', () => {
  const huge = '9'.repeat(5_000);

  test.each([
    [['who', huge], `porthole: port ${'9'.repeat(40)}… is out of range (1-65535)`],
    [['free', '--near', `x${huge}`], `porthole: --near: "x${'9'.repeat(39)}…" is not a port`],
    [['watch', huge], `port ${'9'.repeat(40)}… is out of range`],
    [
      ['watch', '3000', '--failures', huge],
      `--failures must be between 1 and 100, got ${'9'.repeat(40)}…`,
    ],
    [[`--${'y'.repeat(5_000)}`], `porthole: unknown option '--${'y'.repeat(38)}…'`],
  ])('porthole %#: a short message and exit 2', async (args, message) => {
    const { code, stdout, stderr } = await runCli(args, freshConfigDir());
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr.length).toBeLessThan(300);
    expect(stdout).toBe('');
  });
});
