// Browser-mode border checks: the secret token header (constant-time), the Host and the Origin of each request.
import { randomBytes } from 'node:crypto';
import { tokensMatch } from '../core/platform/secret-compare.js';
import type { IncomingMessage } from 'node:http';

export const TOKEN_HEADER = 'x-porthole-token';

/** 32 random bytes, base64url: fresh on every start, so an old link stops working. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The API's only credential is the `X-Porthole-Token` header. Never a cookie: cookies are not
 * port-scoped, so a browser would hand one to every other server on 127.0.0.1.
 */
export function hasTokenHeader(req: IncomingMessage, token: string): boolean {
  return tokensMatch(token, headerValue(req, TOKEN_HEADER));
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * DNS rebinding: a page on evil.example whose name now resolves to 127.0.0.1 reaches this server
 * with `Host: evil.example:PORT`. Only the two names we print are accepted.
 */
export function hostAllowed(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host?.toLowerCase();
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** A request from another site's page carries its Origin; ours or none (a plain navigation) pass. */
export function originAllowed(req: IncomingMessage, port: number): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}
