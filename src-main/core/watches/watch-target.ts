// What to watch: parses and prints targets (`62893`, `db.internal:5432`). Building a validated
// WatchSpec (zod) is watch-spec.ts, so reading targets loads no schema library.
import { ipFamily } from '../../domain/ip-address.js';
import { isLoopback } from '../../domain/endpoint.js';
import { normalizeAddress } from '../platform/address.js';
import { InputError, echoInput } from '../errors.js';
import type { WatchTarget } from '../../domain/model.js';

export const HOW = 'write a port (3000) or host:port (db.internal:5432, [::1]:8080)';
const HOST_LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;
const URL_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * `62893` and `:62893` are local ports (host null); anything with a host keeps it, lower-cased for
 * names and in canonical form for IP addresses. Throws InputError naming what is wrong.
 */
export function parseWatchTarget(text: string): WatchTarget {
  if (typeof text !== 'string') throw new InputError(`the watch target must be text: ${HOW}`);
  const input = text.trim();
  if (input === '') throw new InputError(`the watch target is empty: ${HOW}`);
  if (/\s/.test(input)) throw new InputError(`"${echoInput(input)}" contains spaces: ${HOW}`);
  if (URL_SCHEME.test(input)) {
    throw new InputError(
      `"${echoInput(input)}" is a URL: write only host:port, e.g. db.internal:5432`,
    );
  }
  if (input.startsWith('[')) return parseBracketed(input);

  const colons = input.split(':').length - 1;
  if (colons === 0) {
    if (/^\d+$/.test(input)) return { host: null, port: parsePort(input, input) };
    if (input.includes('.') || input.toLowerCase() === 'localhost') {
      throw new InputError(`"${echoInput(input)}" has no port: write ${echoInput(input)}:PORT`);
    }
    throw new InputError(`"${echoInput(input)}" is not a port: ${HOW}`);
  }
  if (colons > 1) {
    throw new InputError(
      `"${echoInput(input)}" has more than one ":": put an IPv6 host in brackets, e.g. [::1]:8080`,
    );
  }
  const at = input.indexOf(':');
  const port = parsePort(input.slice(at + 1), input);
  const hostText = input.slice(0, at);
  return { host: hostText === '' ? null : parseHost(hostText), port };
}

/** Local targets are checked against this machine's sockets: a bare port, `localhost` or a loopback address. */
export function isLocalTarget(target: WatchTarget): boolean {
  if (target.host === null) return true;
  const host = target.host.toLowerCase();
  if (host === 'localhost' || host === 'localhost.') return true;
  return ipFamily(host) !== 0 && isLoopback(host);
}

function parsePort(text: string, whole: string): number {
  if (text === '') throw new InputError(`"${echoInput(whole)}" has no port after ":": ${HOW}`);
  if (!/^\d+$/.test(text))
    throw new InputError(`"${echoInput(text)}" is not a port (a number 1-65535)`);
  const port = Number(text);
  if (port < 1 || port > 65535)
    throw new InputError(`port ${echoInput(text)} is out of range (1-65535)`);
  return port;
}

function parseBracketed(input: string): WatchTarget {
  const close = input.indexOf(']');
  if (close < 0)
    throw new InputError(
      `"${echoInput(input)}" has an unclosed "[": write IPv6 hosts as [::1]:8080`,
    );
  const inner = input.slice(1, close);
  const rest = input.slice(close + 1);
  if (inner.includes('%')) {
    throw new InputError(
      `"${echoInput(input)}" has a zone id (%...): watch targets do not support them`,
    );
  }
  if (ipFamily(inner) !== 6) {
    const hint = ipFamily(inner) === 4 ? ': write IPv4 hosts without brackets' : '';
    throw new InputError(`"${echoInput(inner)}" in brackets is not an IPv6 address${hint}`);
  }
  if (rest === '')
    throw new InputError(`"${echoInput(input)}" has no port: write ${echoInput(input)}:PORT`);
  if (!rest.startsWith(':')) {
    throw new InputError(
      `"${echoInput(input)}" needs ":" and a port right after "]", e.g. [::1]:8080`,
    );
  }
  const port = parsePort(rest.slice(1), input);
  // Canonical text, so `[0:0:0:0:0:0:0:1]:80` and `[::1]:80` are the same watch.
  const address = normalizeAddress(inner, 6)?.address ?? inner.toLowerCase();
  return { host: address, port };
}

function parseHost(text: string): string {
  if (ipFamily(text) === 4) return text;
  const bad = /[^A-Za-z0-9._-]/.exec(text);
  if (bad)
    throw new InputError(
      `host "${echoInput(text)}" contains "${bad[0]}", which a host name cannot have`,
    );
  const host = text.toLowerCase();
  const labels = (host.endsWith('.') ? host.slice(0, -1) : host).split('.');
  if (/^\d+$/.test(labels[labels.length - 1] ?? '')) {
    throw new InputError(`host "${echoInput(text)}" is not a valid IPv4 address`);
  }
  if (host.length > 253 || !labels.every((label) => HOST_LABEL.test(label))) {
    throw new InputError(
      `host "${echoInput(text)}" is not a valid host name (labels of 1-63 letters, digits or "-", joined by ".")`,
    );
  }
  return host;
}
