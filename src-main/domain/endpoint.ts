// Node-free text of addresses and ports: wildcard and loopback tests, ports, endpoints, watch targets.
import type { Family, WatchTarget } from './model.js';

export function isWildcard(address: string): boolean {
  return address === '0.0.0.0' || address === '::';
}

export function isLoopback(address: string): boolean {
  return address === '::1' || address.startsWith('127.');
}

/** The loopback address of a family: where to bind a server only this machine should reach. */
export function loopbackOf(family: Family): string {
  return family === 6 ? '::1' : '127.0.0.1';
}

/** Parses a port from text or number; null unless it is a whole number 0..65535. */
export function parsePortNumber(raw: string | number | null | undefined): number | null {
  if (raw === null || raw === undefined) return null;
  const text = String(raw).trim();
  if (!/^\d{1,5}$/.test(text)) return null;
  const port = Number(text);
  return port <= 65535 ? port : null;
}

/**
 * `127.0.0.1:80`, `[::1]:80`: the address as a client would type it. A missing address (a
 * listener's peer) reads `*:PORT`, or '' when the port is missing too.
 */
export function formatEndpoint(address: string | null, port: number | null): string {
  if (address === null) return port === null ? '' : `*:${port}`;
  const host = address.includes(':') ? `[${address}]` : address;
  return port === null ? host : `${host}:${port}`;
}

/** `3000`, `db.internal:5432`, `[::1]:8080`: a watch target as the user writes it (and the parser reads it back). */
export function targetText(target: WatchTarget): string {
  return target.host === null ? String(target.port) : formatEndpoint(target.host, target.port);
}
