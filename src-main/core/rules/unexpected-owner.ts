// Rule: a watched local port is held by a process other than the one the watch expects.
import { isLoopback } from '../../domain/endpoint.js';
import {
  commandName,
  expectedOwnerText,
  matchesExpectedOwner,
  parseExpectedOwner,
} from '../../domain/expected-owner.js';
import { portTag, problemLine } from '../../domain/labels.js';
import { normalizeAddress } from '../platform/address.js';
import type { Conflict, PortSocket, WatchSpec } from '../../domain/model.js';
import { answeringListeners, listenersOn } from './localhost.js';
import type { Owners } from './owner-partition.js';
import { byOwner, describeOwner, joinWords, pidsOf, stopHint } from './owners.js';

/** A conflict raised on behalf of one watch; the id keeps two watches of one port apart. */
export interface WatchConflict extends Conflict {
  watchId: string;
}

/** Which address a local watch points at: null for "any local address" (no host, or `localhost`). */
function localTarget(host: string | null): { local: boolean; address: string | null } {
  if (host === null) return { local: true, address: null };
  const text = host.trim().toLowerCase().replace(/\.$/, '');
  if (text === 'localhost' || text === '') return { local: true, address: null };
  const parsed = normalizeAddress(text);
  if (parsed && isLoopback(parsed.address)) return { local: true, address: parsed.address };
  return { local: false, address: null };
}

/** True when we can see who holds the socket; unseen owners are never reported as unexpected. */
function isSeen(s: PortSocket): boolean {
  return s.pid !== null && (s.process !== null || s.command !== null);
}

/** The watch's own matcher (domain/expected-owner.ts), so the rule and watch events agree on who is expected. */
export function matchesExpected(s: PortSocket, expect: string): boolean {
  return matchesExpectedOwner(expect, s);
}

/**
 * True when this listener breaks the expectation: a process we can see, or a container, that is
 * not the expected one (a forwarder whose container is not known is given the benefit of the doubt).
 */
function breaks(s: PortSocket, expect: string): boolean {
  return (isSeen(s) || s.container != null) && !matchesExpected(s, expect);
}

/** Holders that are the expected one for certain: a container expectation needs the container known. */
function surelyExpected(s: PortSocket, expect: string): boolean {
  const kind = parseExpectedOwner(expect);
  const needsContainer = !('error' in kind) && kind.kind !== 'process';
  return (!needsContainer || s.container != null) && matchesExpected(s, expect);
}

/** What to expect instead: `container:db` for a container's port, else the process name. */
function expectationFor(group: readonly PortSocket[]): string {
  const container = group.find((s) => s.container)?.container;
  if (container) return `container:${container.name}`;
  return group.find((s) => s.process)?.process ?? commandName(group[0]!.command) ?? 'it';
}

/**
 * Watches are TCP probes, so the TCP listeners of the port are checked; a port with no TCP
 * listener is checked over UDP instead (a DNS watch, say).
 */
export function unexpectedOwnerConflict(
  watch: WatchSpec,
  sockets: readonly PortSocket[],
  owners: Owners,
): WatchConflict | null {
  const expect = watch.expect?.trim();
  if (!expect) return null;
  const target = localTarget(watch.target.host);
  if (!target.local) return null;
  const port = watch.target.port;
  const tcp = listenersOn(sockets, 'tcp', port);
  const protocol = tcp.length > 0 ? 'tcp' : 'udp';
  const all = tcp.length > 0 ? tcp : listenersOn(sockets, 'udp', port);
  const holders = target.address === null ? all : answeringListeners(all, target.address);
  const offenders = holders.filter((s) => breaks(s, expect));
  if (offenders.length === 0) return null;

  const groups = byOwner(offenders, owners);
  const named = joinWords(groups.map(describeOwner));
  const expected = all.filter((s) => surelyExpected(s, expect));
  const wanted = expectedOwnerText(expect);
  const alongside =
    expected.length > 0
      ? ` (${wanted} itself listens on ${joinWords([...new Set(expected.map((s) => s.localAddress))])})`
      : '';
  const watchName = watch.label ? `the watch "${watch.label}"` : 'the watch';
  const first = groups[0]!;
  return {
    kind: 'unexpected-owner',
    protocol,
    port,
    pids: pidsOf(offenders),
    sockets: offenders,
    watchId: watch.id,
    summary: problemLine(portTag(protocol, port), `held by ${named}`, `watch expects ${wanted}`),
    message: `port ${port}${protocol === 'udp' ? ' (UDP)' : ''} is held by ${named} but ${watchName} expects ${wanted}${alongside}.`,
    fix: `If ${describeOwner(first)} should not hold port ${port}, stop it (${stopHint(first)}); otherwise update the watch to expect ${expectationFor(first)}.`,
  };
}
