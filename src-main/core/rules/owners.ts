// Who owns a listener: groups processes that share sockets, and names them in plain words.
import { containerStopCommand } from '../../domain/container-actions.js';
import { containerLabel } from '../../domain/container.js';
import { ownerLabel } from '../../domain/labels.js';
import type { PortSocket, Protocol } from '../../domain/model.js';
import { unnamedHolder } from '../../domain/unattributed.js';
import type { Owners, OwnerId } from './owner-partition.js';

/** Distinct PIDs holding a socket, lowest first (forked workers share one socket). */
export function holderPids(s: PortSocket): number[] {
  const all = s.pids && s.pids.length > 0 ? s.pids : s.pid === null ? [] : [s.pid];
  // Nearly every socket has one holder: no set and no sort for it.
  if (all.length <= 1) return all.slice();
  return [...new Set(all)].sort((a, b) => a - b);
}

/** Distinct PIDs of several sockets, sorted. */
export function pidsOf(sockets: readonly PortSocket[]): number[] {
  if (sockets.length === 1) return holderPids(sockets[0]!);
  return [...new Set(sockets.flatMap(holderPids))].sort((a, b) => a - b);
}

/** The container behind any of these sockets (one owner's sockets share it), or null. */
function containerOf(sockets: readonly PortSocket[]): PortSocket['container'] {
  return sockets.find((s) => s.container)?.container ?? null;
}

/** The name to use in short phrases ("clients ... get python3", "... get postgres (container db)"). */
export function shortName(sockets: readonly PortSocket[]): string {
  const container = containerOf(sockets);
  if (container) return containerLabel(container);
  const named = sockets.find((s) => s.process);
  if (named?.process) return named.process;
  const pids = pidsOf(sockets);
  return pids.length > 0 ? `PID ${pids[0]}` : 'the unknown process';
}

/**
 * "node (PID 4121)", "nginx (PIDs 10, 11)", or who holds it by why no process is named ("another
 * user’s process (sudo would name it)", domain/unattributed.ts); a container's port reads
 * "postgres (container db) via docker-proxy (PIDs 5040, 5041)" (its forwarder secondary).
 */
export function describeOwner(sockets: readonly PortSocket[]): string {
  const container = containerOf(sockets);
  if (container) {
    const label = containerLabel(container);
    return pidsOf(sockets).length === 0 ? label : `${label} via ${describeProcesses(sockets)}`;
  }
  return describeProcesses(sockets);
}

function describeProcesses(sockets: readonly PortSocket[]): string {
  const pids = pidsOf(sockets);
  if (pids.length === 0)
    return unnamedHolder(sockets.find((s) => s.unattributedCause)?.unattributedCause);
  const name = sockets.find((s) => s.process)?.process ?? 'a process';
  if (pids.length === 1) return ownerLabel(pids[0]!, name);
  const shown = pids.slice(0, 4).join(', ');
  const more = pids.length > 4 ? ` and ${pids.length - 4} more` : '';
  return `${name} (PIDs ${shown}${more})`;
}

/** How to stop an owner: `kill 4121`, `docker stop db` for a container, or who can for an unseen one. */
export function stopHint(sockets: readonly PortSocket[]): string {
  const container = containerOf(sockets);
  if (container) return containerStopCommand(container);
  const pids = pidsOf(sockets);
  if (pids.length === 0) return 'the unknown one as its user or root';
  return `kill ${pids[0]}`;
}

/** "kill 1, kill 2 or the unknown one ...": owners we can see first. */
export function stopChoices(groups: readonly PortSocket[][]): string {
  const seen = groups.filter(isSeenGroup);
  const unseen = groups.filter((g) => !isSeenGroup(g));
  return joinWords([...seen, ...unseen].map(stopHint), 'or');
}

/** "localhost:3000" for TCP, "localhost:53 (UDP)" for UDP. */
export function portPhrase(host: string, protocol: Protocol, port: number): string {
  return `${host}:${port}${protocol === 'udp' ? ' (UDP)' : ''}`;
}

/** Groups sockets by owner: owners we can see first, each in the order first met. */
export function byOwner(sockets: readonly PortSocket[], owners: Owners): PortSocket[][] {
  const groups = new Map<OwnerId, PortSocket[]>();
  for (const s of sockets) {
    const owner = owners.of(s);
    const group = groups.get(owner);
    if (group) group.push(s);
    else groups.set(owner, [s]);
  }
  const all = [...groups.values()];
  return [...all.filter(isSeenGroup), ...all.filter((g) => !isSeenGroup(g))];
}

/** An owner we can name: a process we see, or a container (even one no process holds a port for). */
function isSeenGroup(sockets: readonly PortSocket[]): boolean {
  return pidsOf(sockets).length > 0 || containerOf(sockets) !== null;
}

/** "a, b and c" (or "a, b or c"). */
export function joinWords(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}
