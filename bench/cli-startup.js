// The `porthole` command's start-up as a user meets it: whole processes of `--help`, `list --json`,
// `who P --json` and bare `porthole` (status) beside `node -e 0`, `lsof -nP -i :P` and `ss -tlnp`,
// sampled interleaved; median of 7 per command. Runs inside `npm run bench`, or alone:
// `node bench/cli-startup.js`; `--against ../other-checkout` times another build's porthole
// commands in the same rounds.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { median, timeCommand } from './cpu.js';

const BIN = fileURLToPath(new URL('../bin/porthole.cjs', import.meta.url));
const FLOOR = fileURLToPath(new URL('./proc-floor.cjs', import.meta.url));
const WHO_FLOOR = fileURLToPath(new URL('./who-floor.cjs', import.meta.url));

/**
 * @typedef {{id: string, label: string, line: string}} StartupCommand
 * @typedef {{id: string, label: string, wallMs: number, cpuMs: number, samples: number}} StartupResult
 * @typedef {{port: number, repeats: number, results: StartupResult[], unset?: string[]}} StartupSection
 */

/** One word for bash, whatever it holds: the paths here are the bench's own, quoted all the same. */
export function shellWord(/** @type {string} */ text) {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/**
 * The commands compared, as bash command lines built from fixed paths and a number. With
 * `againstBin` (another build's bin/porthole.cjs), its three porthole commands too, labelled
 * `(against)`, so two builds are timed in the same interleaved rounds. They run with
 * `againstConfig` as their config folder: settings checked by one build are taken on trust by
 * that build only, so two builds sharing one folder would each check them again, zod and all, at
 * every run.
 * @param {number} port
 * @param {string} node path of the node binary
 * @param {string} bin path of bin/porthole.cjs
 * @param {string | null} againstBin
 * @param {string | null} againstConfig
 * @returns {StartupCommand[]}
 */
export function startupCommands(
  port,
  node = process.execPath,
  bin = BIN,
  againstBin = null,
  againstConfig = null,
) {
  const porthole = `${shellWord(node)} ${shellWord(bin)}`;
  const configured =
    againstConfig === null ? '' : `PORTHOLE_CONFIG_DIR=${shellWord(againstConfig)} `;
  const against =
    againstBin === null ? null : `${configured}${shellWord(node)} ${shellWord(againstBin)}`;
  return [
    { id: 'node', label: 'node -e 0', line: `${shellWord(node)} -e 0` },
    // What `list` cannot skip, in bare Node (bench/proc-floor.cjs): the lowest a Node CLI can reach.
    { id: 'floor', label: 'node: read /proc only', line: `${shellWord(node)} ${shellWord(FLOOR)}` },
    // What `who` cannot skip (bench/who-floor.cjs): that reading, localhost looked up, two connects.
    {
      id: 'who-floor',
      label: 'node: /proc + connects',
      line: `${shellWord(node)} ${shellWord(WHO_FLOOR)} ${port}`,
    },
    { id: 'help', label: 'porthole --help', line: `${porthole} --help` },
    { id: 'list', label: 'porthole list --json', line: `${porthole} list --json` },
    { id: 'who', label: `porthole who ${port} --json`, line: `${porthole} who ${port} --json` },
    // Not in issue 11's target, but what users type most: the status line, saved watches probed.
    { id: 'status', label: 'porthole (status)', line: porthole },
    ...(against === null
      ? []
      : [
          { id: 'help-against', label: 'porthole --help (against)', line: `${against} --help` },
          {
            id: 'list-against',
            label: 'porthole list --json (against)',
            line: `${against} list --json`,
          },
          {
            id: 'who-against',
            label: `porthole who ${port} --json (against)`,
            line: `${against} who ${port} --json`,
          },
        ]),
    { id: 'lsof', label: `lsof -nP -i :${port}`, line: `lsof -nP -i :${port}` },
    { id: 'ss', label: 'ss -tlnp', line: 'ss -tlnp' },
  ];
}

/**
 * Variables every Node start pays for whatever it runs, left out of the measured commands'
 * environment: NODE_EXTRA_CA_CERTS makes Node read and parse the certificates before any script
 * (~40 ms on a 2-core machine), which would hide Porthole's own cost inside a bigger `node -e 0`.
 */
export const NODE_START_COSTS = ['NODE_EXTRA_CA_CERTS'];

/**
 * The measured commands' environment: this one without NODE_START_COSTS, plus `extra`.
 * @param {NodeJS.ProcessEnv} base
 * @param {Record<string, string>} extra
 * @returns {{env: NodeJS.ProcessEnv, unset: string[]}} and the names it left out
 */
export function commandEnv(base, extra) {
  const env = { ...base, ...extra };
  const unset = NODE_START_COSTS.filter((name) => env[name] !== undefined);
  for (const name of unset) delete env[name];
  return { env, unset };
}

/**
 * Wall time over another command's, or null when that one was not measured.
 * @param {StartupResult[]} results @param {string} id @param {string} baseId
 */
export function ratio(results, id, baseId) {
  const m = results.find((r) => r.id === id);
  const base = results.find((r) => r.id === baseId);
  return m && base && base.wallMs > 0 ? m.wallMs / base.wallMs : null;
}

/**
 * The section's table: each command's median wall and CPU, and its wall time as a multiple of
 * `node -e 0`'s, `lsof`'s and `ss`'s.
 * @param {StartupSection} section
 * @returns {string[]}
 */
export function startupTable(section) {
  const x = (/** @type {number | null} */ v) => (v === null ? '-' : `${v.toFixed(2)}x`);
  const cols = ['wall ms', 'cpu ms', 'x node', 'x lsof', 'x ss'];
  const width = Math.max(28, ...section.results.map((r) => r.label.length + 2));
  const lines = [
    `CLI start-up: whole processes, median of ${section.repeats} (interleaved), port ${section.port} held by the bench`,
    ...(section.unset?.length
      ? [`  (run without ${section.unset.join(', ')}: it slows every Node start alike)`]
      : []),
    `  ${'command'.padEnd(width)}${cols.map((c) => c.padStart(9)).join('')}`,
  ];
  for (const r of section.results) {
    const cells = [
      r.wallMs.toFixed(1),
      r.cpuMs.toFixed(1),
      x(ratio(section.results, r.id, 'node')),
      x(ratio(section.results, r.id, 'lsof')),
      x(ratio(section.results, r.id, 'ss')),
    ];
    lines.push(`  ${r.label.padEnd(width)}${cells.map((c) => c.padStart(9)).join('')}`);
  }
  return lines;
}

/**
 * What the commands run against: a listener this process holds on 127.0.0.1 and a config
 * directory of their own holding one saved watch (so settings are read and checked, as for a user
 * of the tray app), in the environment `commandEnv` gives; with `againstBin`, a second such
 * directory whose watch that build saved (startupCommands says why). All are gone when `work` ends.
 * @template T
 * @param {(setup: {port: number, env: NodeJS.ProcessEnv, unset: string[], againstConfig: string | null}) => Promise<T>} work
 * @param {string | null} [againstBin]
 * @returns {Promise<T>}
 */
export async function withStartupSetup(work, againstBin = null) {
  const server = net.createServer((socket) => socket.destroy());
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = /** @type {net.AddressInfo} */ (server.address()).port;
  /** @type {string[]} */
  const dirs = [];
  try {
    /** A config folder holding one watch of `port`, saved by `bin` the way a user would. */
    const configuredBy = (/** @type {string} */ bin) => {
      const dir = mkdtempSync(path.join(tmpdir(), 'porthole-bench-cli-'));
      dirs.push(dir);
      const { env } = commandEnv(process.env, { PORTHOLE_CONFIG_DIR: dir, NO_COLOR: '1' });
      // `--once` checks the port once and exits; `--save` stores the watch.
      execFileSync(process.execPath, [bin, 'watch', String(port), '--once', '--save'], {
        env,
        stdio: 'ignore',
      });
      return dir;
    };
    const { env, unset } = commandEnv(process.env, {
      PORTHOLE_CONFIG_DIR: configuredBy(BIN),
      NO_COLOR: '1',
    });
    const againstConfig = againstBin === null ? null : configuredBy(againstBin);
    return await work({ port, env, unset, againstConfig });
  } finally {
    server.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Measures the commands (withStartupSetup): one warm-up run each, then `repeats` rounds in a
 * rotating order. `againstBin`: another build's bin/porthole.cjs, measured in the same rounds.
 * @param {{repeats?: number, againstBin?: string | null}} [options]
 * @returns {Promise<StartupSection>}
 */
export function measureCliStartup({ repeats = 7, againstBin = null } = {}) {
  return withStartupSetup(async ({ port, env, unset, againstConfig }) => {
    const commands = startupCommands(port, process.execPath, BIN, againstBin, againstConfig);
    for (const c of commands) await timeCommand(c.line, 1, env);
    /** @type {Map<string, {wallMs: number, cpuMs: number}[]>} */
    const samples = new Map(commands.map((c) => [c.id, []]));
    for (let r = 0; r < repeats; r++) {
      for (let i = 0; i < commands.length; i++) {
        const c = /** @type {StartupCommand} */ (commands[(i + r) % commands.length]);
        samples.get(c.id)?.push(await timeCommand(c.line, 1, env));
      }
    }
    const results = commands.map((c) => {
      const list = samples.get(c.id) ?? [];
      return {
        id: c.id,
        label: c.label,
        wallMs: median(list.map((s) => s.wallMs)),
        cpuMs: median(list.map((s) => s.cpuMs)),
        samples: list.length,
      };
    });
    return { port, repeats, results, unset };
  }, againstBin);
}

/**
 * The command line of `node bench/cli-startup.js [--against CHECKOUT] [--repeats N]`: another
 * checkout (its bin/porthole.cjs, built) to time beside this one, and the rounds (odd, 3-101).
 * @param {string[]} args
 * @returns {{againstBin: string | null, repeats: number}}
 */
export function startupArgs(args) {
  const { values } = parseArgs({
    args,
    options: { against: { type: 'string' }, repeats: { type: 'string', default: '7' } },
  });
  const repeats = Number(values.repeats);
  if (!Number.isInteger(repeats) || repeats < 3 || repeats > 101 || repeats % 2 === 0) {
    throw new Error(`--repeats must be an odd whole number from 3 to 101, got ${values.repeats}`);
  }
  if (values.against === undefined) return { againstBin: null, repeats };
  const againstBin = path.resolve(values.against, 'bin', 'porthole.cjs');
  if (!existsSync(againstBin)) throw new Error(`--against: no ${againstBin}`);
  if (!existsSync(path.resolve(values.against, 'out', 'cli', 'main.cjs'))) {
    throw new Error(`--against: ${values.against} is not built (run \`npm run build\` there)`);
  }
  return { againstBin, repeats };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let options;
  try {
    options = startupArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`cli-startup: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  }
  const section = await measureCliStartup(options);
  console.log(startupTable(section).join('\n'));
}
