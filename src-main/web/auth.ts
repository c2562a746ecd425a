// Browser-mode border checks: the secret token (constant-time), the Host and the Origin of each request.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'porthole_token';
export const TOKEN_HEADER = 'x-porthole-token';

/** 32 random bytes, base64url: fresh on every start, so an old link stops working. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Hashing first makes both sides the same length, so the compare leaks neither content nor length. */
export function tokensMatch(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string' || given === '') return false;
  const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(expected), digest(given));
}

/** Every value of the token cookie (a stale one from an earlier run may sit beside the fresh one). */
export function cookieTokens(header: string | undefined): string[] {
  if (!header) return [];
  const values: string[] = [];
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at < 0 || part.slice(0, at).trim() !== TOKEN_COOKIE) continue;
    values.push(part.slice(at + 1).trim());
  }
  return values;
}

export function tokenCookie(token: string): string {
  return `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

export interface TokenSources {
  cookie?: boolean;
  header?: boolean;
  /** `?token=`: only for the first page load and the event stream (EventSource sends no headers). */
  query?: boolean;
}

/** True when any allowed place carries the right token. */
export function hasToken(
  req: IncomingMessage,
  url: URL,
  token: string,
  sources: TokenSources,
): boolean {
  const given: (string | null | undefined)[] = [];
  if (sources.cookie) given.push(...cookieTokens(req.headers.cookie));
  if (sources.header) given.push(headerValue(req, TOKEN_HEADER));
  if (sources.query) given.push(url.searchParams.get('token'));
  // Every candidate is compared, so the time taken does not depend on which one matched.
  return given.map((value) => tokensMatch(token, value)).includes(true);
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
