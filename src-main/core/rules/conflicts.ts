// Port conflicts found in a snapshot (shared, shadowed, unexpected owner) and how they change over time.
import {
  isListener,
  type Conflict,
  type Snapshot,
  type SnapshotDiff,
  type WatchSpec,
} from '../../domain/model.js';
import { compareConflicts } from '../../domain/conflict-changes.js';
import { hasIpv6Loopback } from '../platform/ipv6-loopback.js';
import type { RuleOptions } from './half-reachable.js';
import { Owners } from './owner-partition.js';
import { groupByPort, PortRules } from './port-rules.js';
import { unexpectedOwnerConflict } from './unexpected-owner.js';

export {
  applyConflictDelta,
  conflictDelta,
  conflictKey,
  diffConflicts,
  sameConflict,
  type ConflictChanges,
  type ConflictDelta,
} from '../../domain/conflict-changes.js';
export { localhostOwners } from './localhost.js';
export type { WatchConflict } from './unexpected-owner.js';
export type { RuleOptions } from './half-reachable.js';

/**
 * Finds conflicts like findConflicts, and keeps each port's result for the next snapshot: a port
 * whose listeners and owners did not change gets the same conflicts back without re-running the
 * rules (the monitor's ticks after a change touch a few ports of thousands). Kept conflicts hold
 * the earlier snapshot's socket objects, equal field for field to the current ones.
 */
export class ConflictFinder {
  readonly #ports: PortRules;

  /** `ipv6Loopback` defaults to what this machine has (read once). */
  constructor(options: RuleOptions = {}) {
    this.#ports = new PortRules(options.ipv6Loopback ?? hasIpv6Loopback());
  }

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
 * Every conflict in a snapshot, sorted by port, then kind. Pure given the options: the same
 * snapshot, watches and machine facts always give the same list.
 */
export function findConflicts(
  snapshot: Snapshot,
  watches: readonly WatchSpec[] = [],
  options: RuleOptions = {},
): Conflict[] {
  return new ConflictFinder(options).find(snapshot, watches);
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
