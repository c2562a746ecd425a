// What a user gets from `npm pack`: the tarball installs with `npm install -g` into a fresh prefix
// (fresh npm cache, no build step, no dev dependencies) and every `porthole` command works from it.
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { builtFile, PROJECT_ROOT } from '../../helpers/built-output.js';
import { holdSockets, stopAllHolders, stopChild } from '../../helpers/sockets.js';
import { closeAllMcp, startMcp } from '../mcp/mcp-client.js';

const run = promisify(execFile);

interface Manifest {
  version: string;
  dependencies?: Record<string, string>;
  devDependencies: Record<string, string>;
}
const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as Manifest;

const work = mkdtempSync(path.join(tmpdir(), 'porthole-npm-install-'));
const prefix = path.join(work, 'prefix');
const installed = path.join(prefix, 'lib', 'node_modules', 'porthole');
const porthole = path.join(prefix, 'bin', 'porthole');
const configDir = path.join(work, 'config');
let packed: string[] = [];
/** Why the install could not be tried (no registry for the runtime dependencies), or null. */
let skipped: string | null = null;

/** npm with its own cache, so nothing comes from (or goes to) this machine's npm cache. */
function npm(args: string[], timeout = 180_000) {
  const cache = path.join(work, 'npm-cache');
  return run('npm', [...args, '--cache', cache, '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: work,
    timeout,
    maxBuffer: 16 * 1024 * 1024,
  });
}

