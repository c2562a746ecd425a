// prom-client is loaded by `porthole metrics` only: other commands do not pay for it at start-up.
// A module-resolution hook in the real CLI process logs every module it loads. The CLI is a bundle
// (out/cli, packages inlined): prom-client lives in whichever chunk holds its modules' regions.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { createInterface } from 'node:readline';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'porthole.js');
const dir = mkdtempSync(path.join(tmpdir(), 'porthole-lazy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

writeFileSync(
  path.join(dir, 'hooks.mjs'),
  `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(process.env.PORTHOLE_TEST_MODULE_LOG, result.url + '\\n');
  return result;
}
`,
);
writeFileSync(
  path.join(dir, 'register.mjs'),
  `import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n`,
);

/** Runs the CLI until its first stdout line (or its end); returns the modules it loaded. */
async function loadedModules(name: string, args: string[]): Promise<string[]> {
  const log = path.join(dir, `${name}.log`);
  writeFileSync(log, '');
  const child = spawn(
    process.execPath,
    ['--import', path.join(dir, 'register.mjs'), BIN, ...args],
    {
      cwd: ROOT,
      env: { ...process.env, PORTHOLE_CONFIG_DIR: dir, PORTHOLE_TEST_MODULE_LOG: log },
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  const exited = once(child, 'exit');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await Promise.race([once(createInterface({ input: child.stdout }), 'line'), exited]);
  if (child.exitCode === null) child.kill('SIGTERM');
  await exited;
  clearTimeout(timer);
  return readFileSync(log, 'utf8').split('\n').filter(Boolean);
}

const CHUNKS = path.join(ROOT, 'out', 'cli', 'chunks');
/** The bundle's chunks that hold prom-client's code (rolldown marks each module's region by path). */
const PROM_CHUNKS = readdirSync(CHUNKS).filter((f) =>
  readFileSync(path.join(CHUNKS, f), 'utf8').includes('node_modules/prom-client/'),
);
const promClient = (urls: string[]): string[] =>
  urls.filter((u) => u.includes('/prom-client/') || PROM_CHUNKS.some((c) => u.endsWith(`/${c}`)));

test('--help and list do not load prom-client; metrics does', async () => {
  const help = await loadedModules('help', ['--help']);
  const list = await loadedModules('list', ['list', '--json']);
  const metrics = await loadedModules('metrics', ['metrics', '--listen', '127.0.0.1:0']);
  // The hook sees the CLI's own modules, and prom-client is somewhere in the bundle (a vacuous
  // pass would hide a regression).
  expect(help.some((u) => u.endsWith('/out/cli/main.js'))).toBe(true);
  expect(PROM_CHUNKS.length).toBeGreaterThan(0);
  expect(promClient(help)).toEqual([]);
  expect(promClient(list)).toEqual([]);
  expect(promClient(metrics)).not.toEqual([]);
});
