// Which listeners belong to one server: processes that share a socket are one owner, not rivals.
import type { ContainerRef } from '../../domain/container.js';
import { formatEndpoint } from '../../domain/endpoint.js';
import type { PortSocket } from '../../domain/model.js';

/** Who owns a socket: an opaque id, equal for sockets of one owner. */
export type OwnerId = number | string;

/**
 * Splits listeners into owners. Processes that share a socket (same inode, or listed together in
 * `pids`) are one owner: a master and its forked workers are one server, not a conflict.
 * Sockets of one container (its forwarders, one per address family, and the entries its engine
 * publishes by DNAT alone) are one owner too, and so are forwarders of one parent with one target. A socket with neither pid nor inode nor container is
 * an owner of its own.
 *
 * This runs over every listener on each tick that changed, mostly before the JIT has warmed up,
 * so the common case (one PID per socket, each inode once) allocates almost nothing: an owner seen
 * by PID is named by one of its PIDs, and only PIDs that some socket ties together get a
 * union-find entry. The ids differ from a union of every PID and inode; the groups do not (the
 * tests hold it to that union). PIDs and inodes are integers (both collectors make them so).
 */
export class Owners {
  /** Union-find over PIDs tied together (by a socket listing several, or by a shared inode). */
  readonly #parent = new Map<number, number>();
  /** Owner of each inode held by two or more listeners. */
  readonly #sharedInodes = new Map<number, OwnerId>();
  /** Listeners with neither PID nor inode: each is an owner of its own. */
  readonly #loners = new Map<PortSocket, string>();
  /** Owner of each container some listener carries: one of its PIDs, else the container itself. */
  readonly #containers = new Map<string, OwnerId>();

  constructor(listeners: readonly PortSocket[]) {
    const inodes = new Float64Array(listeners.length);
    let count = 0;
    let served: PortSocket[] | null = null;
    for (let i = 0; i < listeners.length; i += 1) {
      const s = listeners[i]!;
      if (s.container || s.forwardsTo) (served ??= []).push(s);
      const pids = s.pids;
      if (pids && pids.length > 1)
        for (let k = 1; k < pids.length; k += 1) this.#union(pids[0]!, pids[k]!);
      if (typeof s.inode === 'number') inodes[count++] = s.inode;
      else if (!(pids && pids.length > 0) && s.pid === null && !s.container)
        this.#loners.set(s, `socket:${i}`);
    }
    if (served) this.#tieServed(served);
    // A native sort finds inodes held twice (rare) without a map entry per socket.
    const sorted = inodes.subarray(0, count).sort();
    const shared = new Set<number>();
    for (let i = 1; i < count; i += 1) if (sorted[i - 1] === sorted[i]) shared.add(sorted[i]!);
    if (shared.size > 0) this.#tieSharedInodes(listeners, shared);
  }

  /** Owner id of a listener passed to the constructor. */
  of(s: PortSocket): OwnerId {
    const pid = firstPid(s);
    if (pid !== null) return this.#find(pid);
    if (s.container) {
      const owner = this.#containers.get(containerKey(s.container));
      if (typeof owner === 'number') return this.#find(owner);
      if (owner !== undefined) return owner;
    }
    if (typeof s.inode === 'number') {
      const owner = this.#sharedInodes.get(s.inode);
      return owner === undefined
        ? `inode:${s.inode}`
        : typeof owner === 'number'
          ? this.#find(owner)
          : owner;
    }
    return this.#loners.get(s) ?? `unlisted:${formatEndpoint(s.localAddress, s.localPort)}`;
  }

  /** True when the owner has at least one PID we can see, or is a container its engine names
   *  (other owners without a PID have text ids). */
  isKnown(owner: OwnerId): boolean {
    return typeof owner === 'number' || owner.startsWith(CONTAINER_OWNER);
  }

  /** Distinct owners of these sockets, in the order first met. */
  distinct(sockets: readonly PortSocket[]): OwnerId[] {
    return [...new Set(sockets.map((s) => this.of(s)))];
  }

  /**
   * True when these owners are different servers as far as we can tell: two we can see, or one we
   * can see and one we cannot. Two unseen ones may well be one process, so they are not flagged.
   */
  areRivals(owners: readonly OwnerId[]): boolean {
    const known = owners.filter((o) => this.isKnown(o)).length;
    return known >= 2 || (known >= 1 && owners.length > known);
  }

  /** Ties the PIDs of listeners that share an inode; an inode no PID holds is an owner by itself. */
  #tieSharedInodes(listeners: readonly PortSocket[], shared: ReadonlySet<number>): void {
    for (const s of listeners) {
      if (typeof s.inode !== 'number' || !shared.has(s.inode)) continue;
      const pid = firstPid(s);
      const owner = this.#sharedInodes.get(s.inode);
      if (pid === null) {
        if (owner === undefined) this.#sharedInodes.set(s.inode, `inode:${s.inode}`);
      } else if (typeof owner === 'number') this.#union(owner, pid);
      else this.#sharedInodes.set(s.inode, pid);
    }
  }

  /**
   * Ties the PIDs holding one container's ports; its PID-less entries join them. Forwarders of one
   * parent sending to one target (Docker's docker-proxy per address family) are one server to a
   * client too, even with no engine to name the container.
   */
  #tieServed(sockets: readonly PortSocket[]): void {
    const forwards = new Map<string, number>();
    for (const s of sockets) {
      const pid = firstPid(s);
      if (pid === null) continue;
      if (s.container) {
        const key = containerKey(s.container);
        const owner = this.#containers.get(key);
        if (typeof owner === 'number') this.#union(owner, pid);
        else this.#containers.set(key, pid);
      }
      if (s.forwardsTo && s.parent !== undefined) {
        const key = `${s.process}|${s.parent}|${s.forwardsTo.address}|${s.forwardsTo.port}`;
        const owner = forwards.get(key);
        if (owner === undefined) forwards.set(key, pid);
        else this.#union(owner, pid);
      }
    }
    for (const s of sockets) {
      if (!s.container) continue;
      const key = containerKey(s.container);
      if (!this.#containers.has(key)) this.#containers.set(key, `${CONTAINER_OWNER}${key}`);
    }
  }

  #find(pid: number): number {
    let root = pid;
    for (let up = this.#parent.get(root); up !== undefined; up = this.#parent.get(root)) root = up;
    if (root !== pid) this.#parent.set(pid, root);
    return root;
  }

  #union(a: number, b: number): void {
    const ra = this.#find(a);
    const rb = this.#find(b);
    if (ra !== rb) this.#parent.set(rb, ra);
  }
}

const CONTAINER_OWNER = 'container:';

function containerKey(c: ContainerRef): string {
  return `${c.engine}/${c.id}`;
}

/** One PID holding the socket (the others holding it are tied to it), or null when none is seen. */
function firstPid(s: PortSocket): number | null {
  return s.pids && s.pids.length > 0 ? s.pids[0]! : s.pid;
}
