// TCP connect probes, and "who answers localhost:PORT" across every loopback address a client may try.
// node:net and node:dns/promises load when a probe first needs them (process.getBuiltinModule,
// Node >= 20.16): `porthole list` shares this module's chunk with `who` and `status` and never
// probes. Probes time themselves with process.hrtime: the global `performance` loads perf_hooks,
// most of a millisecond of a `porthole who` start.
import { normalizeAddress } from '../platform/address.js';
import { InputError } from '../errors.js';
import { isListener } from '../../domain/model.js';
import type {
  Answer,
  Family,
  PortSocket,
  ProbeResult,
  Protocol,
  Snapshot,
} from '../../domain/model.js';

export type { ProbeResult } from '../../domain/model.js';

export type Probe = (host: string, port: number, timeoutMs?: number) => Promise<ProbeResult>;

export type Lookup = (name: string) => Promise<{ address: string; family: number }[]>;

export const DEFAULT_PROBE_TIMEOUT_MS = 1000;

/**
 * Connects once and closes right away. Never rejects for network trouble: the reason lands in
 * `error`. The timeout covers name resolution too, so a probe never outlasts its budget.
 */
export const probeTcp: Probe = async (host, port, timeoutMs = DEFAULT_PROBE_TIMEOUT_MS) => {
  checkPort(port);
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new InputError(`probe timeout must be a positive number of ms, got ${timeoutMs}`);
  }
  if (typeof host !== 'string' || host.trim() === '') throw new InputError('probe host is empty');
  const started = monotonicMs();
  const literal = normalizeAddress(host);
  if (literal) return connectOnce(literal.address, literal.family, port, timeoutMs);

  const resolved = await withTimeout(dnsLookup(host.trim()), timeoutMs);
  if (resolved === TIMED_OUT)
    return { address: host, family: 4, open: false, ms: null, error: 'timeout' };
  if (resolved instanceof Error) {
    return { address: host, family: 4, open: false, ms: null, error: errorCode(resolved) };
  }
  const family: Family = resolved.family === 6 ? 6 : 4;
  const left = timeoutMs - (monotonicMs() - started);
  if (left <= 0)
    return { address: resolved.address, family, open: false, ms: null, error: 'timeout' };
  return connectOnce(resolved.address, family, port, left);
};

/**
 * Probes 127.0.0.1, ::1 and whatever else `localhost` resolves to (in that order, once each), and
 * names the snapshot's listener each one reaches — even when it does not answer, since a listener
 * that stops accepting is exactly what the user needs to see.
 */
export async function whoAnswers(
  port: number,
  options: { snapshot?: Snapshot | null; timeoutMs?: number; lookup?: Lookup } = {},
): Promise<Answer[]> {
  return attributeAnswers(await probeLocalhost(port, options), options.snapshot ?? null, port);
}

/** whoAnswers' probes alone: each address `localhost` may mean, connected to once. */
export async function probeLocalhost(
  port: number,
  options: { timeoutMs?: number; lookup?: Lookup } = {},
): Promise<ProbeResult[]> {
  checkPort(port);
  const addresses = await localhostAddresses(options.lookup ?? lookupAll);
  return Promise.all(addresses.map((address) => probeTcp(address, port, options.timeoutMs)));
}

/** Probe results as answers: each names the snapshot's listener its address reaches. */
export function attributeAnswers(
  results: readonly ProbeResult[],
  snapshot: Snapshot | null,
  port: number,
): Answer[] {
  return results.map((result) => {
    const reached = listenerReachedBy(snapshot, result.address, port);
    return {
      address: result.address,
      family: result.family,
      open: result.open,
      ms: result.ms,
      pid: reached?.pid ?? null,
      ...(reached?.unattributedCause ? { unattributedCause: reached.unattributedCause } : {}),
      error: result.error,
    };
  });
}

/**
 * The listener a client connecting to `address:port` reaches: an exact bind first, then the
 * family's wildcard, and for IPv4 also a dual-stack `::` listener (the snapshot cannot tell an
 * IPV6_V6ONLY one apart, so this may over-attribute in that rare case).
 */
export function listenerReachedBy(
  snapshot: Snapshot | null,
  address: string,
  port: number,
  protocol: Protocol = 'tcp',
): PortSocket | null {
  if (!snapshot) return null;
  const normalized = normalizeAddress(address);
  if (!normalized) return null;
  const listeners = snapshot.sockets.filter(
    (s) => s.protocol === protocol && s.localPort === port && isListener(s),
  );
  const wildcard = normalized.family === 6 ? '::' : '0.0.0.0';
  const candidates = [normalized.address, wildcard, ...(normalized.family === 4 ? ['::'] : [])];
  for (const bound of candidates) {
    const matching = listeners.filter((s) => s.localAddress === bound);
    // Several sockets can share a bind (SO_REUSEPORT); prefer one we can name.
    const pick = matching.find((s) => s.pid !== null) ?? matching[0];
    if (pick) return pick;
  }
  return null;
}

/** 127.0.0.1, ::1, then other addresses `localhost` resolves to; a failed lookup leaves just the two. */
export async function localhostAddresses(lookup: Lookup = lookupAll): Promise<string[]> {
  const found = await lookup('localhost').catch(() => []);
  const out = ['127.0.0.1', '::1'];
  for (const entry of found) {
    const normalized = normalizeAddress(entry.address, entry.family === 6 ? 6 : 4);
    if (normalized && !out.includes(normalized.address)) out.push(normalized.address);
  }
  return out;
}

function dnsLookup(name: string): Promise<{ address: string; family: number }> {
  return process.getBuiltinModule('node:dns/promises').lookup(name);
}

function lookupAll(name: string): Promise<{ address: string; family: number }[]> {
  return process.getBuiltinModule('node:dns/promises').lookup(name, { all: true });
}

function connectOnce(
  address: string,
  family: Family,
  port: number,
  timeoutMs: number,
): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const started = monotonicMs();
    const socket = process.getBuiltinModule('node:net').connect({ host: address, port, family });
    let settled = false;
    const finish = (open: boolean, error: string | null, timedOut = false): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const ms = timedOut ? null : Math.round((monotonicMs() - started) * 100) / 100;
      resolve({ address, family, open, ms, error });
    };
    const timer = setTimeout(() => finish(false, 'timeout', true), timeoutMs);
    socket.once('connect', () => finish(true, null));
    // `on`, not `once`: a late error after destroy must not become an uncaught exception.
    socket.on('error', (error) => finish(false, errorCode(error)));
  });
}

/** Milliseconds on the monotonic clock performance.now() reads. */
function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

const TIMED_OUT = Symbol('timed out');

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | Error | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  try {
    return await Promise.race([
      work.catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function errorCode(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  return typeof code === 'string' && code !== '' ? code : error.message;
}

function checkPort(port: number): void {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new InputError(`port ${String(port)} is out of range (1-65535)`);
  }
}
