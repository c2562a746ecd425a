// The fast commands' output (cli/process-output.ts): straight to a pipe, socket, file or /dev/null,
// whole and in order, a full non-blocking pipe waited for, a closed reader reported once; anything
// else (a terminal) through Node's stream, created only when first used.
import { spawn, execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, constants, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test, vi } from 'vitest';
import { processOutput } from '../../../src-main/cli/process-output.js';

const posix = process.platform !== 'win32';
const dir = mkdtempSync(path.join(tmpdir(), 'porthole-output-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const BIN = path.join(fileURLToPath(new URL('../../../', import.meta.url)), 'bin', 'porthole.cjs');

/** A stream getter that fails the test if called: direct output never needs Node's stream. */
const noStream = (): NodeJS.WriteStream => {
  throw new Error('Node’s stream was created');
};

test('a file: every write lands whole and in order, no stream created, not a terminal', async () => {
  const file = path.join(dir, 'out.txt');
  const fd = openSync(file, 'w');
  try {
    const out = processOutput(fd, noStream, () => undefined);
    expect(out.isTTY).toBe(false);
    out.write('first line\n');
    out.write(`${'é→'.repeat(50_000)}\n`);
    out.write('last line\n');
    await out.flushed();
  } finally {
    closeSync(fd);
  }
  expect(readFileSync(file, 'utf8')).toBe(`first line\n${'é→'.repeat(50_000)}\nlast line\n`);
});

test.runIf(posix)(
  '/dev/null is written directly, other character devices keep Node’s stream',
  () => {
    const devNull = openSync('/dev/null', 'w');
    const devZero = openSync('/dev/zero', 'w');
    try {
      expect(processOutput(devNull, noStream, () => undefined).write('gone\n')).toBe(true);
      const written: string[] = [];
      const fake = {
        isTTY: true,
        columns: 99,
        on: () => fake,
        write: (t: string) => written.push(t),
      };
      const get = vi.fn(() => fake as unknown as NodeJS.WriteStream);
      const out = processOutput(devZero, get, () => undefined);
      expect(get).not.toHaveBeenCalled(); // created lazily
      out.write('to the stream\n');
      expect(out.isTTY).toBe(true);
      expect(out.columns).toBe(99);
      expect(get).toHaveBeenCalledTimes(1);
      expect(written).toEqual(['to the stream\n']);
    } finally {
      closeSync(devNull);
      closeSync(devZero);
    }
  },
);

test('a closed or never-opened descriptor keeps Node’s stream, which reports it', () => {
  const fd = openSync(path.join(dir, 'closed.txt'), 'w');
  closeSync(fd);
  const written: string[] = [];
  const fake = { isTTY: false, on: () => fake, write: (t: string) => written.push(t) };
  const get = vi.fn(() => fake as unknown as NodeJS.WriteStream);
  for (const bad of [fd, 987_654, -1]) processOutput(bad, get, () => undefined).write('x');
  expect(get).toHaveBeenCalledTimes(3);
  expect(written).toEqual(['x', 'x', 'x']);
});

test.runIf(posix)('a closed reader (EPIPE) calls onClosed and throws nothing', () => {
  const fifo = path.join(dir, 'closed.fifo');
  execFileSync('mkfifo', [fifo]);
  const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
  const writer = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
  closeSync(reader);
  const onClosed = vi.fn();
  try {
    processOutput(writer, noStream, onClosed).write('nobody reads this\n');
  } finally {
    closeSync(writer);
  }
  expect(onClosed).toHaveBeenCalledTimes(1);
});

test.runIf(posix)(
  'a full non-blocking pipe is waited for: 1 MB reaches a reader that starts late, whole',
  async () => {
    const fifo = path.join(dir, 'slow.fifo');
    const copy = path.join(dir, 'slow.copy');
    execFileSync('mkfifo', [fifo]);
    // Our own read end lets the non-blocking write end open; the reader process opens its own,
    // then waits 300 ms before reading: the pipe (64 KiB) is full long before that.
    const ownReader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    const writer = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
    const reader = spawn('sh', ['-c', `exec 3<"$0"; sleep 0.3; cat <&3 > "$1"`, fifo, copy], {
      stdio: 'ignore',
    });
    const timer = setTimeout(() => reader.kill('SIGKILL'), 20_000);
    // The reader's open has returned once the pipe has two readers; give it that moment.
    await new Promise((resolve) => setTimeout(resolve, 100));
    closeSync(ownReader);
    const line = `${'x'.repeat(1023)}\n`;
    try {
      processOutput(writer, noStream, () => undefined).write(line.repeat(1024));
    } finally {
      closeSync(writer);
    }
    await once(reader, 'exit');
    clearTimeout(timer);
    expect(readFileSync(copy, 'utf8')).toBe(line.repeat(1024));
  },
);

test.runIf(posix)(
  'porthole list --json into a shell pipe and into /dev/null: exit 0, JSON whole',
  () => {
    const configDir = mkdtempSync(path.join(dir, 'config-'));
    const env = { ...process.env, PORTHOLE_CONFIG_DIR: configDir };
    const piped = execFileSync('sh', ['-c', `"$0" "$1" list --json | cat`, process.execPath, BIN], {
      env,
      encoding: 'utf8',
    });
    expect(JSON.parse(piped)).toHaveProperty('sockets');
    execFileSync('sh', ['-c', `"$0" "$1" list --json >/dev/null`, process.execPath, BIN], { env });
    // `| head -c 0` closes the pipe before the output is written: quiet, exit 0.
    const status = execFileSync(
      'bash',
      [
        '-c',
        '"$0" "$1" list --json 2>"$2" | head -c 0; echo "${PIPESTATUS[0]}"',
        process.execPath,
        BIN,
        path.join(dir, 'err.txt'),
      ],
      { env, encoding: 'utf8' },
    );
    expect(status.trim()).toBe('0');
    // Warnings may come (not root: another user's sockets); no error about the closed pipe.
    expect(readFileSync(path.join(dir, 'err.txt'), 'utf8')).not.toMatch(/error|EPIPE/i);
  },
);
