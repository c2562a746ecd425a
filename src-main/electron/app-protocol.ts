// Serves the built renderer over porthole://app/, confined to its folder: pages get a real origin, not file://.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { CustomScheme } from 'electron';
import { APP_HOST, APP_SCHEME } from './renderer-location.js';

/**
 * Registered before `ready`. Standard + secure gives the page a proper origin for 'self' in its
 * CSP and for module scripts, which a file:// page without the file-privileges fuse cannot load.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  // codeCache: V8 keeps the window's compiled script between opens (standard schemes only), so a
  // reopened window skips most of its start-up compile.
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/** The file a URL names inside `root`, or null when it is not ours or would climb out of `root`. */
export function appFilePath(root: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let relative: string;
  try {
    relative = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (relative.includes('\0')) return null;
  if (relative === '/' || relative === '') relative = '/index.html';
  const base = path.resolve(root);
  const file = path.resolve(base, `.${relative}`);
  return file.startsWith(base + path.sep) ? file : null;
}

/** protocol.handle's handler: GET only, known files only, with the CSP on every page. */
export async function serveAppFile(
  request: { url: string; method: string },
  root: string,
  csp: string,
  readFile: (file: string) => Promise<Uint8Array> = (file) => fs.readFile(file),
): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response('method not allowed', { status: 405 });
  }
  const file = appFilePath(root, request.url);
  if (file === null) return new Response('not found', { status: 404 });
  let body: Uint8Array;
  try {
    body = await readFile(file);
  } catch {
    return new Response('not found', { status: 404 });
  }
  const headers: Record<string, string> = {
    'Content-Type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': csp,
  };
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { headers });
}
