// Rule: several separate processes bound to the very same address and port (SO_REUSEPORT, UDP SO_REUSEADDR).
import { formatEndpoint } from '../../domain/endpoint.js';
import type { Conflict, PortSocket, Protocol } from '../../domain/model.js';
import { byOwner, describeOwner, joinWords, pidsOf, portPhrase, stopChoices } from './owners.js';
import type { Owners } from './owner-partition.js';

/**
 * One conflict per protocol + port covering every address that more than one owner holds.
 * Forked workers sharing one socket, and one process with several sockets, are one owner.
 */
export function sharedPortConflict(
  protocol: Protocol,
  port: number,
  listeners: readonly PortSocket[],
  owners: Owners,
): Conflict | null {
  const byAddress = new Map<string, PortSocket[]>();
  for (const s of listeners) {
    const group = byAddress.get(s.localAddress);
    if (group) group.push(s);
    else byAddress.set(s.localAddress, [s]);
  }
  const sentences: string[] = [];
  const involved: PortSocket[] = [];
  const groups: PortSocket[][] = [];
  for (const [address, sockets] of byAddress) {
    if (!owners.areRivals(owners.distinct(sockets))) continue;
    const perOwner = byOwner(sockets, owners);
    groups.push(...perOwner);
    involved.push(...sockets);
    const where = portPhrase(formatEndpoint(address, null), protocol, port);
    sentences.push(
      `${perOwner.length} separate processes listen on ${where} at the same time: ${joinWords(perOwner.map(describeOwner))}.`,
    );
  }
  if (involved.length === 0) return null;
  const what = protocol === 'udp' ? 'datagram' : 'connection';
  return {
    kind: 'shared-port',
    protocol,
    port,
    pids: pidsOf(involved),
    sockets: involved,
    message: `${sentences.join(' ')} Each new ${what} reaches only one of them, so clients may get either.`,
    fix: `Stop the one that should not be there (${stopChoices(groups)}), or give each its own port.`,
  };
}
