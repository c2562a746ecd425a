// bin/compile-cache.cjs: on Node < 22.1 the bundle's compiled code is kept in this user's cache
// folder and taken by the next run; damaged data is refused by V8 and replaced; a folder others may
// write to is never used; NODE_DISABLE_COMPILE_CACHE=1 turns it off.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { builtFile, PROJECT_ROOT } from '../../helpers/built-output.js';

const BIN = path.join(PROJECT_ROOT, 'bin', 'porthole.cjs');
builtFile('cli/main.cjs');
const work = mkdtempSync(path.join(tmpdir(), 'porthole-v8-cache-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Node >= 22.1 caches compiled code itself, and bin/porthole.cjs leaves it to Node. */
const nodeCaches =
  typeof (module as { enableCompileCache?: unknown }).enableCompileCache === 'function';

function runList(cacheHome: string, extra: NodeJS.ProcessEnv = {}) {
  return (JSON.parse(run(cacheHome, ['list', '--json'], extra)) as { sockets: unknown[] }).sockets;
}

/** Runs the command with this cache home; returns its stdout. */
function run(cacheHome: string, args: string[], extra: NodeJS.ProcessEnv = {}): string {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      XDG_CACHE_HOME: cacheHome,
      PORTHOLE_CONFIG_DIR: path.join(work, 'config'),
      NODE_DISABLE_COMPILE_CACHE: '',
      ...extra,
    },
    timeout: 15_000,
  });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

const cacheFiles = (home: string): string[] => {
  const dir = path.join(home, 'porthole', 'v8');
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f !== 'seen.json')
        .sort()
    : [];
};
const seen = (home: string) =>
  JSON.parse(readFileSync(path.join(home, 'porthole', 'v8', 'seen.json'), 'utf8')) as Record<
    string,
    string[]
  >;
const sizeOf = (home: string, file: string) =>
  statSync(path.join(home, 'porthole', 'v8', file)).size;
const mtimes = (home: string) =>
  cacheFiles(home).map((f) => statSync(path.join(home, 'porthole', 'v8', f)).mtimeMs);

test.skipIf(nodeCaches)('the first run keeps the code of what it loaded; the next takes it', () => {
  const home = path.join(work, 'first');
  runList(home);
  const files = cacheFiles(home);
  for (const chunk of [/^main\.cjs-/, /^start-/, /^fast-/, /^list-run-/])
    expect(files.some((f) => chunk.test(f))).toBe(true);
  const dir = path.join(home, 'porthole', 'v8');
  expect(statSync(dir).mode & 0o777).toBe(0o700);
  for (const f of files) expect(statSync(path.join(dir, f)).mode & 0o777).toBe(0o600);
  // Taken, not refused: a refused file would be written again at exit.
  const before = mtimes(home);
  expect(runList(home).length).toBeGreaterThan(0);
  expect(mtimes(home)).toEqual(before);
  expect(cacheFiles(home)).toEqual(files);
});

test.skipIf(nodeCaches)(
  'a file a second command uses is written again, holding the code of both; then left alone',
  () => {
    const home = path.join(work, 'shared-chunks');
    runList(home);
    const fast = cacheFiles(home).find((f) => f.startsWith('fast-'))!;
    const main = cacheFiles(home).find((f) => f.startsWith('main.cjs-'))!;
    const listRun = cacheFiles(home).find((f) => f.startsWith('list-run-'))!;
    expect(seen(home)[fast]).toEqual(['list']);
    const listOnly = sizeOf(home, fast);
    run(home, ['who', '1', '--json']);
    // who runs code of the shared chunk list never ran (its probes): the data grew to hold it.
    expect(seen(home)[fast]).toEqual(['list', 'who']);
    expect(seen(home)[main]).toEqual(['list', 'who']);
    expect(sizeOf(home, fast)).toBeGreaterThan(listOnly);
    expect(seen(home)[listRun]).toEqual(['list']); // who never loaded it
    const before = mtimes(home);
    runList(home);
    run(home, ['who', '1', '--json']);
    expect(mtimes(home)).toEqual(before);
  },
);

