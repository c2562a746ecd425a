// Turns one check of a watched port (probe plus snapshot) into an Observation for the state machine.
import { describeError } from '../errors.js';
import { ipFamily } from '../../domain/ip-address.js';
import { DEFAULT_PROBE_TIMEOUT_MS, listenerReachedBy } from './prober.js';
import type { Probe, ProbeResult } from './prober.js';
import { isLocalTarget } from './watch-target.js';
import type { Observation } from './watch-state.js';
import { matchesExpectedOwner } from '../../domain/expected-owner.js';
import { isListener } from '../../domain/model.js';
import type { Clock, PortSocket, Snapshot, WatchSpec } from '../../domain/model.js';

/** A remote host may sit behind a VPN or across the world; loopback answers in well under 1 s. */
const REMOTE_TIMEOUT_MS = 3000;

/**
 * Local targets probe 127.0.0.1, then ::1 only if that failed (each probe is a real connection the
 * target sees); a loopback address the user named is probed alone. Remote targets probe host:port.
 */
export async function observeWatch(
  spec: WatchSpec,
  snapshot: Snapshot | null,
  probe: Probe,
  clock: Clock,
): Promise<Observation> {
  const { host, port } = spec.target;
  if (host !== null && !isLocalTarget(spec.target)) {
    const result = await safeProbe(probe, host, port, Math.min(REMOTE_TIMEOUT_MS, spec.intervalMs));
    return {
      at: clock(),
      open: result.open,
      latencyMs: result.open ? result.ms : null,
      pid: null,
      process: null,
      error: result.open ? null : result.error,
    };
  }

  // Two probes in a row must fit in one interval.
  const timeoutMs = Math.min(DEFAULT_PROBE_TIMEOUT_MS, spec.intervalMs / 2);
  const addresses = checkedAddresses(spec);
  const failed: ProbeResult[] = [];
  for (const address of addresses) {
    const result = await safeProbe(probe, address, port, timeoutMs);
    if (result.open) {
      const reached = listenerReachedBy(snapshot, result.address, port);
      const listener =
        host === null || !ipFamily(host) ? expectedHolder(spec, snapshot, reached) : reached;
      return {
        at: clock(),
        open: true,
        latencyMs: result.ms,
        pid: listener?.pid ?? null,
        process: listener?.process ?? null,
        container: listener?.container ?? null,
        error: null,
      };
    }
    failed.push(result);
  }
  return {
    at: clock(),
    open: false,
    latencyMs: null,
    pid: null,
    process: null,
    error: failureText(failed),
  };
}

/** The addresses a local watch's check connects to: the one the user named, else both loopbacks. */
export function checkedAddresses(spec: Pick<WatchSpec, 'target'>): string[] {
  const host = spec.target.host;
  return host !== null && ipFamily(host) !== 0 ? [host] : ['127.0.0.1', '::1'];
}

/**
 * A watch of a bare port (or `localhost`) names no family: when the listener the probe reached is
 * not the expected process but the expected one holds the port on another address or family (node
 * on [::1]:3000 beside something on 127.0.0.1:3000), the watch's owner is the expected one. The
 * two holders are still reported, as a shadowed conflict.
 */
function expectedHolder(
  spec: WatchSpec,
  snapshot: Snapshot | null,
  reached: PortSocket | null,
): PortSocket | null {
  const expect = spec.expect;
  if (!expect || !snapshot) return reached;
  if (reached && (reached.process === null || matchesExpectedOwner(expect, reached)))
    return reached;
  const holder = snapshot.sockets.find(
    (s) =>
      s.protocol === 'tcp' &&
      s.localPort === spec.target.port &&
      isListener(s) &&
      s.pid !== null &&
      matchesExpectedOwner(expect, s),
  );
  return holder ?? reached;
}

/** An injected probe that throws still yields a failed observation, so one bad check cannot stop a watch. */
async function safeProbe(
  probe: Probe,
  host: string,
  port: number,
  timeoutMs: number,
): Promise<ProbeResult> {
  try {
    return await probe(host, port, timeoutMs);
  } catch (error) {
    return {
      address: host,
      family: host.includes(':') ? 6 : 4,
      open: false,
      ms: null,
      error: describeError(error),
    };
  }
}

/** `ECONNREFUSED` when every address said the same, else each address with its reason. */
function failureText(failed: ProbeResult[]): string | null {
  const reasons = [...new Set(failed.map((r) => r.error ?? 'no answer'))];
  if (reasons.length <= 1) return reasons[0] ?? null;
  return failed.map((r) => `${r.address} ${r.error ?? 'no answer'}`).join(', ');
}
