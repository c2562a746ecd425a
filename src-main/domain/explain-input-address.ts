// Node-free reading of the endpoints error messages print: `127.0.0.1:3000`, `:::3000`, `[::1]:80`, URLs.
import { ipv4Octets } from './ip-address.js';

/** An endpoint as a message names it: host null when it names no address (`:8080`, `port 53`). */
export interface Endpoint {
  host: string | null;
  port: number | null;
}

const HEX_GROUP = /^[0-9a-f]{1,4}$/;
const HOST_LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;
const URL_START =
  /^([a-z][a-z0-9+.-]{0,30}):\/\/(?:[^@/\s]{0,200}@)?(\[[^\]/\s]{0,64}\]|[^:/?#\s]{0,253})(?::(\d{0,6}))?(?:[/?#]|$)/i;
/** Ports a URL means when it names none, by scheme. */
const SCHEME_PORTS: Readonly<Record<string, number>> = {
  http: 80,
  ws: 80,
  https: 443,
  wss: 443,
  ftp: 21,
  ssh: 22,
  postgres: 5432,
  postgresql: 5432,
  mysql: 3306,
  redis: 6379,
  mongodb: 27017,
  amqp: 5672,
};

export function isIPv4(text: string): boolean {
  return ipv4Octets(text) !== null;
}

/** The RFC 5952 text of an IPv6 address (`0:0:0:0:0:0:0:1` → `::1`), or null when it is not one. */
export function canonicalIPv6(text: string): string | null {
  const lower = text.toLowerCase();
  if (lower.length > 45 || lower.includes('%')) return null;
  const halves = lower.split('::');
  if (halves.length > 2) return null;
  const groupsOf = (half: string): string[] => (half === '' ? [] : half.split(':'));
  const head = groupsOf(halves[0] ?? '');
  const tail = halves.length === 2 ? groupsOf(halves[1] ?? '') : [];
  const last = (tail.length > 0 ? tail : head).at(-1);
  // An embedded IPv4 tail (::ffff:127.0.0.1) keeps its dotted text; it counts as two groups.
  const v4 = last !== undefined && last.includes('.') ? last : null;
  if (v4 !== null) {
    if (!isIPv4(v4)) return null;
    (tail.length > 0 ? tail : head).pop();
  }
  const width = 8 - (v4 === null ? 0 : 2);
  const named = head.length + tail.length;
  if (![...head, ...tail].every((g) => HEX_GROUP.test(g))) return null;
  if (halves.length === 1 ? named !== width : named >= width) return null;
  const groups = [...head, ...Array<string>(width - named).fill('0'), ...tail].map((g) =>
    parseInt(g, 16).toString(16),
  );
  const joined = compress(groups);
  if (v4 === null) return joined;
  return joined.endsWith(':') ? `${joined}${v4}` : `${joined}:${v4}`;
}

/** Joins groups, replacing the longest run (two or more) of zero groups with `::`. */
function compress(groups: string[]): string {
  let best = { at: -1, length: 1 };
  for (let i = 0; i < groups.length;) {
    let j = i;
    while (j < groups.length && groups[j] === '0') j++;
    if (j - i > best.length) best = { at: i, length: j - i };
    i = j === i ? i + 1 : j;
  }
  if (best.at < 0) return groups.join(':');
  const before = groups.slice(0, best.at).join(':');
  const after = groups.slice(best.at + best.length).join(':');
  return `${before}::${after}`;
}

/** A host as a client would name it: an IPv4 or canonical IPv6 address, or a lower-cased DNS name. */
export function normaliseHost(text: string): string | null {
  if (isIPv4(text)) return text;
  if (text.includes(':')) return canonicalIPv6(text);
  const host = text.toLowerCase();
  const labels = (host.endsWith('.') ? host.slice(0, -1) : host).split('.');
  if (host.length > 253 || !labels.every((label) => HOST_LABEL.test(label))) return null;
  // All-numeric last label: a mistyped IPv4 address, not a name.
  return /^\d+$/.test(labels.at(-1) ?? '') ? null : host;
}

/** A port in 1..65535 from digits, or null. */
export function portNumber(text: string | undefined): number | null {
  if (text === undefined || !/^\d{1,5}$/.test(text)) return null;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : null;
}

/** Quotes, brackets and sentence punctuation around a token, as messages wrap endpoints. */
export function stripWrapping(token: string): string {
  let text = token.replace(/^[('"{<`]+/, '').replace(/[)\]}'",.;:>`]+$/, '');
  // A leading `[` stays only when it brackets an IPv6 host followed by its port: `[::1]:80`.
  if (text.startsWith('[') && !/^\[[^\]]*\]:\d/.test(text)) text = text.slice(1);
  return text;
}

/**
 * `host:port` as a message prints it. `bareIPv6` allows Node's unbracketed `::1:3000` (the last
 * colon splits); elsewhere an unbracketed IPv6 address is refused as ambiguous.
 */
export function splitHostPort(token: string, bareIPv6 = false): Endpoint | null {
  const text = stripWrapping(token);
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    const host = canonicalIPv6(text.slice(1, close));
    const port = portNumber(text.slice(close + 2));
    return host === null || port === null ? null : { host, port };
  }
  const colon = text.lastIndexOf(':');
  if (colon < 0) return null;
  const hostText = text.slice(0, colon);
  if (hostText.includes(':') && !bareIPv6) return null;
  const port = portNumber(text.slice(colon + 1));
  if (port === null) return null;
  if (hostText === '') return { host: null, port };
  const host = normaliseHost(hostText);
  return host === null ? null : { host, port };
}

/** `scheme://host[:port]/…`: the port the URL names, else its scheme's default (port null when none). */
export function readUrl(token: string): Endpoint | null {
  const m = URL_START.exec(stripWrapping(token));
  if (m === null) return null;
  const [, scheme = '', hostText = '', portText] = m;
  const bare = hostText.startsWith('[') ? hostText.slice(1, -1) : hostText;
  const host = bare === '' ? null : normaliseHost(bare);
  if (bare !== '' && host === null) return null;
  if (portText !== undefined && portText !== '') {
    const port = portNumber(portText);
    return port === null ? null : { host, port };
  }
  return { host, port: SCHEME_PORTS[scheme.toLowerCase()] ?? null };
}

/** An endpoint token of any form a message uses: a URL or host:port. */
export function readEndpoint(token: string, bareIPv6 = false): Endpoint | null {
  return /^[('"[{<`]*[a-z][a-z0-9+.-]{0,30}:\/\//i.test(token)
    ? readUrl(token)
    : splitHostPort(token, bareIPv6);
}
