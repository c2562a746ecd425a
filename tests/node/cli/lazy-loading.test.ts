// What the real CLI process loads, command by command: a preload logs every file Node compiles
// (the bundle is CommonJS: bin/porthole.cjs, out/cli/main.cjs and its chunks). The chunks that
// hold a package are found by the module paths rolldown writes into each chunk.
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, expect, test } from 'vitest';
import { holdSockets, stopAllHolders } from '../../helpers/sockets.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'porthole.cjs');
const dir = mkdtempSync(path.join(tmpdir(), 'porthole-lazy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(stopAllHolders);

const PRELOAD = path.join(dir, 'log-compiled.cjs');
writeFileSync(
  PRELOAD,
  `const Module = require('node:module');
const { appendFileSync } = require('node:fs');
const compile = Module.prototype._compile;
Module.prototype._compile = function (content, filename) {
  appendFileSync(process.env.PORTHOLE_TEST_MODULE_LOG, filename + '\\n');
  return compile.call(this, content, filename);
};
`,
);

/** Runs the CLI until its first stdout line (or its end); returns the files it compiled. */
async function loadedFiles(name: string, args: string[], configDir = dir): Promise<string[]> {
  const log = path.join(dir, `${name}.log`);
  writeFileSync(log, '');
  const child = spawn(process.execPath, ['--require', PRELOAD, BIN, ...args], {
    cwd: ROOT,
    // The compile cache (bin/compile-cache.cjs) compiles the bundle's files itself, past the hook.
    env: {
      ...process.env,
      PORTHOLE_CONFIG_DIR: configDir,
      PORTHOLE_TEST_MODULE_LOG: log,
      NODE_DISABLE_COMPILE_CACHE: '1',
    },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const exited = once(child, 'exit');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await Promise.race([once(createInterface({ input: child.stdout }), 'line'), exited]);
  if (child.exitCode === null) child.kill('SIGTERM');
  await exited;
  clearTimeout(timer);
  return readFileSync(log, 'utf8').split('\n').filter(Boolean);
}

const CHUNKS = path.join(ROOT, 'out', 'cli', 'chunks');
const chunkText = new Map(
  readdirSync(CHUNKS).map((f) => [f, readFileSync(path.join(CHUNKS, f), 'utf8')]),
);
/** The chunks holding a package's code (rolldown marks each module's region by its path). */
function chunksOf(pkg: string): string[] {
  const found = [...chunkText].filter(([, code]) => code.includes(`\n// node_modules/${pkg}/`));
  if (found.length === 0) throw new Error(`no chunk holds ${pkg}: the test would pass vacuously`);
  return found.map(([f]) => f);
}
const holding = (files: string[], pkg: string): string[] =>
  files.filter((f) => chunksOf(pkg).includes(path.basename(f)));

const HEAVY = ['zod', 'commander', 'proper-lockfile', 'systeminformation', 'prom-client'];

/** A config folder with one saved watch, checked once already (as after any earlier run). */
async function configWithWatch(port: number): Promise<string> {
  const config = mkdtempSync(path.join(dir, 'config-'));
  await loadedFiles('save', ['watch', String(port), '--once', '--save'], config);
  return config;
}

test('bare porthole, list and who load no zod, commander, lock, systeminformation or prom-client', async () => {
  const holder = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
  const port = holder.sockets[0]!.port;
  const config = await configWithWatch(port);
  const status = await loadedFiles('status', [], config);
  const list = await loadedFiles('list', ['list', '--json'], config);
  const who = await loadedFiles('who', ['who', String(port), '--json'], config);
  for (const files of [status, list, who]) {
    expect(files.some((f) => f.endsWith(path.join('out', 'cli', 'main.cjs')))).toBe(true);
    for (const pkg of HEAVY) expect(holding(files, pkg), pkg).toEqual([]);
  }
});

test('an edited settings.json is validated again: list loads zod once, then no more', async () => {
  const holder = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
  const config = await configWithWatch(holder.sockets[0]!.port);
  const file = path.join(config, 'settings.json');
  const settings = JSON.parse(readFileSync(file, 'utf8')) as {
    watches: { label: string | null }[];
  };
  settings.watches[0]!.label = 'edited by hand';
  writeFileSync(file, JSON.stringify(settings, null, 2));
  expect(holding(await loadedFiles('edited', ['list', '--json'], config), 'zod')).not.toEqual([]);
  expect(holding(await loadedFiles('again', ['list', '--json'], config), 'zod')).toEqual([]);
});

test('--help loads commander, and no command body', async () => {
  const help = await loadedFiles('help', ['--help']);
  expect(holding(help, 'commander')).not.toEqual([]);
  for (const pkg of HEAVY.filter((p) => p !== 'commander')) expect(holding(help, pkg)).toEqual([]);
});

/** Runs the CLI to its end with stdout a pipe; returns its output and Node's built-in modules it loaded. */
function loadedBuiltins(args: string[]): { out: string; loaded: string[] } {
  const preload = path.join(dir, 'log-builtins.cjs');
  const log = path.join(dir, 'builtins.log');
  writeFileSync(
    preload,
    `process.on('exit', () => require('node:fs').writeFileSync(process.env.PORTHOLE_TEST_BUILTINS_LOG, process.moduleLoadList.join('\\n')));`,
  );
  const out = execFileSync(process.execPath, ['--require', preload, BIN, ...args], {
    env: { ...process.env, PORTHOLE_CONFIG_DIR: dir, PORTHOLE_TEST_BUILTINS_LOG: log },
    encoding: 'utf8',
  });
  const loaded = readFileSync(log, 'utf8').split('\n');
  expect(loaded).toContain('NativeModule path'); // the list is Node's, and complete
  return { out, loaded };
}

test('--help loads no node:child_process (commander takes it on a first spawn), so no dgram, and no stream', () => {
  const { out, loaded } = loadedBuiltins(['--help']);
  expect(out).toContain('Usage: porthole');
  // Nor Node's stream, net or tty modules: help is written once, straight to the pipe.
  for (const name of ['child_process', 'dgram', 'stream', 'net', 'tty'])
    expect(loaded).not.toContain(`NativeModule ${name}`);
});

test('list --json into a pipe loads none of Node’s stream, net or tty modules (cli/process-output.ts)', () => {
  const { out, loaded } = loadedBuiltins(['list', '--json']);
  expect(JSON.parse(out)).toHaveProperty('sockets');
  for (const name of ['stream', 'net', 'tty']) expect(loaded).not.toContain(`NativeModule ${name}`);
});

test('metrics loads prom-client (list and who do not: above)', async () => {
  const metrics = await loadedFiles('metrics', ['metrics', '--listen', '127.0.0.1:0']);
  expect(holding(metrics, 'prom-client')).not.toEqual([]);
});

test.each([
  ['watch', (port: number) => ['watch', `127.0.0.1:${port}`]],
  ['serve', () => ['serve']],
  ['metrics', () => ['metrics', '--listen', '127.0.0.1:0']],
])(
  '%s loads proper-lockfile before its first line, so its signal handlers come after the lock’s',
  async (name, args) => {
    const holder = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    const files = await loadedFiles(`${name}-lock`, args(holder.sockets[0]!.port));
    expect(holding(files, 'proper-lockfile')).not.toEqual([]);
  },
);
