// The shape of the `porthole` bundle (out/cli, CommonJS): what every start loads, what the fast
// path's commands load, and that it requires no package at run time. Read from the built files:
// a static `require()` at a chunk's top runs when the chunk loads; `Promise.resolve().then(() =>
// require(…))` is a dynamic import, run when the code gets there.
import { readFileSync, readdirSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { expect, test } from 'vitest';
import { builtFile } from '../../helpers/built-output.js';

const MAIN = builtFile('cli/main.cjs');
const DIR = path.dirname(MAIN);
const files = [
  MAIN,
  ...readdirSync(path.join(DIR, 'chunks')).map((f) => path.join(DIR, 'chunks', f)),
];
const text = new Map(files.map((f) => [f, readFileSync(f, 'utf8')]));

/** The require() specifiers of a bundle file: those at its top (static) and every one. */
function requires(file: string): { static: string[]; all: string[] } {
  const code = text.get(file) ?? '';
  const statics = [
    ...code.matchAll(/^(?:(?:const|let|var) [\w$]+ = )?require\("([^"]+)"\);$/gm),
  ].map((m) => m[1]!);
  const all = [...code.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]!);
  return { static: statics, all };
}

/** Every file `entry` loads with it: its static requires, transitively. */
function staticClosure(entry: string): string[] {
  const loaded = new Set<string>();
  const visit = (file: string): void => {
    if (loaded.has(file)) return;
    loaded.add(file);
    for (const s of requires(file).static)
      if (s.startsWith('.')) visit(path.resolve(path.dirname(file), s));
  };
  visit(entry);
  return [...loaded];
}

/** The modules bundled into these files: rolldown marks each module's region with its path. */
function modulesIn(loaded: string[]): string[] {
  return loaded.flatMap((f) =>
    [...(text.get(f) ?? '').matchAll(/^\/\/ ((?:node_modules|src-main)\/\S+)$/gm)].map(
      (m) => m[1]!,
    ),
  );
}

/** The chunk a dynamic import of `<name>-run` in the start chunk loads. */
function runChunk(name: string): string {
  const start = staticClosure(MAIN).find((f) => /[\\/]start-[\w-]+\.cjs$/.test(f));
  const code = start ? (text.get(start) ?? '') : '';
  const m = new RegExp(`require\\("(\\./${name}-run-[\\w-]+\\.cjs)"\\)`).exec(code);
  if (!m?.[1] || !start) throw new Error(`no dynamic import of ${name}-run in the start chunk`);
  return path.resolve(path.dirname(start), m[1]);
}

const HEAVY =
  /^node_modules\/(zod|commander|proper-lockfile|graceful-fs|systeminformation|prom-client|@modelcontextprotocol|write-file-atomic)\//;

/**
 * Package names the bundle's text holds without loading them: systeminformation's optional macOS
 * sensor packages (required in a try, on macOS only) and ajv's generated-code templates
 * (``codegen`require("ajv/…")` `` is text for standalone validators, never run here).
 */
const NOT_LOADED = new Set([
  'osx-temperature-sensor',
  'macos-temperature-sensor',
  'ajv/dist/runtime/validation_error',
  'ajv-formats/dist/formats',
]);

test('the bundle requires no package: only Node built-ins and its own chunks', () => {
  const bare = files
    .flatMap((f) => requires(f).all)
    .filter((s) => !s.startsWith('.') && !isBuiltin(s) && !NOT_LOADED.has(s));
  expect(bare).toEqual([]);
});

test('every start loads main and its own modules only: no package, no core but errors', () => {
  const modules = modulesIn(staticClosure(MAIN));
  expect(modules).toContain('src-main/cli/fast-path.ts');
  const foreign = modules.filter(
    (m) => !/^src-main\/(cli\/(?!commands\/)|core\/errors\.ts$)/.test(m),
  );
  expect(foreign).toEqual([]);
});

test('commander and the command definitions load only when the fast path hands over', () => {
  const start = modulesIn(staticClosure(MAIN));
  expect(start.filter((m) => m.startsWith('node_modules/commander/'))).toEqual([]);
  const program = files.find((f) => /[\\/]program-[\w-]+\.cjs$/.test(f));
  expect(program).toBeDefined();
  const loaded = modulesIn(staticClosure(program!));
  expect(loaded.some((m) => m.startsWith('node_modules/commander/'))).toBe(true);
  expect(loaded).toContain('src-main/cli/commands/watch.ts');
  // --help needs none of a command's body: no core module, no heavy package.
  expect(loaded.filter((m) => HEAVY.test(m) && !m.startsWith('node_modules/commander/'))).toEqual(
    [],
  );
  expect(
    loaded.filter((m) => m.startsWith('src-main/core/') && m !== 'src-main/core/errors.ts'),
  ).toEqual([]);
});

test.each(['status', 'list', 'who', 'conflicts'])(
  '%s loads no zod, commander, lock, systeminformation, metrics or MCP code',
  (name) => {
    const loaded = modulesIn(staticClosure(runChunk(name)));
    expect(loaded).toContain(`src-main/cli/commands/${name}-run.ts`);
    expect(loaded).toContain('src-main/core/collector/proc-collector.ts');
    expect(loaded.filter((m) => HEAVY.test(m))).toEqual([]);
    // Settings are validated by zod only when settings.json changed (core/settings/checked-cache.ts).
    expect(loaded).not.toContain('src-main/core/settings/schema.ts');
  },
);

test('node:net and node:dns load when a probe first needs them, not at start', () => {
  const required = (entry: string) =>
    staticClosure(entry).flatMap((f) => requires(f).static.filter((s) => s.startsWith('node:')));
  for (const name of ['status', 'list', 'who', 'conflicts']) {
    expect(required(runChunk(name))).not.toContain('node:net');
    expect(required(runChunk(name))).not.toContain('node:dns/promises');
  }
  // The prober takes them from Node when it probes (process.getBuiltinModule).
  const prober = files.find((f) =>
    (text.get(f) ?? '').includes('// src-main/core/watches/prober.ts'),
  );
  expect(text.get(prober!)).toContain('process.getBuiltinModule("node:net")');
});

test('every file is ASCII: V8 keeps one-byte sources, and a message keeps its → and · as escapes', () => {
  for (const [file, code] of text) {
    const offending = /[^\t\n\r\x20-\x7e]/.exec(code);
    expect(offending, `${path.basename(file)} at ${offending?.index}`).toBeNull();
  }
  // The escapes are there in place of the characters, not lost: the texts still hold them.
  const all = [...text.values()].join('\n');
  expect(all).toContain('\\u2192'); // →
  expect(all).toContain('\\u00B7'); // ·
});
