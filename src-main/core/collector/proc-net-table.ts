// Parses the kernel's socket tables (/proc/net/{tcp,tcp6,udp,udp6}) into plain socket entries.
// Works on the raw bytes: at 5,000 sockets a string + regex parse costs more than the read itself.
import { compressGroups, type NormalizedAddress } from '../platform/address.js';
import { CollectorError } from '../errors.js';
import type { Family, Protocol, SocketState } from '../../domain/model.js';

/** One row of a /proc/net table, addresses already normalized. */
export interface ProcNetEntry {
  protocol: Protocol;
  family: Family;
  localAddress: string;
  localPort: number;
  remoteAddress: string | null;
  remotePort: number | null;
  state: SocketState;
  /** Owner uid of the socket as the kernel recorded it. */
  uid: number;
  /** 0 for sockets no process holds any more (TIME_WAIT, orphans, pending requests). */
  inode: number;
}

export interface ProcNetTable {
  entries: ProcNetEntry[];
  /** Lines that did not have the kernel's shape. */
  skipped: number;
}

// include/net/tcp_states.h; 12 is TCP_NEW_SYN_RECV, a pending connection request.
const TCP_STATES: readonly SocketState[] = [
  'UNKNOWN',
  'ESTABLISHED',
  'SYN_SENT',
  'SYN_RECV',
  'FIN_WAIT1',
  'FIN_WAIT2',
  'TIME_WAIT',
  'CLOSE',
  'CLOSE_WAIT',
  'LAST_ACK',
  'LISTEN',
  'CLOSING',
  'SYN_RECV',
];
const TCP_CLOSE = 7;

const NL = 10;
const SPACE = 32;
const COLON = 58;
const HEX = new Int8Array(256).fill(-1);
for (let c = 0; c < 10; c++) HEX[48 + c] = c;
for (let c = 0; c < 6; c++) HEX[65 + c] = HEX[97 + c] = 10 + c;

// Few distinct addresses appear on a machine; decoding each once keeps the warm path cheap.
const CACHE_LIMIT = 4096;
const v4Cache = new Map<number, NormalizedAddress | null>();
const v6Cache = new Map<string, NormalizedAddress | null>();
const ANY6: NormalizedAddress = { address: '::', family: 6 };
const LO6: NormalizedAddress = { address: '::1', family: 6 };
const LO6_WORD = 0x01000000;
const MAPPED_WORD = 0xffff0000;

