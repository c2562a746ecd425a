// Port conflicts found in a snapshot (shared, shadowed, unexpected owner) and how they change over time.
import {
  isListener,
  type Conflict,
  type PortSocket,
  type ConflictKind,
  type Snapshot,
  type WatchSpec,
} from './model.js';
import { listenersOn } from './conflicts/localhost.js';
import { Owners } from './conflicts/owners.js';
import { shadowedConflict } from './conflicts/shadowed.js';
import { sharedPortConflict } from './conflicts/shared-port.js';
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

/**
 * Every conflict in a snapshot, sorted by port, then kind. Pure: the same snapshot and watches
 * always give the same list.
 */
export function findConflicts(snapshot: Snapshot, watches: readonly WatchSpec[] = []): Conflict[] {
  const listeners = snapshot.sockets.filter(isListener);
  const owners = new Owners(listeners);
  const found: Conflict[] = [];
  // One pass groups listeners by protocol and port (a scan per port was quadratic: ~120 ms at
  // 5,000 listeners); only ports with two or more listeners need the rules.
  const byPort = new Map<string, PortSocket[]>();
  for (const s of listeners) {
    const key = `${s.protocol}:${s.localPort}`;
    const group = byPort.get(key);
    if (group) group.push(s);
    else byPort.set(key, [s]);
  }
  for (const group of byPort.values()) {
    if (group.length < 2) continue;
    const { protocol, localPort: port } = group[0]!;
    const onPort = listenersOn(group, protocol, port);
    const shared = sharedPortConflict(protocol, port, onPort, owners);
    if (shared) found.push(shared);
    const shadowed = shadowedConflict(protocol, port, onPort, owners);
    if (shadowed) found.push(shadowed);
  }
  const seenWatches = new Set<string>();
  for (const watch of watches) {
    if (seenWatches.has(watch.id)) continue;
    seenWatches.add(watch.id);
    const conflict = unexpectedOwnerConflict(watch, listeners, owners);
    if (conflict) found.push(conflict);
  }
  return found.sort(
    (a, b) =>
      a.port - b.port ||
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
      compareText(a.protocol, b.protocol) ||
      compareText(watchIdOf(a) ?? '', watchIdOf(b) ?? ''),
  );
}

/** Identity of a conflict across snapshots: `kind:protocol:port`, plus the watch id for unexpected owners. */
export function conflictKey(c: Conflict): string {
  const base = `${c.kind}:${c.protocol}:${c.port}`;
  const watchId = c.kind === 'unexpected-owner' ? watchIdOf(c) : null;
  return watchId === null ? base : `${base}:${watchId}`;
}

/** Conflicts that appeared in `next` and those of `prev` that are gone, by conflictKey. */
export function diffConflicts(
  prev: readonly Conflict[],
  next: readonly Conflict[],
): { appeared: Conflict[]; resolved: Conflict[] } {
  const before = new Set(prev.map(conflictKey));
  const after = new Set(next.map(conflictKey));
  return {
    appeared: next.filter((c) => !before.has(conflictKey(c))),
    resolved: prev.filter((c) => !after.has(conflictKey(c))),
  };
}
