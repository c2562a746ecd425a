// Serves the built renderer over porthole://app/, confined to its folder: pages get a real origin, not file://.
import type { CustomScheme } from 'electron';
import { readStatic } from '../app-files/static-files.js';
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

/** The path a porthole://app/ URL names (still encoded), or null when the URL is not ours. */
function appPathname(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST ? parsed.pathname : null;
}

/**
 * protocol.handle's handler: GET only, the built window's own files only (browser mode's
 * confinement: no climbing out, no symlinks out, no hidden files), with the CSP on every page.
 */
export async function serveAppFile(
  request: { url: string; method: string },
  root: string,
  csp: string,
): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response('method not allowed', { status: 405 });
  }
  const pathname = appPathname(request.url);
  const file = pathname === null ? null : await readStatic(root, pathname);
  if (file?.kind !== 'file') return new Response('not found', { status: 404 });
  const headers: Record<string, string> = {
    'Content-Type': file.type,
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': csp,
  };
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(file.body), { headers });
}
