// Where the window's page comes from (our app:// scheme over the built files, or electron-vite's dev server) and which URLs are ours.
import path from 'node:path';

/** Our privileged scheme: `porthole://app/index.html` serves out/renderer/index.html. */
export const APP_SCHEME = 'porthole';
export const APP_HOST = 'app';

export type RendererLocation =
  | { kind: 'app'; root: string; url: string; origin: string }
  | { kind: 'dev'; url: string; origin: string };

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The built page, unless electron-vite dev set ELECTRON_RENDERER_URL to a plain-http loopback
 * server. A packaged app ignores the variable: it would hand the preload's API to whatever page
 * someone's environment pointed at.
 */
export function rendererLocation(options: {
  rendererDir: string;
  env: NodeJS.ProcessEnv;
  packaged: boolean;
}): RendererLocation {
  const dev = options.packaged ? null : devServerUrl(options.env.ELECTRON_RENDERER_URL);
  if (dev) return { kind: 'dev', url: dev.href, origin: originOf(dev) };
  const origin = `${APP_SCHEME}://${APP_HOST}`;
  return {
    kind: 'app',
    root: path.resolve(options.rendererDir),
    url: `${origin}/index.html`,
    origin,
  };
}

function devServerUrl(raw: string | undefined): URL | null {
  const url = parse(raw ?? '');
  return url?.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname) && url.username === ''
    ? url
    : null;
}

function parse(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/** Scheme, host and port: WHATWG URL gives custom schemes an opaque `null` origin, so build it. */
function originOf(url: URL): string {
  return `${url.protocol}//${url.host}`;
}

/** True when `url` belongs to our page: same scheme, host and port as the renderer's origin. */
export function isRendererUrl(location: RendererLocation, url: string): boolean {
  const parsed = parse(url);
  return parsed !== null && originOf(parsed) === location.origin;
}
