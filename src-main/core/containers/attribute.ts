// Joins the ports container engines publish to the listeners holding them, and lists a published
// port nobody holds (DNAT only) as its container's, not as free.
import { isForwarderName, type PublishedPort } from '../../domain/container.js';
import { isWildcard } from '../../domain/endpoint.js';
import { classifyExposure } from '../../domain/exposure.js';
import { isListener, type Family, type PortSocket } from '../../domain/model.js';
import { snapshotOrder } from '../../domain/socket-order.js';
import { normalizeAddress } from '../platform/address.js';

// Engines name the same few addresses on every change; normalizing runs Node's IPv6 pattern.
const spelled = new Map<string, string>();

/** The engine's host address in the kernel's spelling; null (or empty) means all interfaces. */
function hostAddressOf(port: PublishedPort): string | null {
  const raw = port.hostAddress?.trim();
  if (!raw) return null;
  let address = spelled.get(raw);
  if (address === undefined) {
    address = normalizeAddress(raw)?.address ?? raw;
    if (spelled.size >= 256) spelled.clear();
    spelled.set(raw, address);
  }
  return address;
}

/** `0.0.0.0` ↔ 0.0.0.0, `::` ↔ ::, a specific address exactly; all interfaces ↔ either wildcard. */
function addressAgrees(host: string | null, socket: PortSocket): boolean {
  return host === null ? isWildcard(socket.localAddress) : socket.localAddress === host;
}

/** Who may hold a published port: a forwarder, or a process we cannot see. With `--network host`
 *  the container's own process holds it, and the engine lists no port to join. */
function mayHoldPublished(socket: PortSocket): boolean {
  return isListener(socket) && (socket.pid === null || isForwarderName(socket.process));
}

function portKey(protocol: string, port: number): string {
  return `${protocol}|${port}`;
}

/** The entry for a published port no socket holds: no process, no inode, the engine's word only. */
export function publishedEntry(port: PublishedPort): PortSocket {
  const localAddress = hostAddressOf(port) ?? '0.0.0.0';
  const family: Family = localAddress.includes(':') ? 6 : 4;
  const { containerAddress } = port;
  return {
    protocol: port.protocol,
    family,
    localAddress,
    localPort: port.hostPort,
    remoteAddress: null,
    remotePort: null,
    state: port.protocol === 'udp' ? 'UNCONN' : 'LISTEN',
    pid: null,
    process: null,
    command: null,
    user: null,
    exposure: classifyExposure(localAddress),
    inode: null,
    container: port.container,
    forwardsTo: containerAddress
      ? { address: containerAddress, port: port.container.containerPort }
      : null,
    published: 'engine',
  };
}

/**
 * Sockets (in snapshot order) with `container` set on the listeners that hold a published port,
 * and an entry per published port that none holds, in snapshot order too. The same array comes
 * back when nothing is published.
 */
export function attributeSockets(
  sockets: PortSocket[],
  published: readonly PublishedPort[],
): PortSocket[] {
  const wanted = new Map<string, PublishedPort[]>();
  for (const port of published) {
    if (!Number.isInteger(port.hostPort) || port.hostPort <= 0) continue;
    const key = portKey(port.protocol, port.hostPort);
    wanted.set(key, [...(wanted.get(key) ?? []), port]);
  }
  if (wanted.size === 0) return sockets;

  // Candidate holders, by index, per published protocol + port: one pass over the list, a text
  // key only for the few sockets on a published port number.
  const portNumbers = new Set(published.map((p) => p.hostPort));
  const holders = new Map<string, number[]>();
  for (let i = 0; i < sockets.length; i += 1) {
    const s = sockets[i]!;
    if (!portNumbers.has(s.localPort)) continue;
    const key = portKey(s.protocol, s.localPort);
    if (wanted.has(key) && mayHoldPublished(s)) holders.set(key, [...(holders.get(key) ?? []), i]);
  }
  const assigned = new Map<number, PublishedPort>();
  const unmatched: PublishedPort[] = [];
  for (const [key, ports] of wanted) {
    const candidates = holders.get(key) ?? [];
    for (const port of ports) {
      const host = hostAddressOf(port);
      const found = candidates.filter((i) => addressAgrees(host, sockets[i]!));
      for (const i of found) if (!assigned.has(i)) assigned.set(i, port);
      if (found.length === 0) unmatched.push(port);
    }
  }
  const extra: PortSocket[] = [];
  const listed = new Set<string>();
  for (const port of unmatched) {
    // A forwarder bound to the other family's wildcard (a dual-stack `::` for the engine's
    // 0.0.0.0) still holds it, as long as no published entry claimed that socket.
    const host = hostAddressOf(port);
    const spare =
      host === null || isWildcard(host)
        ? (holders.get(portKey(port.protocol, port.hostPort)) ?? []).filter(
            (i) => !assigned.has(i) && isWildcard(sockets[i]!.localAddress),
          )
        : [];
    for (const i of spare) assigned.set(i, port);
    if (spare.length > 0) continue;
    const entry = publishedEntry(port);
    const id = `${entry.protocol}|${entry.localAddress}|${entry.localPort}`;
    if (!listed.has(id)) extra.push(entry);
    listed.add(id);
  }
  if (assigned.size === 0 && extra.length === 0) return sockets;
  const attributed = sockets.slice();
  for (const [i, port] of assigned) attributed[i] = { ...sockets[i]!, container: port.container };
  return insertInOrder(attributed, extra.sort(snapshotOrder));
}

/** First index whose socket sorts after `s` (binary search: the list holds thousands). */
function positionOf(list: readonly PortSocket[], s: PortSocket): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (snapshotOrder(list[mid]!, s) <= 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** A few sorted entries placed into a list in snapshot order, without re-sorting the list. */
function insertInOrder(list: PortSocket[], inserted: readonly PortSocket[]): PortSocket[] {
  if (inserted.length === 0) return list;
  const merged: PortSocket[] = [];
  let from = 0;
  for (const s of inserted) {
    const at = Math.max(from, positionOf(list, s));
    for (let i = from; i < at; i += 1) merged.push(list[i]!);
    merged.push(s);
    from = at;
  }
  for (let i = from; i < list.length; i += 1) merged.push(list[i]!);
  return merged;
}
