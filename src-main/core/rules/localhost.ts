// Which listener a local client reaches, following how Linux picks between specific and wildcard binds.
import { normalizeAddress, type NormalizedAddress } from '../platform/address.js';
import { canonicalOrder } from '../../domain/socket-order.js';
import { isListener, type PortSocket, type Protocol, type Snapshot } from '../../domain/model.js';

/** Listeners on one protocol + port, in snapshot order. */
export function listenersOn(
  sockets: readonly PortSocket[],
  protocol: Protocol,
  port: number,
): PortSocket[] {
  return sockets
    .filter((s) => s.protocol === protocol && s.localPort === port && isListener(s))
    .sort(canonicalOrder);
}

// The rules ask about the same few addresses on every tick; normalizing runs Node's IPv6 pattern.
const targets = new Map<string, NormalizedAddress | null>();

function normalizedTarget(address: string): NormalizedAddress | null {
  let target = targets.get(address);
  if (target === undefined) {
    target = normalizeAddress(address);
    if (targets.size >= 64) targets.clear();
    targets.set(address, target);
  }
  return target;
}

/**
 * The listeners that answer a client connecting to `address` (all of them when several share the
 * winning bind). The kernel prefers an exact bind, then the family's wildcard; an IPv4 client
 * falls back to a `::` listener, which on Linux is dual-stack unless it set IPV6_V6ONLY (not
 * visible in the kernel tables, so we assume the default).
 */
export function answeringListeners(
  listeners: readonly PortSocket[],
  address: string,
): PortSocket[] {
  const target = normalizedTarget(address);
  if (!target) return [];
  const at = (addr: string, family: 4 | 6): PortSocket[] =>
    listeners.filter((s) => s.localAddress === addr && s.family === family);
  const order: [string, 4 | 6][] =
    target.family === 4
      ? [
          [target.address, 4],
          ['0.0.0.0', 4],
          ['::', 6],
        ]
      : [
          [target.address, 6],
          ['::', 6],
        ];
  for (const [addr, family] of order) {
    const found = at(addr, family);
    if (found.length > 0) return found;
  }
  return [];
}

/** The listener a client of `localhost:PORT` reaches over IPv4 (127.0.0.1) and over IPv6 (::1). */
export function localhostOwners(
  snapshot: Snapshot,
  protocol: Protocol,
  port: number,
): { v4: PortSocket | null; v6: PortSocket | null } {
  const listeners = listenersOn(snapshot.sockets, protocol, port);
  return {
    v4: answeringListeners(listeners, '127.0.0.1')[0] ?? null,
    v6: answeringListeners(listeners, '::1')[0] ?? null,
  };
}