test.skipIf(nodeCaches)(
  'files no build wrote for 30 days go when the cache is written; recent ones stay',
  () => {
    const home = path.join(work, 'stale');
    const dir = path.join(home, 'porthole', 'v8');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const old = path.join(dir, 'fast-OLDBUILD.cjs-1-2-11.3-node-x64.bin');
    const recent = path.join(dir, 'fast-OTHERINSTALL.cjs-1-2-11.3-node-x64.bin');
    const leftover = path.join(dir, 'main.cjs-1-2-11.3-node-x64.bin.4242.tmp');
    for (const f of [old, recent, leftover]) writeFileSync(f, 'x', { mode: 0o600 });
    const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 60 * 60 * 1000);
    utimesSync(old, daysAgo(31), daysAgo(31));
    utimesSync(leftover, daysAgo(40), daysAgo(40));
    utimesSync(recent, daysAgo(29), daysAgo(29));
    runList(home);
    expect(existsSync(old)).toBe(false);
    expect(existsSync(leftover)).toBe(false);
    expect(existsSync(recent)).toBe(true);
    expect(cacheFiles(home).some((f) => f.startsWith('fast-') && !f.includes('OTHER'))).toBe(true);
  },
);

test.skipIf(nodeCaches).each([
  ['not JSON', '{"not json'],
  ['an array', '["list"]'],
  ['null', 'null'],
  ['entries of the wrong shape', '{"FAST": "list", "x": [1, null, {"a": 2}]}'],
])('a seen.json that is %s is replaced; the command runs as usual', (_, text) => {
  const home = path.join(work, `damaged-seen-${text.length}`);
  runList(home);
  const fast = cacheFiles(home).find((f) => f.startsWith('fast-'))!;
  writeFileSync(path.join(home, 'porthole', 'v8', 'seen.json'), text.replace('FAST', fast));
  expect(runList(home).length).toBeGreaterThan(0);
  const record = seen(home);
  expect(record[fast]).toEqual(['list']);
  expect(record.x).toBeUndefined(); // no cache file by that name: not recorded
});

test('a run is recorded by its command word; an option or an odd word is "other"', () => {
  const { purposeOf } = createRequire(import.meta.url)(
    path.join(PROJECT_ROOT, 'bin', 'compile-cache.cjs'),
  ) as { purposeOf: (word: string | undefined) => string };
  expect(purposeOf(undefined)).toBe('status');
  expect(purposeOf('who')).toBe('who');
  expect(purposeOf('mcp-serve')).toBe('mcp-serve');
  expect(purposeOf('--help')).toBe('other');
  expect(purposeOf('Who')).toBe('other');
  expect(purposeOf('x'.repeat(40))).toBe('other');
  expect(purposeOf('../../etc')).toBe('other');
});

test.skipIf(nodeCaches)('damaged data is refused, the command runs, the file is replaced', () => {
  const home = path.join(work, 'damaged');
  runList(home);
  const dir = path.join(home, 'porthole', 'v8');
  const fast = cacheFiles(home).find((f) => f.startsWith('fast-'))!;
  writeFileSync(path.join(dir, fast), Buffer.alloc(4096, 7));
  expect(runList(home).length).toBeGreaterThan(0);
  expect(statSync(path.join(dir, fast)).size).not.toBe(4096);
});

test.skipIf(nodeCaches)('a cache folder others may write to is not used', () => {
  const home = path.join(work, 'shared');
  const dir = path.join(home, 'porthole', 'v8');
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o777);
  runList(home);
  expect(cacheFiles(home)).toEqual([]);
});

test('NODE_DISABLE_COMPILE_CACHE=1 keeps nothing', () => {
  const home = path.join(work, 'off');
  runList(home, { NODE_DISABLE_COMPILE_CACHE: '1' });
  expect(existsSync(path.join(home, 'porthole'))).toBe(false);
});
