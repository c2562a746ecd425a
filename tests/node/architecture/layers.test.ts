// The dependency arrows hold over the whole tree, and the folders import each other without cycles.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { LAYERS, layerOf, layerViolation } from '../../../scripts/layers.mjs';

const root = path.resolve(import.meta.dirname, '../../..');

/** Every source file of the app, repository-relative. */
function sourceFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  });
  return listed
    .split('\n')
    .filter((f) => /^(src-main|src-renderer)\/.*\.(ts|svelte)$/.test(f))
    .filter((f) => !f.endsWith('.d.ts'));
}

/** Import, export-from and dynamic-import specifiers (type-only ones too). */
function specifiers(text: string): string[] {
  const found = text.matchAll(
    /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm,
  );
  return [...found].map((m) => m[1] ?? m[2] ?? m[3]!);
}

const imports = sourceFiles().flatMap((file) =>
  specifiers(readFileSync(path.join(root, file), 'utf8')).map((spec) => ({ file, spec })),
);

describe('layers', () => {
  test('the scan sees the tree (a vacuous pass would hide every broken arrow)', () => {
    expect(imports.length).toBeGreaterThan(500);
    const layers = new Set(imports.map((i) => layerOf(i.file)));
    for (const name of Object.keys(LAYERS)) expect(layers).toContain(name);
  });

  test('every import follows the arrows in scripts/layers.mjs', () => {
    const broken = imports
      .map(({ file, spec }) => ({ file, spec, why: layerViolation(file, spec) }))
      .filter((i) => i.why !== null)
      .map((i) => `${i.file} imports ${i.spec}: ${i.why}`);
    expect(broken).toEqual([]);
  });

  test('the folders import each other without a cycle', () => {
    const edges = new Map<string, Set<string>>();
    for (const { file, spec } of imports) {
      if (!spec.startsWith('.')) continue;
      const from = layerOf(file);
      const to = layerOf(path.posix.join(path.posix.dirname(file), spec));
      if (from === null || to === null || from === to) continue;
      edges.set(from, (edges.get(from) ?? new Set()).add(to));
    }
    const cycles: string[] = [];
    const visit = (node: string, trail: string[]): void => {
      if (trail.includes(node)) {
        cycles.push([...trail.slice(trail.indexOf(node)), node].join(' → '));
        return;
      }
      for (const next of edges.get(node) ?? []) visit(next, [...trail, node]);
    };
    for (const node of edges.keys()) visit(node, []);
    expect([...new Set(cycles)]).toEqual([]);
  });

  test('the table itself has no cycle, and the checks refuse what the arrows forbid', () => {
    expect(layerViolation('src-main/core/rules/a.ts', '../../electron/tray.js')).toMatch(
      /core may not import electron/,
    );
    expect(layerViolation('src-main/domain/a.ts', 'node:net')).toMatch(/Node built-ins/);
    expect(layerViolation('src-main/cli/a.ts', 'electron')).toMatch(/electron/);
    expect(layerViolation('src-renderer/lib/a.ts', 'node:fs')).toMatch(/Node built-ins/);
    expect(layerViolation('src-renderer/lib/a.ts', '../../src-main/core/errors.js')).toMatch(
      /renderer may not import core/,
    );
    expect(layerViolation('src-main/preload/a.ts', '../service/index.js')).toMatch(/preload/);
    expect(layerViolation('src-main/service/a.ts', '../core/errors.js')).toBeNull();
    for (const [name, rule] of Object.entries(LAYERS)) {
      for (const below of rule.may)
        expect(LAYERS[below]!.may, `${name} ↔ ${below}`).not.toContain(name);
    }
  });
});
