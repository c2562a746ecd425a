// The window's Content Security Policy: the one text Electron's window and browser mode both send.

/**
 * Only our own files. `style-src 'self'` without 'unsafe-inline': every style sheet is the built
 * CSS file, and what Svelte's `style:` directives and virtua's row positions set goes through the
 * CSSOM (element.style), which CSP does not govern. A `<style>` element or a `style="..."` in
 * markup would be refused, and that is the point.
 */
export const CSP_DIRECTIVES: readonly string[] = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
];

export const CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.join('; ');
