// Pure: turns the filter box's text into a predicate over sockets (space-separated terms, all must match).
import { conflictIndex, inConflict, type ConflictIndex } from './conflict-index.js';
import {
  isListener,
  matchesContainerTerm,
  isLoopback,
  SOCKET_STATES,
  type PortSocket,
} from '../../src-main/domain/index.js';

export { conflictIndex, inConflict, type ConflictIndex };

type SocketState = PortSocket['state'];

export type FilterTerm =
  /** A bare number: local or remote port, or PID. */
  | { kind: 'number'; value: number; negate: boolean }
  | { kind: 'port'; value: number; negate: boolean }
  | { kind: 'pid'; value: number; negate: boolean }
  | { kind: 'user'; value: string; negate: boolean }
  | { kind: 'keyword'; value: Keyword; negate: boolean }
  | { kind: 'state'; value: SocketState; negate: boolean }
  /** `container:web`: part of the container's name, or its compose service. */
  | { kind: 'container'; value: string; negate: boolean }
  /** `image:postgres`: part of the container's image. */
  | { kind: 'image'; value: string; negate: boolean }
  /** Anything else: a substring of the process name, command line, user or an address. */
  | { kind: 'text'; value: string; negate: boolean };

export type Keyword =
  | 'exposed'
  | 'loopback'
  | 'tcp'
  | 'udp'
  | 'v4'
  | 'v6'
  | 'listen'
  | 'connection'
  | 'conflict'
  | 'unattributed'
  | 'container';

export interface ParsedFilter {
  terms: FilterTerm[];
  /** Terms that were ignored, in plain words ("port 70000 is out of range (1-65535)"). */
  errors: string[];
}

/** What a term needs beyond the socket itself. */
export interface FilterContext {
  /** The listeners involved in a conflict. */
  conflicts: ConflictIndex;
}

const KEYWORDS: Record<string, Keyword> = {
  exposed: 'exposed',
  public: 'exposed',
  loopback: 'loopback',
  local: 'loopback',
  tcp: 'tcp',
  udp: 'udp',
  v4: 'v4',
  ipv4: 'v4',
  v6: 'v6',
  ipv6: 'v6',
  listen: 'listen',
  listening: 'listen',
  listener: 'listen',
  listeners: 'listen',
  connection: 'connection',
  connections: 'connection',
  connected: 'connection',
  conflict: 'conflict',
  conflicts: 'conflict',
  unattributed: 'unattributed',
  unknown: 'unattributed',
  container: 'container',
  containers: 'container',
};

const MAX_TERMS = 20;

function parseNumber(text: string, what: 'port' | 'pid', errors: string[]): number | null {
  if (!/^\d+$/.test(text)) {
    errors.push(`${what} "${text}" is not a number`);
    return null;
  }
  const value = Number(text);
  const max = what === 'port' ? 65535 : 2 ** 31 - 1;
  if (value < 1 || value > max) {
    errors.push(`${what} ${text} is out of range (1-${max})`);
    return null;
  }
  return value;
}

function parseTerm(raw: string, errors: string[]): FilterTerm | null {
  const negate = raw.length > 1 && (raw.startsWith('-') || raw.startsWith('!'));
  const word = negate ? raw.slice(1) : raw;
  const lower = word.toLowerCase();
  const keyed = /^(port|pid|user|container|image):(.*)$/.exec(lower);
  if (keyed) {
    const [, key, rest = ''] = keyed;
    if (key === 'user' || key === 'container' || key === 'image')
      return rest ? { kind: key, value: rest, negate } : null;
    const value = parseNumber(rest, key === 'port' ? 'port' : 'pid', errors);
    return value === null ? null : { kind: key === 'port' ? 'port' : 'pid', value, negate };
  }
  if (lower.startsWith(':')) {
    const value = parseNumber(lower.slice(1), 'port', errors);
    return value === null ? null : { kind: 'port', value, negate };
  }
  if (/^\d+$/.test(lower)) {
    const value = Number(lower);
    if (value < 1 || value > 2 ** 31 - 1) {
      errors.push(`${word} is neither a port (1-65535) nor a PID`);
      return null;
    }
    return { kind: 'number', value, negate };
  }
  const keyword = KEYWORDS[lower];
  if (keyword) return { kind: 'keyword', value: keyword, negate };
  // `listen` never gets here: the keyword above (listeners of any protocol, UDP too) takes it.
  const state = SOCKET_STATES.find((s) => s.toLowerCase() === lower.replace('-', '_'));
  if (state) return { kind: 'state', value: state, negate };
  return { kind: 'text', value: lower, negate };
}

/**
 * Parses the filter text. Accepts `62893`, `:3000`, `port:3000`, `pid 4121`, `pid:4121`,
 * `user:alice`, `container:web`, `image:postgres`, keywords (exposed, loopback, tcp, udp, v4,
 * v6, listen, connection, conflict, unattributed, containers), TCP state names, and any other
 * word as a name; `-word` or `!word` negates.
 */
