// Who owns a listener: groups processes that share sockets, and names them in plain words.
import { formatEndpoint } from '../address.js';
import type { PortSocket, Protocol } from '../model.js';

export const UNKNOWN_PROCESS = 'an unknown process (no permission to see it)';

/** Distinct PIDs holding a socket, lowest first (forked workers share one socket). */
export function holderPids(s: PortSocket): number[] {
  const all = s.pids && s.pids.length > 0 ? s.pids : s.pid === null ? [] : [s.pid];
  return [...new Set(all)].sort((a, b) => a - b);
}

/** Distinct PIDs of several sockets, sorted. */
export function pidsOf(sockets: readonly PortSocket[]): number[] {
  return [...new Set(sockets.flatMap(holderPids))].sort((a, b) => a - b);
}

/**
 * Splits listeners into owners. Processes that share a socket (same inode, or listed together in
 * `pids`) are one owner: a master and its forked workers are one server, not a conflict.
 * A socket with neither pid nor inode is an owner of its own.
 */
export class Owners {
  readonly #parent = new Map<string, string>();
  readonly #ids = new Map<PortSocket, string>();
  readonly #known = new Set<string>();

  constructor(listeners: readonly PortSocket[]) {
    listeners.forEach((s, index) => {
      const nodes = holderPids(s).map((pid) => `pid:${pid}`);
      if (typeof s.inode === 'number') nodes.push(`inode:${s.inode}`);
      if (nodes.length === 0) nodes.push(`socket:${index}`);
      for (const node of nodes.slice(1)) this.#union(nodes[0]!, node);
      this.#ids.set(s, nodes[0]!);
    });
    for (const s of listeners) if (holderPids(s).length > 0) this.#known.add(this.of(s));
  }

  /** Owner id of a listener passed to the constructor. */
  of(s: PortSocket): string {
    const node = this.#ids.get(s);
    return node === undefined
      ? `unlisted:${formatEndpoint(s.localAddress, s.localPort)}`
      : this.#find(node);
  }

  /** True when the owner has at least one PID we can see. */
  isKnown(owner: string): boolean {
    return this.#known.has(owner);
  }

  /** Distinct owners of these sockets, in the order first met. */
  distinct(sockets: readonly PortSocket[]): string[] {
    return [...new Set(sockets.map((s) => this.of(s)))];
  }

  /**
   * True when these owners are different servers as far as we can tell: two we can see, or one we
   * can see and one we cannot. Two unseen ones may well be one process, so they are not flagged.
   */
  areRivals(owners: readonly string[]): boolean {
    const known = owners.filter((o) => this.isKnown(o)).length;
    return known >= 2 || (known >= 1 && owners.length > known);
  }

  #find(node: string): string {
    let root = node;
    while (this.#parent.has(root) && this.#parent.get(root) !== root)
      root = this.#parent.get(root)!;
    this.#parent.set(node, root);
    return root;
  }

  #union(a: string, b: string): void {
    const ra = this.#find(a);
    const rb = this.#find(b);
    if (ra !== rb) this.#parent.set(rb, ra);
  }
}

/** The name to use in short phrases ("clients ... get python3"). */
export function shortName(sockets: readonly PortSocket[]): string {
  const named = sockets.find((s) => s.process);
  if (named?.process) return named.process;
  const pids = pidsOf(sockets);
  return pids.length > 0 ? `PID ${pids[0]}` : 'the unknown process';
}

/** "node (PID 4121)", "nginx (PIDs 10, 11)", or the unknown-process phrase. */
export function describeOwner(sockets: readonly PortSocket[]): string {
  const pids = pidsOf(sockets);
  if (pids.length === 0) return UNKNOWN_PROCESS;
  const name = sockets.find((s) => s.process)?.process ?? 'a process';
  if (pids.length === 1) return `${name} (PID ${pids[0]})`;
  const shown = pids.slice(0, 4).join(', ');
  const more = pids.length > 4 ? ` and ${pids.length - 4} more` : '';
  return `${name} (PIDs ${shown}${more})`;
}

/** How to stop an owner: `kill 4121`, or who can for an unseen one. */
export function stopHint(sockets: readonly PortSocket[]): string {
  const pids = pidsOf(sockets);
  if (pids.length === 0) return 'the unknown one as its user or root';
  return `kill ${pids[0]}`;
}

/** "kill 1, kill 2 or the unknown one ...": owners we can see first. */
export function stopChoices(groups: readonly PortSocket[][]): string {
  const seen = groups.filter((g) => pidsOf(g).length > 0);
  const unseen = groups.filter((g) => pidsOf(g).length === 0);
  return joinWords([...seen, ...unseen].map(stopHint), 'or');
}

/** "localhost:3000" for TCP, "localhost:53 (UDP)" for UDP. */
export function portPhrase(host: string, protocol: Protocol, port: number): string {
  return `${host}:${port}${protocol === 'udp' ? ' (UDP)' : ''}`;
}

/** Groups sockets by owner: owners we can see first, each in the order first met. */
export function byOwner(sockets: readonly PortSocket[], owners: Owners): PortSocket[][] {
  const groups = new Map<string, PortSocket[]>();
  for (const s of sockets) {
    const owner = owners.of(s);
    const group = groups.get(owner);
    if (group) group.push(s);
    else groups.set(owner, [s]);
  }
  const all = [...groups.values()];
  return [...all.filter((g) => pidsOf(g).length > 0), ...all.filter((g) => pidsOf(g).length === 0)];
}

/** "a, b and c" (or "a, b or c"). */
export function joinWords(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}
