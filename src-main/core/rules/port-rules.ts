// The per-port rules (shared port, shadowed, half-reachable) over a snapshot's listeners, remembering each port's
// result so a tick that changed a few sockets re-runs them only where something changed.
import { sameSocket } from '../../domain/diff.js';
import type { Conflict, PortSocket, Protocol } from '../../domain/model.js';
import { listenersOn } from './localhost.js';
import type { OwnerId, Owners } from './owner-partition.js';
import { halfReachableConflict } from './half-reachable.js';
import { shadowedConflict } from './shadowed.js';
import { sharedPortConflict } from './shared-port.js';

/** Listeners by protocol, then port, each group in snapshot order. */
export type PortGroups = Map<Protocol, Map<number, PortSocket[]>>;

/**
 * One pass over the listeners (a scan per port was quadratic: ~120 ms at 5,000 listeners), keyed
 * by number: building a text key per listener cost more than the rules themselves.
 */
export function groupByPort(listeners: readonly PortSocket[]): PortGroups {
  const groups: PortGroups = new Map();
  for (const s of listeners) {
    let ports = groups.get(s.protocol);
    if (!ports) {
      ports = new Map();
      groups.set(s.protocol, ports);
    }
    const group = ports.get(s.localPort);
    if (group) group.push(s);
    else ports.set(s.localPort, [s]);
  }
  return groups;
}

/**
 * How listeners split into owners, as far as the rules can tell: for each, the index of the first
 * one with the same owner, made negative when that owner is unseen.
 */
function ownership(listeners: readonly PortSocket[], owners: Owners): number[] {
  const ids: OwnerId[] = listeners.map((s) => owners.of(s));
  return ids.map((id) => {
    const first = ids.indexOf(id);
    return owners.isKnown(id) ? first : -1 - first;
  });
}

function sameList<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): boolean {
  return a.length === b.length && a.every((x, i) => same(x, b[i]!));
}

interface PortResult {
  listeners: PortSocket[];
  ownership: number[];
  conflicts: Conflict[];
}

/**
 * The rules read nothing but a port's listeners (sorted) and which of them share an owner and
 * whether it is seen, so the same inputs give the same conflicts: those are kept and handed back.
 */
export class PortRules {
  #last = new Map<string, PortResult>();

  /** `ipv6Loopback`: the machine has ::1, so a 127.0.0.1-only listener is half-reachable. */
  constructor(private readonly ipv6Loopback: boolean) {}

  /** Conflicts of every port held by two or more listeners, or by one on a loopback family only. */
  find(groups: PortGroups, owners: Owners): Conflict[] {
    const found: Conflict[] = [];
    const kept = new Map<string, PortResult>();
    for (const [protocol, ports] of groups) {
      for (const [port, group] of ports) {
        // Most ports have one listener: only a TCP one on exactly 127.0.0.1 or ::1 can be a problem.
        if (group.length < 2 && !(this.ipv6Loopback && protocol === 'tcp' && onOneLoopback(group)))
          continue;
        const key = `${protocol}:${port}`;
        const listeners = listenersOn(group, protocol, port);
        const split = ownership(listeners, owners);
        const last = this.#last.get(key);
        const conflicts =
          last &&
          sameList(last.listeners, listeners, sameSocket) &&
          sameList(last.ownership, split, (x, y) => x === y)
            ? last.conflicts
            : portConflicts(protocol, port, listeners, owners, this.ipv6Loopback);
        kept.set(key, { listeners, ownership: split, conflicts });
        found.push(...conflicts);
      }
    }
    this.#last = kept;
    return found;
  }
}

function portConflicts(
  protocol: Protocol,
  port: number,
  listeners: readonly PortSocket[],
  owners: Owners,
  ipv6Loopback: boolean,
): Conflict[] {
  const found: Conflict[] = [];
  if (listeners.length >= 2) {
    const shared = sharedPortConflict(protocol, port, listeners, owners);
    if (shared) found.push(shared);
    const shadowed = shadowedConflict(protocol, port, listeners, owners);
    if (shadowed) found.push(shadowed);
  }
  if (protocol === 'tcp') {
    const half = halfReachableConflict(port, listeners, ipv6Loopback);
    if (half) found.push(half);
  }
  return found;
}

function onOneLoopback(group: readonly PortSocket[]): boolean {
  const address = group[0]?.localAddress;
  return address === '127.0.0.1' || address === '::1';
}
