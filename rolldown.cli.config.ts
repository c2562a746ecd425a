// The `porthole` command's bundle (out/cli): a small entry chunk (main.ts: the fast path and the
// specs of the commands it runs); commander and every command's definition in the program chunk;
// what a command needs only when it runs is a dynamic import, hence its own chunks, so `porthole
// --help` loads none of it. The commands the fast path runs (`list`, `who`, `status`, `conflicts`)
// find everything they load statically in one chunk, `fast`: each file costs a start-up its own
// resolution and read. Runtime packages are inlined: the bundle reads nothing from node_modules.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { defineConfig, rolldown } from 'rolldown';

const projectRoot = import.meta.dirname;

/**
 * This build's id: a hash of every source file under src-main (and package.json). Settings
 * validated by one build are taken on trust by that build only (core/settings/checked-cache.ts),
 * so any change to the sources, the schema's included, makes the next run validate again.
 */
function buildId(): string {
  const hash = createHash('sha256');
  const files = readdirSync(resolve(projectRoot, 'src-main'), {
    recursive: true,
    withFileTypes: true,
  })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  for (const file of [resolve(projectRoot, 'package.json'), ...files]) {
    hash
      .update(file.slice(projectRoot.length))
      .update('\0')
      .update(readFileSync(file))
      .update('\0');
  }
  return hash.digest('hex').slice(0, 32);
}

const tsconfig = resolve(projectRoot, 'tsconfig.node.json');
const processGlobal = resolve(projectRoot, 'src-main/cli/process-global.cjs');
const commanderChildProcess = resolve(projectRoot, 'src-main/cli/commander-child-process.cjs');
const inCommander = /[\\/]node_modules[\\/]commander[\\/]/;
const main = resolve(projectRoot, 'src-main/cli/main.ts');

/** The run modules of the fast path's commands: the `import('./commands/<name>-run.js')` of cli/command-specs.ts. */
function fastRunModules(): string[] {
  const specs = readFileSync(resolve(projectRoot, 'src-main/cli/command-specs.ts'), 'utf8');
  return [...specs.matchAll(/import\('\.\/commands\/([\w-]+-run)\.js'\)/g)].map((m) =>
    resolve(projectRoot, 'src-main/cli/commands', `${m[1]}.ts`),
  );
}

/**
 * What `entries` import statically, transitively, as rolldown resolves it: our modules, and the
 * packages (bare specifiers other than node: built-ins) among those imports.
 */
async function staticClosure(
  entries: string[],
): Promise<{ modules: Set<string>; packages: Set<string> }> {
  const bundle = await rolldown({
    input: entries,
    platform: 'node',
    tsconfig,
    logLevel: 'silent',
    external: (id) => !id.startsWith('.') && !isAbsolute(id),
  });
  try {
    const { output } = await bundle.generate({ format: 'esm' });
    const chunks = new Map(output.flatMap((o) => (o.type === 'chunk' ? [[o.fileName, o]] : [])));
    const modules = new Set<string>();
    const packages = new Set<string>();
    const seen = new Set<string>();
    const visit = (name: string): void => {
      if (seen.has(name)) return;
      seen.add(name);
      const chunk = chunks.get(name);
      if (!chunk) {
        if (!name.startsWith('node:')) packages.add(name);
        return;
      }
      for (const id of chunk.moduleIds) modules.add(id);
      for (const imported of chunk.imports) visit(imported); // static imports only
    };
    for (const chunk of chunks.values()) if (chunk.isEntry) visit(chunk.fileName);
    return { modules, packages };
  } finally {
    await bundle.close();
  }
}

/** The only package a fast command may load at start: a few lines that find the config folder. */
const LIGHT_PACKAGES = new Set(['env-paths']);

// The fast chunk: what two or more of the fast path's commands load statically, when that takes no
// package but a light one (a command that needs zod at start would keep chunks of its own), less
// what main or the program chunk (commander, the definitions) load: those would make `porthole
// --help` load the fast chunk. What one command alone needs stays in a chunk of its own (one per
// command, below), so `list` does not compile `who`'s report.
const users = new Map<string, number>();
const closures = new Map<string, Set<string>>();
for (const run of fastRunModules()) {
  const closure = await staticClosure([run]);
  if (![...closure.packages].every((p) => LIGHT_PACKAGES.has(p))) continue;
  closures.set(run, closure.modules);
  for (const id of closure.modules) users.set(id, (users.get(id) ?? 0) + 1);
}
const fastModules = new Set([...users].flatMap(([id, count]) => (count >= 2 ? [id] : [])));
if (fastModules.size === 0) throw new Error('no fast-path command without packages found');
const startModules = (await staticClosure([main])).modules;
const programModules = (await staticClosure([resolve(projectRoot, 'src-main/cli/program.ts')]))
  .modules;

export default defineConfig({
  input: { main },
  platform: 'node',
  tsconfig,
  resolve: { alias: { 'node:process': processGlobal } },
  plugins: [
    {
      // commander's node:child_process, loaded on its first spawn (cli/commander-child-process.cjs).
      name: 'commander-child-process',
      resolveId: (source, importer) =>
        source === 'node:child_process' && importer !== undefined && inCommander.test(importer)
          ? commanderChildProcess
          : null,
    },
  ],
  transform: { define: { __PORTHOLE_BUILD_ID__: JSON.stringify(buildId()) } },
  output: {
    dir: resolve(projectRoot, 'out/cli'),
    // CommonJS: bin/porthole.cjs and the bundle start without Node's ES module loader, which costs
    // a CLI start-up several milliseconds and every further file some more. Dynamic imports
    // become require() calls that run when the import would have.
    format: 'cjs',
    // ASCII only, so V8 keeps each chunk's source as a one-byte string: one non-ASCII character
    // (a `→` in a message) makes Node decode the whole file as UTF-8 into a two-byte string, twice
    // the memory and ~2 ms of a `porthole who` start. Strings are escaped (\u2192); JSDoc and
    // annotation comments, which could carry such characters, are dropped (legal ones stay), and
    // tests/node/packaging/cli-bundle.test.ts checks that no byte above 0x7f is left.
    charset: 'ascii',
    comments: { legal: true, annotation: false, jsdoc: false },
    entryFileNames: '[name].cjs',
    chunkFileNames: 'chunks/[name]-[hash].cjs',
    cleanDir: true,
    codeSplitting: {
      groups: [
        // zod in a chunk of its own: left to itself, rolldown also puts small shared modules
        // (domain/endpoint.ts…) in zod's chunk, and every command that needs one of them loads zod.
        { name: 'zod', test: /node_modules[\\/]zod[\\/]/ },
        // What every command loads (main's own modules), first: the fast group below takes its
        // modules' dependencies along, and would take these out of main into the fast chunk.
        {
          name: 'start',
          test: (id) => startModules.has(id) || id === processGlobal,
          priority: 2,
        },
        {
          name: 'fast',
          test: (id) => fastModules.has(id) && !startModules.has(id) && !programModules.has(id),
          priority: 1,
        },
        // Each fast command's own modules in one chunk (`who`: its body, probes, report and
        // texts), not in one small chunk per set of commands sharing them: a file less is a
        // resolution and a read less at start.
        ...[...closures].map(([run, modules]) => ({
          name: basename(run, '.ts'),
          test: (id: string) =>
            modules.has(id) &&
            !fastModules.has(id) &&
            !startModules.has(id) &&
            !programModules.has(id),
        })),
      ],
    },
  },
});
