// The dependency arrows between Porthole's folders, as one table: the lint rule `porthole/layers`
// (eslint.config.js) and tests/node/architecture/layers.test.ts both read it. See ARCHITECTURE.md.
import { builtinModules } from 'node:module';
import path from 'node:path';

/**
 * Each layer: the layers it may import, and which packages it may import (`all`, or a list;
 * `node` = Node built-ins, `electron` = the electron module).
 * @type {Record<string, {may: string[], packages: 'all' | string[], why: string}>}
 */
export const LAYERS = {
  domain: {
    may: [],
    packages: ['zod'],
    why: 'records and rules every layer shares; runs anywhere (no Node, no Electron, no Svelte)',
  },
  core: { may: ['domain'], packages: ['node', 'npm'], why: 'the Electron-free engine' },
  shared: { may: ['domain'], packages: ['zod'], why: 'the contract both sides of a border import' },
  service: {
    may: ['core', 'domain', 'shared'],
    packages: ['node', 'npm'],
    why: 'the transport-free service every border calls',
  },
  'app-files': { may: [], packages: ['node'], why: 'serving the built window, for both borders' },
  cli: {
    // `porthole serve` starts browser mode: the CLI composes the web border.
    may: ['service', 'core', 'domain', 'shared', 'web', 'mcp', 'metrics'],
    packages: ['node', 'npm'],
    why: 'the porthole command',
  },
  web: {
    may: ['service', 'core', 'domain', 'shared', 'app-files'],
    packages: ['node', 'npm'],
    why: "browser mode's HTTP border",
  },
  mcp: {
    may: ['service', 'core', 'domain', 'shared'],
    packages: ['node', 'npm'],
    why: 'the Model Context Protocol border for coding agents (`porthole mcp`)',
  },
  metrics: {
    may: ['service', 'core', 'domain', 'shared'],
    packages: ['node', 'npm'],
    why: 'the Prometheus border (`porthole metrics`)',
  },
  electron: {
    may: ['service', 'core', 'domain', 'shared', 'app-files'],
    packages: 'all',
    why: 'the thin desktop shell',
  },
  preload: { may: ['shared'], packages: ['electron', 'zod'], why: "the window's one bridge" },
  renderer: {
    may: ['shared', 'domain'],
    packages: ['npm'],
    why: 'the Svelte window; it runs in a browser',
  },
};

/** The layer of a repository-relative path, or null outside src-main/ and src-renderer/. */
export function layerOf(file) {
  const parts = file.split(/[\\/]/);
  if (parts[0] === 'src-renderer') return 'renderer';
  if (parts[0] === 'src-main' && parts.length > 2 && parts[1] in LAYERS) return parts[1];
  return null;
}

const NODE = new Set(builtinModules);

/** `node`, `electron` or `npm` for a bare specifier. */
function packageKind(spec) {
  if (spec.startsWith('node:') || NODE.has(spec.split('/')[0])) return 'node';
  if (spec === 'electron' || spec.startsWith('electron/')) return 'electron';
  return 'npm';
}

function packageName(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * Why `fromFile` (repository-relative) may not import `spec`, or null when it may.
 * Relative specifiers are resolved against the importing file.
 */
export function layerViolation(fromFile, spec) {
  const from = layerOf(fromFile);
  if (from === null) return null;
  const rule = LAYERS[from];
  if (spec.startsWith('.')) {
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), spec));
    const to = layerOf(target);
    if (to === null || to === from || rule.may.includes(to)) return null;
    return `${from} may not import ${to} (${from} may import: ${rule.may.join(', ') || 'nothing'}); see ARCHITECTURE.md`;
  }
  if (rule.packages === 'all') return null;
  const kind = packageKind(spec);
  if (rule.packages.includes(kind) || rule.packages.includes(packageName(spec))) return null;
  const what =
    kind === 'npm'
      ? `the package ${packageName(spec)}`
      : kind === 'node'
        ? 'Node built-ins'
        : 'electron';
  return `${from} may not import ${what}: ${rule.why}`;
}

/** The ESLint rule: every import, export-from and dynamic import checked against the table. */
export const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: "Porthole's dependency arrows (scripts/layers.mjs)" },
    schema: [],
  },
  create(context) {
    const file = path.relative(context.cwd, context.filename).split(path.sep).join('/');
    const check = (node) => {
      const spec = node.source?.value;
      if (typeof spec !== 'string') return;
      const message = layerViolation(file, spec);
      if (message) context.report({ node: node.source, message });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};
