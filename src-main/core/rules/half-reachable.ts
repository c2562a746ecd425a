// Rule: a TCP port that answers localhost on one loopback family only, so clients trying the other first are refused.
import { isWildcard } from '../../domain/endpoint.js';
import { loopbackPublishCommand } from '../../domain/exposure.js';
import { portTag, problemLine } from '../../domain/labels.js';
import type { Conflict, PortSocket } from '../../domain/model.js';
import { bindCommand, genericBindHint } from '../../domain/recognise.js';
import { answeringListeners } from './localhost.js';
import { describeOwner, pidsOf } from './owners.js';

/** What the rules know about the machine (injected so tests do not depend on the host). */
export interface RuleOptions {
  /** The machine has `::1` on its loopback interface; without it only 127.0.0.1 can answer. */
  ipv6Loopback?: boolean;
}

/** True for the exact loopback addresses "localhost" resolves to (127.0.0.2 is no one's localhost). */
function isLocalhostAddress(s: PortSocket): boolean {
  return s.localAddress === '127.0.0.1' || s.localAddress === '::1';
}

/**
 * A hint, not a warning: the server works for clients that pick its family. Wildcard listeners
 * are left out (0.0.0.0 is already an exposure problem, and `::` is dual-stack by default), and
 * so is a port where the other family also answers (that is the shadowed rule's business).
 */
export function halfReachableConflict(
  port: number,
  listeners: readonly PortSocket[],
  ipv6Loopback: boolean,
): Conflict | null {
  if (!ipv6Loopback) return null;
  const tcp = listeners.filter((s) => s.protocol === 'tcp');
  if (tcp.length === 0 || tcp.some((s) => isWildcard(s.localAddress))) return null;
  const v4 = answeringListeners(tcp, '127.0.0.1');
  const v6 = answeringListeners(tcp, '::1');
  if (v4.length > 0 === v6.length > 0) return null;
  const holders = v4.length > 0 ? v4 : v6;
  if (!holders.every(isLocalhostAddress)) return null;
  const only = holders[0]!.localAddress;
  const refused = only === '::1' ? '127.0.0.1' : '::1';
  const who = describeOwner(holders);
  const clients =
    only === '::1'
      ? 'clients that try localhost over IPv4 first (older Node, many scripts and tools) are refused on 127.0.0.1'
      : 'clients that try localhost over IPv6 first (Node >= 17, curl, browsers) are refused on [::1]';
  // A container is published again by its engine, with the port inside it, not rebound.
  const container = holders[0]!.container;
  const command = container
    ? loopbackPublishCommand(port, container, [], true)
    : bindCommand(holders[0]!, 'both-families');
  return {
    kind: 'half-reachable',
    protocol: 'tcp',
    port,
    pids: pidsOf(holders),
    sockets: [...holders],
    summary: problemLine(portTag('tcp', port), who, `only on ${only}, refused on ${refused}`),
    message: `${who} listens on ${only} only: ${clients}.`,
    fix: container
      ? `Publish it on both loopback addresses: -p 127.0.0.1:${port}:${container.containerPort} and -p [::1]:${port}:${container.containerPort}.`
      : `Listen on both families: ${genericBindHint('both-families')}.`,
    ...(command === null ? {} : { command }),
  };
}
