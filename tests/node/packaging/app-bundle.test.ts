// What `npm run build` wrote for the app: a main bundle that packs, one sandbox-safe CJS preload, a relative renderer.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { Script } from 'node:vm';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { builtFile, PROJECT_ROOT } from '../../helpers/built-output.js';

/** Module specifiers a file imports or requires, as TypeScript's pre-processor finds them. */
function specifiers(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return [...new Set(info.importedFiles.map((f) => f.fileName))].sort();
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

describe('main bundle', () => {
  test('imports only electron, Node built-ins and production dependencies', () => {
    const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    const found = specifiers(builtFile('main/index.js'));
    const external = found.filter((s) => !s.startsWith('.'));
    // Anything else is a devDependency (absent from the packed app) or a path into the sources.
    const strays = external.filter(
      (s) => s !== 'electron' && !builtins.has(s) && !(packageName(s) in pkg.dependencies),
    );
    expect(strays).toEqual([]);
    // Node dependencies stay external (electron-builder packs them from node_modules).
    expect(external).toContain('systeminformation');
    expect(external).toContain('electron');
  });

  test('relative imports point at files the build wrote', () => {
    const main = builtFile('main/index.js');
    for (const s of specifiers(main).filter((x) => x.startsWith('.'))) {
      expect(existsSync(path.resolve(path.dirname(main), s)), s).toBe(true);
    }
  });
});

describe('preload bundle', () => {
  const preload = builtFile('preload/index.cjs');

  test('is one file, index.cjs', () => {
    expect(readdirSync(builtFile('preload'), { recursive: true })).toEqual(['index.cjs']);
  });

  test('is CommonJS: it compiles as a classic script (no import/export statements)', () => {
    expect(() => new Script(readFileSync(preload, 'utf8'), { filename: preload })).not.toThrow();
  });

  test('requires only what a sandboxed preload may require', () => {
    // Electron's sandboxed preload `require` serves electron, events, timers and url only.
    const allowed = new Set(['electron', 'events', 'timers', 'url']);
    const required = specifiers(preload).map((s) => s.replace(/^node:/, ''));
    expect(required.filter((s) => !allowed.has(s))).toEqual([]);
    expect(required).toContain('electron');
  });
});

describe('renderer bundle', () => {
  const html = () => readFileSync(builtFile('renderer/index.html'), 'utf8');

  test('loads its scripts and styles by relative URLs that exist', () => {
    // data: URLs (an empty favicon) load nothing; everything else must come from beside the page.
    const urls = [...html().matchAll(/\b(?:src|href)="([^"]+)"/g)]
      .map((m) => m[1]!)
      .filter((url) => !url.startsWith('data:'));
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) {
      expect(
        url,
        'relative (base ./) so porthole://app/ and the loopback server both work',
      ).toMatch(/^\.\//);
      expect(existsSync(path.join(builtFile('renderer'), url)), url).toBe(true);
    }
  });

  test('carries no policy of its own: the one CSP comes with the response (shared/csp.ts)', () => {
    // A second, looser policy in a meta tag would be one more text to keep in step.
    expect(html()).not.toMatch(/Content-Security-Policy/i);
  });
});
