// Node-free: reads what the user gave `porthole explain` (an error paste, URL, host:port or port) into a target and situation.
import type { Protocol } from './model.js';
import {
  type Endpoint,
  canonicalIPv6,
  normaliseHost,
  readEndpoint,
  readUrl,
  splitHostPort,
} from './explain-input-address.js';
import { classify } from './explain-input-reasons.js';
import { RECOGNISERS, type Reading, type Recogniser } from './explain-input-recognisers.js';

export type ExplainSituation =
  | 'connect-refused'
  | 'address-in-use'
  | 'permission-denied'
  | 'timeout'
  /** A plain target with no error, or a failure Porthole has no situation for. */
  | 'reachability';

/**
 * host null: the input names no address (`3000`, Go's `listen tcp :8080`, `Port 8080 was already
 * in use`). For a listen error that means every address, as a bare port does for a watch.
 */
export interface ExplainTarget {
  host: string | null;
  port: number;
  protocol: Protocol;
}

export interface ExplainInput {
  input: string;
  target: ExplainTarget;
  situation: ExplainSituation;
  /** Which recogniser read it (`node`, `curl`, …; `port`, `host-port`, `url` for plain targets). */
  recogniser: string;
  /** The port is the tool's default (MySQL's 3306), not one the message printed. */
  assumedPort: boolean;
}

/** Input with no usable port; `error` says what was found and what was expected (exit 2). */
export interface ExplainInputError {
  input: string;
  error: string;
}

/** Longer pastes are cut here, and each line here, so reading stays cheap whatever is pasted. */
export const MAX_INPUT_CHARS = 65_536;
export const MAX_LINE_CHARS = 2_000;
const MAX_LINES = 2_000;
const EXPECTED =
  "give a port (3000), host:port, a URL or a pasted error line such as 'connect ECONNREFUSED 127.0.0.1:3000'";
