// One build owns each output folder: only `npm run build` writes out/, and every script that needs
// out/ goes through it, so no two builds ever race for the same files (they once did for out/renderer).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import config from '../../../electron.vite.config.js';
import cliConfig from '../../../rolldown.cli.config.js';
import { defaultRendererDir } from '../../../src-main/app-files/static-files.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const scripts = (
  JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  }
).scripts;

/** A command that writes build output: a bundler, or tsc on the emitting project. */
const EMITS =
  /\belectron-vite\b|\bvite build\b|\brolldown\b|\btsc -p tsconfig\.node\.json(?! --noEmit)/;

/** tsc's outDir for out/node, as TypeScript itself reads tsconfig.node.json. */
function tscOutDir(): string {
  const file = path.join(root, 'tsconfig.node.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(
    file,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  return path.resolve(parsed!.options.outDir!);
}

interface Outputs {
  main: { build: { outDir: string } };
  preload: { build: { outDir: string } };
  renderer: { build: { outDir: string } };
}
const bundles = config as unknown as Outputs;

describe('the one build', () => {
  test('only `build` runs a compiler or bundler that writes out/', () => {
    const writers = Object.entries(scripts).filter(([, command]) => EMITS.test(command));
    expect(writers.map(([name]) => name)).toEqual(['build']);
  });

  test.each(['test', 'dist', 'bench', 'soak'])(
    '`npm run %s` builds with `npm run build`',
    (name) => {
      expect(scripts[name]).toMatch(/^npm run build && /);
    },
  );

  test('`npm start` is bin/start.js, which runs `npm run build` (start.test.ts)', () => {
    expect(scripts.start).toBe('node bin/start.js');
  });

  test('each output folder has exactly one writer, none inside another', () => {
    const dirs = [
      tscOutDir(),
      bundles.main.build.outDir,
      bundles.preload.build.outDir,
      bundles.renderer.build.outDir,
      (cliConfig.output as { dir: string }).dir,
    ].map((dir) => path.resolve(dir));
    expect(dirs).toEqual(
      ['node', 'main', 'preload', 'renderer', 'cli'].map((d) => path.join(root, 'out', d)),
    );
  });

  test('browser mode serves the very folder the Electron window loads', () => {
    // src-main/electron/main.ts loads the window from <out/main>/../renderer.
    const electronWindow = path.join(bundles.main.build.outDir, '../renderer');
    expect(path.resolve(defaultRendererDir())).toBe(path.resolve(electronWindow));
    expect(path.resolve(bundles.renderer.build.outDir)).toBe(path.resolve(electronWindow));
  });
});
