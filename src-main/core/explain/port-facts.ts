// What several explain checks read from one snapshot: the target's listeners, which hosts are this machine, addresses in words, finding builders.
import os from 'node:os';
import { formatEndpoint, isLoopback, isWildcard } from '../../domain/endpoint.js';
import { ownerLabel } from '../../domain/labels.js';
import { isListener, type PortSocket } from '../../domain/model.js';
import { socketOwnerOrUnknown } from '../../domain/socket-owner.js';
import { unnamedHolder } from '../../domain/unattributed.js';
import type { ExplainContext, Finding, FindingStatus } from './check.js';

export function finding(
  check: string,
  status: FindingStatus,
  message: string,
  fix: string | null = null,
  pids: readonly (number | null)[] = [],
): Finding {
  const unique = [...new Set(pids.filter((p): p is number => p !== null))];
  return { check, status, message, fix, pids: unique };
}

/** The listeners on the target's port and protocol, every address and family. */
export function targetListeners(ctx: ExplainContext): PortSocket[] {
  const { port, protocol } = ctx.input.target;
  return (ctx.snapshot?.sockets ?? []).filter(
    (s) => s.protocol === protocol && s.localPort === port && isListener(s),
  );
}

/** `[::1]`, `127.0.0.1`: an address as people write it before a port. */
export function addressText(address: string): string {
  return address.includes(':') ? `[${address}]` : address;
}

/** `node (PID 4121)`, the container first when one is behind the socket. */
export function ownerText(s: PortSocket): string {
  return socketOwnerOrUnknown(s);
}

/** `[::1] (vite, PID 5120)`: where a listener is and who it is, in one phrase. */
export function placeAndOwner(s: PortSocket): string {
  const who = ownerPhrase(s);
  return who ? `${addressText(s.localAddress)} (${who})` : addressText(s.localAddress);
}

/**
 * `vite, PID 5120` (or the container's name, or why no process is named: `a process that refuses
 * inspection`): who holds a socket, to go inside parentheses; null when nothing is known.
 */
export function ownerPhrase(s: PortSocket): string | null {
  if (s.container) return ownerText(s);
  if (s.pid === null && !s.process && s.unattributedCause)
    return unnamedHolder(s.unattributedCause);
  return s.pid !== null && s.process ? `${s.process}, PID ${s.pid}` : ownerLabel(s.pid, s.process);
}

/** Every PID a listener names (forked workers share one socket). */
export function socketPids(s: PortSocket): number[] {
  return s.pids && s.pids.length > 0 ? s.pids : s.pid === null ? [] : [s.pid];
}

/** The host a client used, or where a bind went: `localhost`, a literal, or null (not said). */
export function isLoopbackHost(host: string | null): boolean {
  return host === null || host === 'localhost' || isLoopback(host);
}

/** This machine's names and addresses (lower-cased), besides loopback and `localhost`. */
export function thisMachineNames(): string[] {
  const addresses = Object.values(os.networkInterfaces())
    .flat()
    .map((i) => i?.address)
    .filter((a): a is string => typeof a === 'string');
  return [os.hostname(), ...addresses].map((n) => n.toLowerCase());
}

export function isLocalHost(host: string, localNames: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return (
    isLoopback(h) ||
    isWildcard(h) ||
    h === 'localhost' ||
    h.endsWith('.localhost') ||
    h.startsWith('::ffff:127.') ||
    localNames.includes(h)
  );
}

/** The host is this machine: not said, one of its names or addresses (isLocalHost), or an address
 *  one of its sockets uses. */
export function isThisMachine(
  ctx: ExplainContext,
  host: string | null,
  localNames: () => readonly string[] = thisMachineNames,
): boolean {
  if (host === null || isLocalHost(host, localNames())) return true;
  return (ctx.snapshot?.sockets ?? []).some((s) => s.localAddress === host);
}

/** Listeners anyone on the machine's loopback can reach: loopback or wildcard binds. */
export function reachableFromLoopback(s: PortSocket): boolean {
  return isLoopback(s.localAddress) || isWildcard(s.localAddress);
}

/** `127.0.0.1:3000`, or `port 3000` when the input names no host. */
export function targetText(ctx: ExplainContext): string {
  const { host, port } = ctx.input.target;
  return host === null ? `port ${port}` : formatEndpoint(host, port);
}

/** "no sockets could be read" skip, shared by the checks that need a snapshot. */
export function noSnapshot(check: string): Finding {
  return finding(check, 'skipped', 'the sockets of this machine could not be read');
}