const SITUATION_TEXT: Readonly<Record<ExplainSituation, string>> = {
  'connect-refused': 'a refused connection',
  'address-in-use': 'an address already in use',
  'permission-denied': 'a permission error',
  timeout: 'a timeout',
  reachability: 'an endpoint',
};
// eslint-disable-next-line no-control-regex
const ANSI_OR_CONTROL = /\u001b\[[0-9;?]{0,20}[A-Za-z]|[\u0000-\u0008\u000b-\u001f\u007f]/g;
/** Endpoints a line may name in passing: URLs, IPv4:port, [IPv6]:port, localhost:port. */
const ENDPOINT_TOKEN =
  /[a-z][a-z0-9+.-]{1,20}:\/\/[^\s"'<>]{1,300}|\[[0-9a-fA-F:.]{2,45}\]:\d{1,5}|\b(?:\d{1,3}\.){3}\d{1,3}:\d{1,5}\b|\blocalhost:\d{1,5}\b/gi;

/** Last in the table: a line with a failure in words or errno and, if any, an endpoint on it. */
const REASON_AND_ENDPOINT: Recogniser = {
  name: 'reason-and-endpoint',
  pattern: /[^\n]{1,2000}/,
  read: (m) => {
    const situation = classify(m[0]);
    if (situation === null) return null;
    const endpoint = endpointsIn(m[0]).find((e) => e.port !== null);
    return { situation, host: endpoint?.host ?? null, port: endpoint?.port ?? null };
  },
};
const TABLE = [...RECOGNISERS, REASON_AND_ENDPOINT];

interface Hit {
  name: string;
  reading: Reading;
}

/**
 * `words` are the command's arguments, joined with spaces (a shell splits an unquoted paste into
 * words). The first line an error recogniser reads with a port wins; a recognised error with no
 * port takes the port from a first or last argument (`3000 "<message>"`) or a URL in the text;
 * plain targets are read only when no error was recognised.
 */
export function parseExplainInput(words: readonly string[]): ExplainInput | ExplainInputError {
  const input = words.join(' ').slice(0, MAX_INPUT_CHARS).trim();
  if (input === '') return { input, error: `nothing to explain: ${EXPECTED}` };
  const lines = toLines(input);
  const hit = recognise(lines);
  if (hit !== null && hit.reading.port !== null) return result(input, hit, hit.reading.port);

  const args = words.map((w) => w.trim()).filter((w) => w !== '');
  const given = argumentTarget(args);
  if (hit !== null) {
    const endpoint = given && 'port' in given ? given : endpointsIn(lines.join(' ')).at(0);
    if (endpoint?.port != null) {
      const host = endpoint.host ?? hit.reading.host;
      return result(input, { ...hit, reading: { ...hit.reading, host } }, endpoint.port);
    }
    return { input, error: missingPort(hit.reading, input) };
  }
  if (given !== null) {
    if ('error' in given) return { input, error: given.error };
    const name = args.length === 1 ? given.kind : 'arguments';
    const reading = { situation: null, host: given.host, port: given.port };
    return result(input, { name, reading }, given.port);
  }
  const passing = endpointsIn(lines.join(' ')).find((e) => e.port !== null);
  if (passing?.port != null) {
    return result(
      input,
      { name: 'endpoint-in-text', reading: { ...passing, situation: null } },
      passing.port,
    );
  }
  return { input, error: `no port found in "${echo(input)}": ${EXPECTED}` };
}

export function isExplainInputError(
  value: ExplainInput | ExplainInputError,
): value is ExplainInputError {
  return 'error' in value;
}

/** Lines without terminal colours, control characters or runs of blanks; empty lines dropped. */
function toLines(input: string): string[] {
  return input
    .split(/\r\n|\r|\n/)
    .map((line) =>
      line.slice(0, MAX_LINE_CHARS).replace(ANSI_OR_CONTROL, '').replace(/\s+/g, ' ').trim(),
    )
    .filter((line) => line !== '')
    .slice(0, MAX_LINES);
}

function recognise(lines: readonly string[]): Hit | null {
  let pending: Hit | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    for (const recogniser of TABLE) {
      const text = recogniser.lines ? lines.slice(i, i + recogniser.lines).join(' ') : line;
      const m = recogniser.pattern.exec(text);
      // A window of lines must still start its match on this line, so earlier lines win.
      if (m === null || m.index >= line.length) continue;
      const reading = recogniser.read(m);
      if (reading === null) continue;
      if (reading.port !== null) return { name: recogniser.name, reading };
      if (pending === null && reading.situation !== null) {
        pending = { name: recogniser.name, reading };
      }
    }
  }
  return pending;
}

function result(input: string, hit: Hit, port: number): ExplainInput {
  const { reading } = hit;
  return {
    input,
    target: { host: reading.host, port, protocol: reading.protocol ?? 'tcp' },
    situation: reading.situation ?? 'reachability',
    recogniser: hit.name,
    assumedPort: reading.assumedPort ?? false,
  };
}

function endpointsIn(text: string): Endpoint[] {
  return [...text.matchAll(ENDPOINT_TOKEN)]
    .map((m) => readEndpoint(m[0]))
    .filter((e): e is Endpoint => e !== null);
}

function missingPort(reading: Reading, input: string): string {
  const what = `${SITUATION_TEXT[reading.situation ?? 'reachability']}${reading.host === null ? '' : ` on ${reading.host}`}`;
  if (/Unix domain socket/i.test(input)) {
    return `found ${what}, but on a Unix domain socket, which has no TCP port: ${EXPECTED}`;
  }
  const how = reading.hint ?? 'add the port (3000), host:port or the URL you opened';
  return `found ${what} but no port in it: ${how}`;
}

type ArgumentTarget = (Endpoint & { port: number; kind: string }) | { error: string };

/**
 * A target the arguments give on their own: the only argument, `host port` (as nc takes them), or
 * a first or last argument that is a whole target. Bare numbers elsewhere in a pasted message
 * (`[Errno 98]`, line numbers) are not ports.
 */
function argumentTarget(args: readonly string[]): ArgumentTarget | null {
  if (args.length === 2) {
    const host = normaliseHost(args[0] ?? '');
    const port = readTarget(args[1] ?? '');
    if (host !== null && port !== null && 'port' in port && port.kind === 'port') {
      return { ...port, host, kind: 'host-port' };
    }
  }
  const ends = args.length === 1 ? args : [args[0] ?? '', args.at(-1) ?? ''];
  const read = ends.map(readTarget).filter((t): t is ArgumentTarget => t !== null);
  return read.find((t) => 'port' in t) ?? (args.length === 1 ? (read[0] ?? null) : null);
}

/** One word as a plain target, an error saying what is wrong with it, or null if it is none. */
export function readTarget(word: string): ArgumentTarget | null {
  const text = word.trim();
  // A pasted message is not a target; the endpoints in it are read by the recognisers.
  if (/\s/.test(text)) return null;
  if (/^\d+$/.test(text)) {
    const port = Number(text);
    if (port >= 1 && port <= 65535) return { host: null, port, kind: 'port' };
    return { error: `port ${echo(text)} is out of range (1-65535)` };
  }
  const url = /^([a-z][a-z0-9+.-]{0,30}):\/\//i.exec(text);
  if (url !== null) {
    const endpoint = readUrl(text);
    if (endpoint === null)
      return { error: `"${echo(text)}" is not a URL with a valid host and port` };
    if (endpoint.port === null) {
      return {
        error: `"${echo(text)}" names no port, and ${url[1] ?? ''}: has no default: add :PORT`,
      };
    }
    return { host: endpoint.host, port: endpoint.port, kind: 'url' };
  }
  if (!text.includes(':')) {
    const host = normaliseHost(text);
    if (host === null || !(host.includes('.') || host === 'localhost')) return null;
    return { error: `"${echo(text)}" has no port: write ${echo(text)}:PORT` };
  }
  const endpoint = splitHostPort(text);
  if (endpoint?.port != null)
    return { host: endpoint.host, port: endpoint.port, kind: 'host-port' };
  return { error: hostPortProblem(text) };
}

function hostPortProblem(text: string): string {
  if (!text.startsWith('[') && canonicalIPv6(text) !== null) {
    return `"${echo(text)}" is an IPv6 address with no port: write [${echo(text)}]:PORT`;
  }
  if (!text.startsWith('[') && text.split(':').length > 2) {
    return `"${echo(text)}" has more than one ":": put an IPv6 host in brackets, e.g. [::1]:3000`;
  }
  const port = text.slice(text.lastIndexOf(':') + 1);
  if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
    return `"${echo(port)}" in "${echo(text)}" is not a port (a number 1-65535)`;
  }
  return `"${echo(text)}" does not name a valid host: ${EXPECTED}`;
}

/** Input quoted back in an error: one line, at most 80 characters. */
function echo(text: string): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > 80 ? `${line.slice(0, 80)}…` : line;
}
