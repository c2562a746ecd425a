// Locks a window down: CSP on our pages, no navigation away, no new windows or webviews, no permission but clipboard writes.
import { CONTENT_SECURITY_POLICY, CSP_DIRECTIVES } from '../shared/csp.js';
import type { ContentsHandle, SessionHandle } from './handles.js';
import { isRendererUrl, type RendererLocation } from './renderer-location.js';

/**
 * Browser mode's policy (shared/csp.ts). In development Vite's client also needs its websocket for
 * hot reload, and injects each component's CSS as a `<style>` element: only there 'unsafe-inline'.
 */
export function contentSecurityPolicy(location: RendererLocation): string {
  if (location.kind === 'app') return CONTENT_SECURITY_POLICY;
  const ws = location.origin.replace(/^http:/, 'ws:');
  return CSP_DIRECTIVES.map((d) => {
    if (d.startsWith('connect-src')) return `${d} ${ws}`;
    if (d.startsWith('style-src')) return `${d} 'unsafe-inline'`;
    return d;
  }).join('; ');
}

/** The one permission our pages get: writing sanitized text to the clipboard. */
const CLIPBOARD_WRITE = 'clipboard-sanitized-write';

export function hardenSession(session: SessionHandle, location: RendererLocation): void {
  const csp = contentSecurityPolicy(location);
  // Unfiltered: filter patterns cannot name a custom scheme, so the listener picks our responses.
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isRendererUrl(location, details.url)) {
      callback({});
      return;
    }
    // Electronegativity cannot read a policy that is not a literal here; scripts/scan-security.mjs
    // evaluates shared/csp.ts itself (and window.test.ts asserts what is sent).
    const responseHeaders = { ...details.responseHeaders };
    responseHeaders['Content-Security-Policy'] = [csp]; // eng-disable CSP_GLOBAL_CHECK
    callback({ responseHeaders });
  });
  // Porthole needs no camera, notifications-from-the-page or anything else. It may write plain text
  // to the clipboard (Copy command, Copy address) from its own pages; it never reads the clipboard.
  const allowed = (permission: string, url: string | undefined): boolean =>
    permission === CLIPBOARD_WRITE && url !== undefined && isRendererUrl(location, url);
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(allowed(permission, details.requestingUrl)),
  );
  session.setPermissionCheckHandler((_contents, permission, _origin, details) =>
    allowed(permission, details.requestingUrl),
  );
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