beforeAll(async () => {
  builtFile('cli/main.cjs'); // the tarball ships the build; `npm test` builds first
  // --ignore-scripts: `prepare` would rebuild out/ while other tests read it; the build is there.
  const { stdout } = await run(
    'npm',
    ['pack', '--ignore-scripts', '--json', '--pack-destination', work],
    { cwd: PROJECT_ROOT, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
  );
  const [info] = JSON.parse(stdout) as [{ filename: string; files: { path: string }[] }];
  packed = info.files.map((f) => f.path);
  const tarball = path.join(work, info.filename);
  // The bundle inlines its packages; any the manifest still lists come from the registry.
  const fetches = Object.keys(pkg.dependencies ?? {}).length > 0;
  if (fetches) {
    try {
      await npm(['ping'], 20_000);
    } catch (error) {
      skipped = `the npm registry is not reachable for the runtime dependencies (${String(error).split('\n')[0]})`;
      return;
    }
  }
  await npm([
    'install',
    '--global',
    '--prefix',
    prefix,
    ...(fetches ? [] : ['--offline']),
    tarball,
  ]);
}, 240_000);

afterEach(async () => {
  await closeAllMcp();
  await stopAllHolders();
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the installed command, as a shell would find it: from the prefix's bin, outside the repository. */
async function portholeRun(args: string[]): Promise<Result> {
  const child = spawn(porthole, args, {
    cwd: work,
    env: { ...process.env, PORTHOLE_CONFIG_DIR: configDir, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const [code] = (await once(child, 'close')) as [number | null];
  clearTimeout(timer);
  return { code, stdout, stderr };
}

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

describe('the tarball', () => {
  test('holds the command, its bundle and the window, and no sources, tests or other builds', () => {
    expect(packed).toEqual(
      expect.arrayContaining([
        'package.json',
        'bin/porthole.cjs',
        'bin/compile-cache.cjs',
        'out/cli/main.cjs',
        'out/renderer/index.html',
      ]),
    );
    // npm always packs the file "main" names: Electron's entry, which `npm start` needs as "main".
    const strays = packed.filter(
      (f) =>
        f !== 'out/main/index.js' &&
        /^(src-main|src-renderer|tests|bench|scripts|assets|node_modules|out\/(node|main|preload))\//.test(
          f,
        ),
    );
    expect(strays).toEqual([]);
  });
  // The bundle's shape (what each command loads) is tests/node/packaging/cli-bundle.test.ts.
});

describe('installed with npm install -g into a fresh prefix', () => {
  test('installed the command and no dev dependency', (ctx) => {
    if (skipped) ctx.skip(skipped);
    expect(existsSync(porthole)).toBe(true);
    const modules = path.join(installed, 'node_modules');
    const present = existsSync(modules) ? readdirSync(modules) : [];
    expect(present.filter((name) => name in pkg.devDependencies)).toEqual([]);
    expect(existsSync(path.join(installed, 'src-main'))).toBe(false);
  });

  test('--version and --help', async (ctx) => {
    if (skipped) ctx.skip(skipped);
    const version = await portholeRun(['--version']);
    expect(version).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
    const help = await portholeRun(['--help']);
    expect(help.code).toBe(0);
    for (const name of ['list', 'who', 'explain', 'watch', 'serve', 'completion'])
      expect(help.stdout).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
  });

  test('list and who name the PID of a real listener', async (ctx) => {
    if (skipped) ctx.skip(skipped);
    const holder = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    const port = holder.sockets[0]!.port;
    const list = await portholeRun(['list', '--json']);
    expect(list.code, list.stderr).toBe(0);
    const { sockets } = JSON.parse(list.stdout) as {
      sockets: { localPort: number; pid: number }[];
    };
    expect(sockets.filter((s) => s.localPort === port).map((s) => s.pid)).toEqual([holder.pid]);

    const who = await portholeRun(['who', String(port), '--json']);
    expect(who.code, who.stderr).toBe(0);
    const body = JSON.parse(who.stdout) as {
      sockets: { pid: number }[];
      answers: { address: string; open: boolean; pid: number | null }[];
    };
    expect(body.sockets.map((s) => s.pid)).toEqual([holder.pid]);
    expect(body.answers.find((a) => a.address === '127.0.0.1')).toMatchObject({
      open: true,
      pid: holder.pid,
    });
  });

  test('explain says nothing listens on a refused port', async (ctx) => {
    if (skipped) ctx.skip(skipped);
    const port = await closedPort();
    const result = await portholeRun([
      'explain',
      `connect ECONNREFUSED 127.0.0.1:${port}`,
      '--json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const body = JSON.parse(result.stdout) as {
      situation: string;
      findings: { check: string; status: string }[];
    };
    expect(body.situation).toBe('connect-refused');
    expect(body.findings[0]).toMatchObject({ check: 'listening', status: 'problem' });
  });

  test('completion bash prints a script bash accepts', async (ctx) => {
    if (skipped) ctx.skip(skipped);
    const result = await portholeRun(['completion', 'bash']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^complete -F \w+ porthole$/m);
    await expect(run('bash', ['-n', '-c', result.stdout])).resolves.toBeDefined();
  });

  test('every other command runs: status, conflicts, probe, watch --once, free, history', async (ctx) => {
    if (skipped) ctx.skip(skipped);
    const holder = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    const port = String(holder.sockets[0]!.port);
    const runs: [string[], number][] = [
      [['status', '--json'], 0],
      [['conflicts', '--json'], 0],
      [['probe', `127.0.0.1:${port}`, '--json'], 0],
      [['watch', `127.0.0.1:${port}`, '--once'], 0],
      [['free', '--near', '40000', '--count', '1', '--json'], 0],
      [['history', '--json'], 0],
    ];
    for (const [args, code] of runs) {
      const result = await portholeRun(args);
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(code);
      // Nothing on stderr but what a user without root is told about other users' sockets.
      const said = result.stderr.split('\n').filter((line) => line !== '');
      expect(
        said.filter((line) => !/^porthole: warning: .* may not inspect; run as root/.test(line)),
        args.join(' '),
      ).toEqual([]);
    }
  });

  test('serve serves the window from the installed package', async (ctx) => {
    if (skipped) ctx.skip(skipped);
    const { status, body } = await serverAnswer(['serve'], (url) => url);
    expect(status).toBe(200);
    expect(body).toMatch(/<html/i);
  });

  test('metrics serves Prometheus text with a watch of a real listener up', async (ctx) => {
    if (skipped) ctx.skip(skipped);
    const holder = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    const target = `127.0.0.1:${holder.sockets[0]!.port}`;
    const args = ['metrics', '--listen', '127.0.0.1:0', '--watch', target];
    const { firstLine, status, body } = await serverAnswer(
      args,
      (url) => url,
      (text) => text.includes(`porthole_watch_up{target="${target}"}`),
    );
    expect(firstLine).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(status).toBe(200);
    expect(body).toContain(`porthole_watch_up{target="${target}"} 1`);
    expect(body).toMatch(/^porthole_collector_up 1$/m);
  });

  test("mcp answers an MCP client: its tools, and who holds a real listener's port", async (ctx) => {
    if (skipped) ctx.skip(skipped);
    const holder = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    const mcp = await startMcp(configDir, [], {}, [porthole]);
    const { tools } = await mcp.client.listTools();
    expect(tools.map((t) => t.name)).toContain('who_holds_port');
    const result = await mcp.call('who_holds_port', { port: holder.sockets[0]!.port });
    const answer = result.structuredContent as { sockets: { pid: number | null }[] };
    expect(answer.sockets.map((s) => s.pid)).toContain(holder.pid);
  });
});

/**
 * Starts an installed server command, reads its first stdout line (its address), and GETs the
 * address `urlOf` makes of it — again, a bounded number of times, until `ready` accepts the body.
 */
async function serverAnswer(
  args: string[],
  urlOf: (firstLine: string) => string,
  ready: (body: string) => boolean = () => true,
): Promise<{ firstLine: string; status?: number; body: string }> {
  const child = spawn(porthole, args, {
    cwd: work,
    env: { ...process.env, PORTHOLE_CONFIG_DIR: configDir, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const lines = createInterface({ input: child.stdout });
    const [firstLine] = (await Promise.race([
      once(lines, 'line'),
      once(child, 'exit').then(([code]) => {
        throw new Error(`${args[0]} exited (${String(code)}) before printing its address`);
      }),
    ])) as [string];
    lines.close();
    let answer: { status?: number; body: string } = { body: '' };
    for (let attempt = 0; attempt < 50; attempt += 1) {
      answer = await httpGet(urlOf(firstLine));
      if (ready(answer.body)) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return { firstLine, ...answer };
  } finally {
    await stopChild(child);
  }
}

function httpGet(url: string): Promise<{ status?: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode, body: text }));
    }).on('error', reject);
  });
}
