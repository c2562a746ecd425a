// Locks a window down: CSP on our pages, no navigation away, no new windows or webviews, no permissions.
import type { ContentsHandle, SessionHandle } from './handles.js';
import { isRendererUrl, type RendererLocation } from './renderer-location.js';

/** Same policy as the renderer's meta tag; the header also covers what a meta tag cannot (frame-ancestors). */
const POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
];

/** In development Vite's client also needs its websocket for hot reload. */
export function contentSecurityPolicy(location: RendererLocation): string {
  if (location.kind === 'app') return POLICY.join('; ');
  const ws = location.origin.replace(/^http:/, 'ws:');
  return POLICY.map((d) => (d.startsWith('connect-src') ? `${d} ${ws}` : d)).join('; ');
}

export function hardenSession(session: SessionHandle, location: RendererLocation): void {
  const csp = contentSecurityPolicy(location);
  // Unfiltered: filter patterns cannot name a custom scheme, so the listener picks our responses.
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isRendererUrl(location, details.url)) {
      callback({});
      return;
    }
    // The policy is built by contentSecurityPolicy() at run time, so the scanner cannot parse it;
    // its exact text is asserted in tests/node/electron/window.test.ts.
    const responseHeaders = { ...details.responseHeaders };
    responseHeaders['Content-Security-Policy'] = [csp]; // eng-disable CSP_GLOBAL_CHECK
    callback({ responseHeaders });
  });
  // Porthole needs no camera, clipboard, notifications-from-the-page or anything else.
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/**
 * The page never leaves our index (a reload is not a navigation): links to the web go through
 * api.openExternal, which vets them, so navigation, redirects and window.open are simply refused.
 */
export function hardenContents(contents: ContentsHandle): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
