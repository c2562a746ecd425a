// Port conflicts found in a snapshot (shared, shadowed, unexpected owner) and how they change over time.
import {
  isListener,
  type Conflict,
  type ConflictKind,
  type Snapshot,
  type SnapshotDiff,
  type WatchSpec,
} from './model.js';
import { sameSocket } from './diff.js';
import { Owners } from './conflicts/owner-partition.js';
import { groupByPort, PortRules } from './conflicts/port-rules.js';
import { unexpectedOwnerConflict } from './conflicts/unexpected-owner.js';

export { localhostOwners } from './conflicts/localhost.js';
export type { WatchConflict } from './conflicts/unexpected-owner.js';

const KIND_ORDER: readonly ConflictKind[] = ['shared-port', 'shadowed', 'unexpected-owner'];

/** The watch a conflict was raised for, when it was raised for one. */
function watchIdOf(c: Conflict): string | null {
  const id = (c as Conflict & { watchId?: unknown }).watchId;
  return typeof id === 'string' ? id : null;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareConflicts(a: Conflict, b: Conflict): number {
  return (
    a.port - b.port ||
    KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
    compareText(a.protocol, b.protocol) ||
    compareText(watchIdOf(a) ?? '', watchIdOf(b) ?? '')
  );
}

/**
 * Finds conflicts like findConflicts, and keeps each port's result for the next snapshot: a port
 * whose listeners and owners did not change gets the same conflicts back without re-running the
 * rules (the monitor's ticks after a change touch a few ports of thousands). Kept conflicts hold
 * the earlier snapshot's socket objects, equal field for field to the current ones.
 */
export class ConflictFinder {
  readonly #ports = new PortRules();

  /** Every conflict in a snapshot, sorted by port, then kind. */
  find(snapshot: Snapshot, watches: readonly WatchSpec[] = []): Conflict[] {
    const listeners = snapshot.sockets.filter(isListener);
    const owners = new Owners(listeners);
    const groups = groupByPort(listeners);
    const found = this.#ports.find(groups, owners);
    const seenWatches = new Set<string>();
    for (const watch of watches) {
      if (seenWatches.has(watch.id)) continue;
      seenWatches.add(watch.id);
      // The rule looks at one port: hand it that port's listeners, not every one.
      const port = watch.target.port;
      const onPort = [
        ...(groups.get('tcp')?.get(port) ?? []),
        ...(groups.get('udp')?.get(port) ?? []),
      ];
      const conflict = unexpectedOwnerConflict(watch, onPort, owners);
      if (conflict) found.push(conflict);
    }
    return found.sort(compareConflicts);
  }
}

/**
 * Every conflict in a snapshot, sorted by port, then kind. Pure: the same snapshot and watches
 * always give the same list.
 */
export function findConflicts(snapshot: Snapshot, watches: readonly WatchSpec[] = []): Conflict[] {
  return new ConflictFinder().find(snapshot, watches);
}

/**
 * True when a diff adds, removes or changes a listener. The rules read listeners only, so after a
 * diff without one (connections came and went) they would find the very same conflicts.
 */
export function changesListeners(diff: SnapshotDiff): boolean {
  return (
    diff.added.some(isListener) ||
    diff.removed.some(isListener) ||
    diff.changed.some((c) => isListener(c.before) || isListener(c.after))
  );
}

/** Identity of a conflict across snapshots: `kind:protocol:port`, plus the watch id for unexpected owners. */
export function conflictKey(c: Conflict): string {
  const base = `${c.kind}:${c.protocol}:${c.port}`;
  const watchId = c.kind === 'unexpected-owner' ? watchIdOf(c) : null;
  return watchId === null ? base : `${base}:${watchId}`;
}

/** True when two conflicts say the same thing: same key, text, PIDs and sockets (field by field). */
export function sameConflict(a: Conflict, b: Conflict): boolean {
  if (a === b) return true;
  return (
    conflictKey(a) === conflictKey(b) &&
    a.message === b.message &&
    a.fix === b.fix &&
    a.pids.length === b.pids.length &&
    a.pids.every((pid, i) => pid === b.pids[i]) &&
    a.sockets.length === b.sockets.length &&
    a.sockets.every((s, i) => sameSocket(s, b.sockets[i]!))
  );
}

export interface ConflictChanges {
  /** In `next` only, by conflictKey: news worth a notice and a history entry. */
  appeared: Conflict[];
  /** In `prev` only, by conflictKey. */
  resolved: Conflict[];
  /** In both by key, but with other text, PIDs or sockets (as in `next`): the window's list is stale. */
  changed: Conflict[];
}

/** How `next` differs from `prev`: conflicts that appeared, were resolved, or kept their key but changed. */
export function diffConflicts(
  prev: readonly Conflict[],
  next: readonly Conflict[],
): ConflictChanges {
  const before = new Map(prev.map((c) => [conflictKey(c), c]));
  const after = new Set(next.map(conflictKey));
  const appeared: Conflict[] = [];
  const changed: Conflict[] = [];
  for (const c of next) {
    const earlier = before.get(conflictKey(c));
    if (earlier === undefined) appeared.push(c);
    else if (!sameConflict(earlier, c)) changed.push(c);
  }
  return { appeared, resolved: prev.filter((c) => !after.has(conflictKey(c))), changed };
}
