// Spawns the real `porthole` CLI (bin/porthole.cjs over the build) with its own config directory.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'porthole.cjs');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const configDirs: string[] = [];

/** A fresh PORTHOLE_CONFIG_DIR; removed by cleanupConfigDirs(). */
export function freshConfigDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'porthole-cli-'));
  configDirs.push(dir);
  return dir;
}

export function cleanupConfigDirs(): void {
  for (const dir of configDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

function envFor(configDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  // NO_COLOR keeps output plain even if a test runner pretends to be a terminal.
  return { ...process.env, PORTHOLE_CONFIG_DIR: configDir, NO_COLOR: '1', ...extra };
}

/** Runs one command to completion (bounded: killed after timeoutMs). */
export async function runCli(
  args: string[],
  configDir: string,
  extraEnv: NodeJS.ProcessEnv = {},
  timeoutMs = 15_000,
): Promise<CliResult> {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: envFor(configDir, extraEnv),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const [code] = (await once(child, 'close')) as [number | null];
  clearTimeout(timer);
  return { code, stdout, stderr };
}

/** A long-running CLI (watch) whose stdout is read line by line. */
export interface StreamingCli {
  child: ChildProcess;
  /** Resolves with the first new line matching, rejects after timeoutMs or when the CLI exits first. */
  nextLine(match: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  stderr(): string;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const live = new Set<ChildProcess>();

export function startCli(args: string[], configDir: string): StreamingCli {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: envFor(configDir),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const lines: Interface = createInterface({ input: child.stdout });
  const buffered: string[] = [];
  const seen: string[] = [];
  let waiter: ((line: string) => void) | null = null;
  lines.on('line', (line) => {
    seen.push(line);
    if (waiter) waiter(line);
    else buffered.push(line);
  });
  return {
    child,
    stderr: () => stderr,
    nextLine(match, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        let done = false;
        const finish = (error: Error | null, line = ''): void => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          waiter = null;
          if (error) reject(error);
          else resolve(line);
        };
        const timer = setTimeout(
          () =>
            finish(
              new Error(
                `no matching line within ${timeoutMs} ms; stdout so far: ${seen.join('\n')}; stderr: ${stderr}`,
              ),
            ),
          timeoutMs,
        );
        const offer = (line: string): void => {
          if (match(line)) finish(null, line);
        };
        while (buffered.length > 0 && !done) offer(buffered.shift()!);
        if (done) return;
        waiter = offer;
        void exited.then((code) =>
          finish(new Error(`CLI exited (${code}) before a matching line; stderr: ${stderr}`)),
        );
      });
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      const code = await exited;
      clearTimeout(timer);
      live.delete(child);
      return code;
    },
  };
}

/** Kills every streaming CLI a test left running. */
export async function stopAllClis(): Promise<void> {
  await Promise.all(
    [...live].map(async (child) => {
      live.delete(child);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    }),
  );
}

/** Parses JSON Lines output. */
export function jsonLines(text: string): unknown[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}
