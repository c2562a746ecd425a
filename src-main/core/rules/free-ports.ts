// Suggests ports near a wanted one that nothing uses and that really bind on every local address family.
import dgram from 'node:dgram';
import net from 'node:net';
import { InputError } from '../errors.js';
import type { Protocol, Snapshot } from '../../domain/model.js';

export interface FreePortOptions {
  /** Where to start looking (default 3000); the search goes upward first, then downward. */
  near?: number;
  /** How many ports to suggest (default 5, at most 50). */
  count?: number;
  /** Ports any socket in it uses (any protocol, listeners and connections) are skipped. */
  snapshot?: Snapshot | null;
  protocol?: Protocol;
}

/**
 * Every address a server might bind: a port is only "free" when all of them work, because a
 * listener on 127.0.0.1 blocks 0.0.0.0 and one on ::1 blocks :: (but not each other).
 */
const PROBE_ADDRESSES = ['127.0.0.1', '::1', '0.0.0.0', '::'] as const;
/** Bind attempts per call: keeps a crowded range from turning into a long scan. */
const MAX_TRIES = 300;
const MAX_COUNT = 50;

type BindOutcome = 'bound' | 'taken' | 'no-family';

/** The machine lacks this address (no IPv6, say): skip it rather than call every port taken. */
function outcomeOf(error: NodeJS.ErrnoException): BindOutcome {
  return error.code === 'EADDRNOTAVAIL' || error.code === 'EAFNOSUPPORT' ? 'no-family' : 'taken';
}

function bindTcp(host: string, port: number): Promise<BindOutcome> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(outcomeOf(error)));
    server.listen({ host, port, exclusive: true, ipv6Only: false }, () => {
      server.close(() => resolve('bound'));
    });
  });
}

function bindUdp(host: string, port: number): Promise<BindOutcome> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket({ type: host.includes(':') ? 'udp6' : 'udp4' });
    socket.unref();
    socket.once('error', (error: NodeJS.ErrnoException) => {
      try {
        socket.close();
      } catch {
        // A socket that never bound may refuse to close; nothing is held either way.
      }
      resolve(outcomeOf(error));
    });
    socket.bind({ address: host, port, exclusive: true }, () => {
      socket.close(() => resolve('bound'));
    });
  });
}

/** Tries ports on every family, remembering families the machine lacks for the rest of the call. */
class BindProbe {
  readonly #missing = new Set<string>();
  constructor(readonly protocol: Protocol) {}

  async isFree(port: number): Promise<boolean> {
    let bound = 0;
    // One address at a time: binding 0.0.0.0 while our own 127.0.0.1 test socket is open would fail.
    for (const host of PROBE_ADDRESSES) {
      if (this.#missing.has(host)) continue;
      const outcome = await (this.protocol === 'udp' ? bindUdp(host, port) : bindTcp(host, port));
      if (outcome === 'taken') return false;
      if (outcome === 'no-family') this.#missing.add(host);
      else bound += 1;
    }
    return bound > 0;
  }
}

function checkProtocol(protocol: unknown): Protocol {
  if (protocol === 'tcp' || protocol === 'udp') return protocol;
  throw new InputError(`protocol must be "tcp" or "udp", got ${JSON.stringify(protocol)}`);
}

function checkPort(value: unknown, what: string): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535) {
    return value;
  }
  throw new InputError(`${what} must be a whole port number from 1 to 65535, got ${String(value)}`);
}

/** Candidates around `near`: upward to 65535, then downward to 1024 (or to 1 when near is below 1024). */
function* candidates(near: number): Generator<number> {
  const floor = near < 1024 ? 1 : 1024;
  for (let port = near; port <= 65535; port += 1) yield port;
  for (let port = near - 1; port >= floor; port -= 1) yield port;
}

/** Up to `count` ports near `near` that the snapshot does not use and that bind on every family. */
export async function suggestFreePorts(options: FreePortOptions = {}): Promise<number[]> {
  const near = checkPort(options.near ?? 3000, 'near');
  const count = options.count ?? 5;
  if (!Number.isInteger(count) || count < 1 || count > MAX_COUNT) {
    throw new InputError(
      `count must be a whole number from 1 to ${MAX_COUNT}, got ${String(count)}`,
    );
  }
  const probe = new BindProbe(checkProtocol(options.protocol ?? 'tcp'));
  const used = new Set((options.snapshot?.sockets ?? []).map((s) => s.localPort));
  const found: number[] = [];
  let tries = 0;
  for (const port of candidates(near)) {
    if (found.length >= count || tries >= MAX_TRIES) break;
    if (used.has(port)) continue;
    tries += 1;
    if (await probe.isFree(port)) found.push(port);
  }
  return found;
}

/** True when `port` binds right now on every address family this machine has. */
export async function isPortFree(port: number, protocol: Protocol = 'tcp'): Promise<boolean> {
  return new BindProbe(checkProtocol(protocol)).isFree(checkPort(port, 'port'));
}
