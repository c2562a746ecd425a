// Rule: one port held by different processes on different addresses, so the address a client picks decides who answers.
import { isWildcard } from '../../domain/endpoint.js';
import { portTag, problemLine } from '../../domain/labels.js';
import { firstBindCommand } from '../../domain/recognise.js';
import { canonicalOrder } from '../../domain/socket-order.js';
import type { Conflict, PortSocket, Protocol } from '../../domain/model.js';
import { answeringListeners } from './localhost.js';
import {
  byOwner,
  describeOwner,
  joinWords,
  pidsOf,
  portPhrase,
  shortName,
  stopChoices,
} from './owners.js';
import type { OwnerId, Owners } from './owner-partition.js';

interface Winner {
  owner: OwnerId;
  /** The winning owner's sockets at the winning address. */
  sockets: PortSocket[];
}

function winner(listeners: readonly PortSocket[], address: string, owners: Owners): Winner | null {
  const found = answeringListeners(listeners, address);
  const first = found[0];
  if (!first) return null;
  const owner = owners.of(first);
  return { owner, sockets: found.filter((s) => owners.of(s) === owner) };
}

function reachedBy(other: PortSocket): string {
  return isWildcard(other.localAddress)
    ? 'the clients that connect to any other address of this machine (such as its network address)'
    : `the clients that connect to ${other.localAddress}`;
}

/** Sentences for owners that no localhost client reaches but that still hold the port elsewhere. */
function otherSentences(others: readonly PortSocket[], owners: Owners): string[] {
  const seen = new Map<string, PortSocket[]>();
  for (const s of others) {
    const key = `${owners.of(s)}|${s.localAddress}`;
    seen.set(key, [...(seen.get(key) ?? []), s]);
  }
  return [...seen.values()].map(
    (group) =>
      `${describeOwner(group)} also listens on ${group[0]!.localAddress} and gets ${reachedBy(group[0]!)}.`,
  );
}

/** One conflict per protocol + port when localhost clients (or other addresses) reach different servers. */
export function shadowedConflict(
  protocol: Protocol,
  port: number,
  listeners: readonly PortSocket[],
  owners: Owners,
): Conflict | null {
  if (!owners.areRivals(owners.distinct(listeners))) return null;
  const v4 = winner(listeners, '127.0.0.1', owners);
  const v6 = winner(listeners, '::1', owners);
  const local = [v4, v6].filter((w): w is Winner => w !== null);
  if (local.length === 0) return null;
  const localOwners = local.map((w) => w.owner);
  const localAddresses = new Set(local.map((w) => w.sockets[0]!.localAddress));
  const others = listeners.filter(
    (s) =>
      !localOwners.includes(owners.of(s)) &&
      !localAddresses.has(s.localAddress) &&
      owners.areRivals([...new Set([...localOwners, owners.of(s)])]),
  );
  const split = v4 !== null && v6 !== null && owners.areRivals([v4.owner, v6.owner]);
  if (!split && others.length === 0) return null;

  const where = portPhrase('localhost', protocol, port);
  const at = (w: Winner): string => w.sockets[0]!.localAddress;
  let lead: string;
  if (split) {
    lead =
      `${where} reaches ${describeOwner(v4.sockets)} on ${at(v4)} over IPv4 but ` +
      `${describeOwner(v6.sockets)} on ${at(v6)} over IPv6; clients that prefer IPv6 ` +
      `(browsers, Node >= 17) get ${shortName(v6.sockets)}.`;
  } else {
    const only = local[0]!;
    const addresses = joinWords([...new Set(local.map(at))]);
    lead = `${where} reaches ${describeOwner(only.sockets)} on ${addresses}, so local clients get ${shortName(only.sockets)}, but`;
  }
  const extra = otherSentences(others, owners);
  const message = split ? [lead, ...extra].join(' ') : `${lead} ${extra.join(' ')}`;

  const involved = [...new Set([...local.flatMap((w) => w.sockets), ...others])].sort(
    canonicalOrder,
  );
  // Stop hints follow the message: the localhost winners first, then the others.
  const stops = stopChoices(byOwner([...local.flatMap((w) => w.sockets), ...others], owners));
  const fix = split
    ? `Stop one of them (${stops}), or make one process listen on both families: 127.0.0.1 and ::1, or :: for both.`
    : `Stop one of them (${stops}) or move one to another port, so every address of port ${port} reaches the same server.`;
  // The owner localhost clients reach first (IPv4's) is the one shadowed by the other.
  const first = local[0]!;
  const rival = split ? v6 : null;
  const summary = rival
    ? problemLine(
        portTag(protocol, port),
        `${describeOwner(first.sockets)} on ${at(first)}`,
        `shadowed by ${describeOwner(rival.sockets)} on ${at(rival)}`,
      )
    : problemLine(
        portTag(protocol, port),
        `${describeOwner(first.sockets)} on ${joinWords([...new Set(local.map(at))])}`,
        `also held by ${joinWords(byOwner(others, owners).map((g) => `${describeOwner(g)} on ${g[0]!.localAddress}`))}`,
      );
  const command =
    protocol === 'tcp' && split
      ? firstBindCommand(
          local.map((w) => w.sockets[0]!),
          'both-families',
        )
      : null;
  return {
    kind: 'shadowed',
    protocol,
    port,
    pids: pidsOf(involved),
    sockets: involved,
    summary,
    message,
    fix,
    ...(command === null ? {} : { command }),
  };
}
