// The CLI start-up section's commands counted in instructions (Valgrind's callgrind), beside
// `node -e 0`: `node bench/cli-instructions.js`, after `npm run build`. Wall time on a shared 2-core
// machine moves ±20% between runs (bench/cli-startup.js); an instruction count moves well under 1%,
// so two builds compare by it when their wall times cannot tell them apart. It leaves out what the
// kernel does for the process (exec, page faults, reading /proc), so it does not replace the wall
// time the target is judged by. V8's search for a random prime for its string hash seed
// (HashSeed::InitializeRoots, 6-17 M instructions in any Node start) is taken out of each count.
// A developer's tool: Debian's `valgrind` package; not run by `npm run bench` or the tests.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startupCommands, withStartupSetup } from './cli-startup.js';

const SEED_SEARCH = 'v8::internal::HashSeed::InitializeRoots';

/**
 * The program's instruction total and the part spent under the hash seed search, from the output
 * of `callgrind_annotate --inclusive=yes`.
 * @param {string} annotated
 * @returns {{total: number, seedSearch: number}}
 */
export function parseAnnotate(annotated) {
  const number = (/** @type {string} */ text) => Number(text.replaceAll(',', ''));
  const total = /^\s*([\d,]+) \(100\.0%\)\s+PROGRAM TOTALS/m.exec(annotated);
  if (!total?.[1]) throw new Error('callgrind_annotate printed no PROGRAM TOTALS line');
  let seedSearch = 0;
  for (const line of annotated.split('\n')) {
    const m = /^\s*([\d,]+) \([^)]*\)\s+\S*?:(.*?)(?: \[[^\]]*\])?$/.exec(line);
    // The first (largest) inclusive entry of the function; recursive entries ('2) repeat it.
    if (m?.[1] && m[2]?.startsWith(`${SEED_SEARCH}(`) && !m[2].includes("'")) {
      seedSearch = Math.max(seedSearch, number(m[1]));
    }
  }
  return { total: number(total[1]), seedSearch };
}

/**
 * Instructions of one run of a bash command line, less the hash seed search.
 * @param {string} line @param {NodeJS.ProcessEnv} env @param {string} dir a scratch folder
 */
async function countInstructions(line, env, dir) {
  const out = path.join(dir, 'callgrind.out');
  // `exec`: valgrind takes bash's place, so the count is the command's own.
  const script = `exec valgrind --tool=callgrind --callgrind-out-file=${out} ${line} >/dev/null 2>&1`;
  await new Promise((resolve, reject) => {
    execFile('bash', ['-c', script], { env, timeout: 300_000 }, (error) =>
      error ? reject(error) : resolve(undefined),
    );
  });
  const annotated = execFileSync('callgrind_annotate', ['--inclusive=yes', out], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  rmSync(out);
  const { total, seedSearch } = parseAnnotate(annotated);
  return total - seedSearch;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    execFileSync('valgrind', ['--version'], { stdio: 'ignore' });
  } catch {
    console.log('valgrind is not installed (Debian: apt-get install valgrind): nothing counted.');
    process.exit(0);
  }
  await withStartupSetup(async ({ port, env, unset }) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'porthole-bench-instr-'));
    try {
      const commands = startupCommands(port).filter((c) => c.id !== 'lsof' && c.id !== 'ss');
      // One plain run each first: the compile cache and the settings record are written then.
      for (const c of commands)
        execFileSync('bash', ['-c', `${c.line} >/dev/null 2>&1 || true`], { env });
      console.log(
        `CLI start-up in instructions (callgrind, hash seed search left out), port ${port}` +
          (unset.length ? `, run without ${unset.join(', ')}` : ''),
      );
      let base = 0;
      for (const c of commands) {
        const count = await countInstructions(c.line, env, dir);
        if (c.id === 'node') base = count;
        const times = base > 0 ? `${(count / base).toFixed(2)}x` : '-';
        console.log(
          `  ${c.label.padEnd(28)}${`${(count / 1e6).toFixed(1)} M`.padStart(10)}${times.padStart(8)}`,
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
