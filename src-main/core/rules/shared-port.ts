// Rule: several separate processes bound to the very same address and port (SO_REUSEPORT, UDP SO_REUSEADDR).
import { formatEndpoint } from '../../domain/endpoint.js';
import { ownerLabel, portTag, problemLine } from '../../domain/labels.js';
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
  const parent = commonParent(involved);
  const addresses = joinWords([...new Set(involved.map((s) => s.localAddress))]);
  const facts = {
    kind: 'shared-port',
    protocol,
    port,
    pids: pidsOf(involved),
    sockets: involved,
  } as const;
  if (parent !== null) {
    const workers = involved.filter((s) => s.pid !== parent);
    const parentName = involved.find((s) => s.pid === parent)?.process ?? null;
    const of = ownerLabel(parent, parentName);
    return {
      ...facts,
      deliberate: true,
      summary: problemLine(
        portTag(protocol, port),
        describeOwner(workers),
        `SO_REUSEPORT workers of ${of} on ${addresses}`,
      ),
      message: `${describeOwner(workers)} are workers of one parent, ${of}, sharing ${portPhrase(formatEndpoint(involved[0]!.localAddress, null), protocol, port)} on purpose (SO_REUSEPORT): the kernel spreads each new ${what} among them.`,
      fix: 'Nothing to do: this is how a server spreads load over its workers.',
    };
  }
  return {
    ...facts,
    summary: problemLine(
      portTag(protocol, port),
      `shared by ${joinWords(groups.map(describeOwner))} on ${addresses}`,
    ),
    message: `${sentences.join(' ')} Each new ${what} reaches only one of them, so clients may get either.`,
    fix: `Stop the one that should not be there (${stopChoices(groups)}), or give each its own port.`,
  };
}

/**
 * The parent PID whose workers (and perhaps itself) hold every one of these sockets, or null.
 * Workers run one program, so the holders other than the parent must share a process name;
 * PID 1 and 0 adopt unrelated daemons (and orphans), so they never make a group deliberate.
 */
export function commonParent(sockets: readonly PortSocket[]): number | null {
  const candidates = new Set<number>();
  for (const s of sockets)
    if (typeof s.parent === 'number' && s.parent > 1) candidates.add(s.parent);
  for (const parent of candidates) {
    const workers = sockets.filter((s) => s.pid !== parent);
    if (workers.length === 0) continue;
    const names = new Set(workers.map((s) => s.process));
    if (names.size !== 1 || names.has(null)) continue;
    if (workers.every((s) => s.parent === parent && s.pid !== null)) return parent;
  }
  return null;
}