function remember<K>(
  cache: Map<K, NormalizedAddress | null>,
  key: K,
  value: NormalizedAddress | null,
): NormalizedAddress | null {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/** An IPv4 address from its kernel word: the bytes of a 32-bit word are stored least significant first. */
function v4FromWord(word: number): NormalizedAddress | null {
  const cached = v4Cache.get(word);
  if (cached !== undefined) return cached;
  // Four bytes always make a canonical dotted quad: no parsing (node:net's isIP compiles a large
  // regular expression on first use, a real share of a one-shot `porthole list`).
  const address = `${word & 0xff}.${(word >>> 8) & 0xff}.${(word >>> 16) & 0xff}.${word >>> 24}`;
  return remember(v4Cache, word, { address, family: 4 });
}

function v6FromWords(w0: number, w1: number, w2: number, w3: number): NormalizedAddress | null {
  if (w0 === 0 && w1 === 0) {
    if (w2 === 0 && w3 === 0) return ANY6;
    if (w2 === 0 && w3 === LO6_WORD) return LO6;
    // IPv4-mapped (::ffff:a.b.c.d) is reported as the IPv4 address.
    if (w2 === MAPPED_WORD) return v4FromWord(w3);
  }
  const key = `${w0} ${w1} ${w2} ${w3}`;
  const cached = v6Cache.get(key);
  if (cached !== undefined) return cached;
  const groups: number[] = [];
  for (const word of [w0, w1, w2, w3]) {
    groups.push(
      ((word & 0xff) << 8) | ((word >>> 8) & 0xff),
      ((word >>> 16) & 0xff) * 256 + (word >>> 24),
    );
  }
  return remember(v6Cache, key, { address: compressGroups(groups), family: 6 });
}

/** Value of `digits` hex digits at `at`, or -1 when one is not a hex digit. */
function hexAt(b: Uint8Array, at: number, digits: number): number {
  let value = 0;
  for (let i = at; i < at + digits; i++) {
    const d = HEX[b[i] ?? 0] ?? -1;
    if (d < 0) return -1;
    value = value * 16 + d;
  }
  return value;
}

/** Reads `hexaddr:port` at `at` into `out` ([address, port, next position]); false when malformed. */
function readEndpoint(
  b: Uint8Array,
  at: number,
  family: Family,
  out: [NormalizedAddress | null, number, number],
): boolean {
  const digits = family === 4 ? 8 : 32;
  if (b[at + digits] !== COLON) return false;
  let address: NormalizedAddress | null;
  if (family === 4) {
    const w = hexAt(b, at, 8);
    if (w < 0) return false;
    address = v4FromWord(w);
  } else {
    const w0 = hexAt(b, at, 8);
    const w1 = hexAt(b, at + 8, 8);
    const w2 = hexAt(b, at + 16, 8);
    const w3 = hexAt(b, at + 24, 8);
    if (w0 < 0 || w1 < 0 || w2 < 0 || w3 < 0) return false;
    address = v6FromWords(w0, w1, w2, w3);
  }
  const port = hexAt(b, at + digits + 1, 4);
  if (port < 0 || address === null) return false;
  out[0] = address;
  out[1] = port;
  out[2] = at + digits + 5;
  return true;
}

function skipSpaces(b: Uint8Array, i: number, end: number): number {
  while (i < end && b[i] === SPACE) i++;
  return i;
}

function skipField(b: Uint8Array, i: number, end: number): number {
  while (i < end && b[i] !== SPACE) i++;
  return i;
}

/** Decimal number at `i` up to the next space: [value, next position], value -1 when none. */
function decimalAt(b: Uint8Array, i: number, end: number): [number, number] {
  let value = 0;
  const start = i;
  for (; i < end; i++) {
    const c = b[i] ?? 0;
    if (c < 48 || c > 57) break;
    value = value * 10 + (c - 48);
  }
  return [i > start && (i === end || b[i] === SPACE || b[i] === 13) ? value : -1, i];
}

const scratchLocal: [NormalizedAddress | null, number, number] = [null, 0, 0];
const scratchRemote: [NormalizedAddress | null, number, number] = [null, 0, 0];

/** Parses the line in b[start, end); null when it does not have the kernel's shape. */
function parseLineBytes(
  b: Uint8Array,
  start: number,
  end: number,
  protocol: Protocol,
  family: Family,
): ProcNetEntry | null {
  // "  sl: local:port remote:port st tx:rx tr:when retrnsmt uid timeout inode ..." (same columns for UDP)
  let i = skipSpaces(b, start, end);
  const slStart = i;
  while (i < end && (b[i] ?? 0) >= 48 && (b[i] ?? 0) <= 57) i++;
  if (i === slStart || b[i] !== COLON) return null;
  i = skipSpaces(b, i + 1, end);
  if (!readEndpoint(b, i, family, scratchLocal) || b[scratchLocal[2]] !== SPACE) return null;
  if (!readEndpoint(b, scratchLocal[2] + 1, family, scratchRemote) || b[scratchRemote[2]] !== SPACE)
    return null;
  i = scratchRemote[2] + 1;
  const stateCode = hexAt(b, i, 2);
  if (stateCode < 0 || b[i + 2] !== SPACE) return null;
  i += 2;
  for (let field = 0; field < 3; field++) i = skipField(b, skipSpaces(b, i, end), end); // tx:rx, tr:when, retrnsmt
  const [uid, afterUid] = decimalAt(b, skipSpaces(b, i, end), end);
  i = skipField(b, skipSpaces(b, afterUid, end), end); // timeout
  const [inode] = decimalAt(b, skipSpaces(b, i, end), end);
  if (uid < 0 || inode < 0) return null;

  const local = scratchLocal[0] as NormalizedAddress;
  const remote = scratchRemote[0] as NormalizedAddress;
  const remotePort = scratchRemote[1];
  // A peer of wildcard:0 means "no peer": listeners, unconnected UDP, bound-only TCP.
  const hasPeer = remotePort !== 0 || (remote.address !== '0.0.0.0' && remote.address !== '::');
  let state: SocketState;
  if (protocol === 'udp')
    state = hasPeer
      ? 'ESTABLISHED'
      : stateCode === TCP_CLOSE
        ? 'UNCONN'
        : (TCP_STATES[stateCode] ?? 'UNKNOWN');
  else state = TCP_STATES[stateCode] ?? 'UNKNOWN';
  return {
    protocol,
    family: local.family,
    localAddress: local.address,
    localPort: scratchLocal[1],
    remoteAddress: hasPeer ? remote.address : null,
    remotePort: hasPeer ? remotePort : null,
    state,
    uid,
    inode,
  };
}

/** Parses one data line of a /proc/net table; null when it does not have the kernel's shape. */
export function parseProcNetLine(
  line: string,
  protocol: Protocol,
  family: Family,
): ProcNetEntry | null {
  const bytes = Buffer.from(line, 'latin1');
  return parseLineBytes(bytes, 0, bytes.length, protocol, family);
}

/** Decodes a kernel hex address (8 or 32 hex digits, 32-bit words in host byte order). */
export function decodeProcAddress(hex: string): NormalizedAddress | null {
  const out: [NormalizedAddress | null, number, number] = [null, 0, 0];
  const family: Family = hex.length === 8 ? 4 : 6;
  if (hex.length !== 8 && hex.length !== 32) return null;
  return readEndpoint(Buffer.from(`${hex}:0000`, 'latin1'), 0, family, out) ? out[0] : null;
}

/**
 * Parses a whole table from bytes[0, length). Text without the kernel's header is a
 * CollectorError('parse'); single malformed lines are counted in `skipped` so one odd line does
 * not lose the snapshot.
 */
export function parseProcNetBytes(
  bytes: Uint8Array,
  length: number,
  protocol: Protocol,
  family: Family,
  name: string,
): ProcNetTable {
  const entries: ProcNetEntry[] = [];
  let skipped = 0;
  let headerEnd = bytes.indexOf(NL);
  if (headerEnd < 0 || headerEnd > length) headerEnd = length;
  const header = Buffer.from(bytes.buffer, bytes.byteOffset, headerEnd).toString('latin1');
  if (!header.includes('local_address')) {
    if (header.trim() === '' && headerEnd >= length - 1) return { entries, skipped };
    throw new CollectorError(`/proc/net/${name} does not look like a kernel socket table`, 'parse');
  }
  let start = headerEnd + 1;
  while (start < length) {
    let end = bytes.indexOf(NL, start);
    if (end < 0 || end > length) end = length;
    if (end > start) {
      const entry = parseLineBytes(bytes, start, end, protocol, family);
      if (entry) entries.push(entry);
      else skipped += 1;
    }
    start = end + 1;
  }
  return { entries, skipped };
}

/** parseProcNetBytes over text. */
export function parseProcNetTable(
  text: string,
  protocol: Protocol,
  family: Family,
  name = `${protocol}${family === 6 ? '6' : ''}`,
): ProcNetTable {
  const bytes = Buffer.from(text, 'latin1');
  return parseProcNetBytes(bytes, bytes.length, protocol, family, name);
}
