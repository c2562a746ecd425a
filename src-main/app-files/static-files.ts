// Serves the built window (out/renderer) and never a file outside it, whatever the URL spells.
import { existsSync, readFileSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** The package root: the first directory up from this file whose package.json is Porthole's. */
export function packageRoot(from: string = fileURLToPath(new URL('./', import.meta.url))): string {
  let dir = from;
  for (let i = 0; i < 8; i += 1) {
    const manifest = path.join(dir, 'package.json');
    try {
      if (existsSync(manifest)) {
        const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown };
        if (pkg.name === 'porthole') return dir;
      }
    } catch {
      // An unreadable manifest is not ours: keep walking up.
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(`could not find Porthole's package.json above ${from}`);
}

/** Where `npm run build` puts the window: the same files the Electron window loads. */
export function defaultRendererDir(): string {
  return path.join(packageRoot(), 'out', 'renderer');
}

export type StaticFile =
  | { kind: 'file'; body: Buffer; type: string }
  | { kind: 'not-found' }
  /** The path tried to leave the renderer directory (`..%2f`, NUL, a symlink out). */
  | { kind: 'forbidden' };

function inside(root: string, file: string): boolean {
  return file === root || file.startsWith(root + path.sep);
}

/** The file a URL path names inside `root`; `/` is index.html. */
export async function readStatic(root: string, pathname: string): Promise<StaticFile> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { kind: 'forbidden' };
  }
  // NUL ends a C path early; a backslash is a separator on Windows. Neither is in a built file name.
  if (decoded.includes('\0') || decoded.includes('\\')) return { kind: 'forbidden' };
  const base = path.resolve(root);
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const file = path.resolve(base, relative);
  if (!inside(base, file) || file === base) return { kind: 'forbidden' };
  // Hidden files (.DS_Store, .vite) are build leftovers, not part of the window.
  if (
    path
      .relative(base, file)
      .split(path.sep)
      .some((part) => part.startsWith('.'))
  ) {
    return { kind: 'not-found' };
  }
  try {
    if (!(await stat(file)).isFile()) return { kind: 'not-found' };
    // A symlink inside the directory could still point anywhere.
    if (!inside(await realpath(base), await realpath(file))) return { kind: 'forbidden' };
    const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    return { kind: 'file', body: await readFile(file), type };
  } catch {
    return { kind: 'not-found' };
  }
}

/** Shown at `/` when the window has not been built. */
export const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Porthole</title></head>
<body>
<h1>Porthole</h1>
<p>The window is not built: run <code>npm run build</code> in the Porthole folder, then reload this page.</p>
</body>
</html>
`;