export function parseFilter(text: string): ParsedFilter {
  const errors: string[] = [];
  const words = text.trim().split(/\s+/).filter(Boolean);
  const terms: FilterTerm[] = [];
  for (let i = 0; i < words.length; i += 1) {
    let word = words[i]!;
    // "pid 4121" / "port 3000" as two words: join them.
    const next = words[i + 1];
    if (/^[-!]?(pid|port)$/i.test(word) && next !== undefined && /^\d+$/.test(next)) {
      word = `${word}:${next}`;
      i += 1;
    }
    const term = parseTerm(word, errors);
    if (term) terms.push(term);
  }
  if (terms.length > MAX_TERMS) {
    errors.push(`only the first ${MAX_TERMS} terms are used`);
    terms.length = MAX_TERMS;
  }
  return { terms, errors };
}

// Records keep their identity across refreshes (applyDiff reuses unchanged ones), so each one's
// searchable text is lowercased once, not on every keystroke.
const searchTexts = new WeakMap<PortSocket, string>();

/**
 * What a name term searches: addresses, process, command, user, container name and image,
 * lowercased, joined by a newline. A term never holds whitespace (the text is split on it), so
 * no match spans two fields; a newline is no letter either, so lowercasing the whole equals lowercasing each field.
 */
export function searchTextOf(s: PortSocket): string {
  let text = searchTexts.get(s);
  if (text === undefined) {
    // One join, not `+=`: a flat string, which a search reads without copying it first.
    text = [
      s.localAddress,
      s.remoteAddress,
      s.process,
      s.command,
      s.user,
      s.container?.name,
      s.container?.image,
    ]
      .join('\n')
      .toLowerCase();
    searchTexts.set(s, text);
  }
  return text;
}

function matchKeyword(s: PortSocket, keyword: Keyword, context: FilterContext): boolean {
  switch (keyword) {
    case 'exposed':
      return s.exposure === 'all-interfaces' || s.exposure === 'network';
    case 'loopback':
      return s.exposure === 'loopback' || (s.exposure === null && isLoopback(s.localAddress));
    case 'tcp':
    case 'udp':
      return s.protocol === keyword;
    case 'v4':
      return s.family === 4;
    case 'v6':
      return s.family === 6;
    case 'listen':
      return isListener(s);
    case 'connection':
      return !isListener(s);
    case 'conflict':
      return inConflict(s, context.conflicts);
    case 'unattributed':
      return s.pid === null && !s.published;
    case 'container':
      return Boolean(s.container);
  }
}

/** Whether the socket matches the term, negation aside. */
export function matchesTerm(s: PortSocket, term: FilterTerm, context: FilterContext): boolean {
  switch (term.kind) {
    case 'number':
      return (
        s.localPort === term.value ||
        s.remotePort === term.value ||
        s.pid === term.value ||
        (s.pids?.includes(term.value) ?? false)
      );
    case 'port':
      return s.localPort === term.value || s.remotePort === term.value;
    case 'pid':
      return s.pid === term.value || (s.pids?.includes(term.value) ?? false);
    case 'user':
      return s.user !== null && s.user.toLowerCase() === term.value;
    case 'keyword':
      return matchKeyword(s, term.value, context);
    case 'state':
      return s.state === term.value;
    // What `--container`/`--image` and watch expectations match (`/db`, `docker.io/library/postgres`),
    // and, as the user types, any part of the name or image; a container also by its compose service.
    case 'container': {
      const c = s.container;
      return (
        !!c &&
        (matchesContainerTerm('container', term.value, c) ||
          c.name.toLowerCase().includes(term.value) ||
          c.service?.toLowerCase() === term.value)
      );
    }
    case 'image': {
      const c = s.container;
      return (
        !!c &&
        (matchesContainerTerm('image', term.value, c) || c.image.toLowerCase().includes(term.value))
      );
    }
    case 'text':
      return searchTextOf(s).includes(term.value);
  }
}

/** True when the socket satisfies every term (an empty filter matches everything). */
export function matchesFilter(
  s: PortSocket,
  terms: readonly FilterTerm[],
  context: FilterContext,
): boolean {
  return terms.every((term) => matchesTerm(s, term, context) !== term.negate);
}

/** The sockets the filter keeps, in their order: `sockets` itself when there is no term. */
export function filterSockets(
  sockets: readonly PortSocket[],
  terms: readonly FilterTerm[],
  context: FilterContext,
): readonly PortSocket[] {
  if (terms.length === 0) return sockets;
  return sockets.filter((s) => matchesFilter(s, terms, context));
}

/** True when two contexts make every term match the same sockets. */
export function sameContext(a: FilterContext, b: FilterContext): boolean {
  return a.conflicts === b.conflicts;
}
