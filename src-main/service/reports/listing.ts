// What `porthole list` and the MCP server's list_listeners report: the rows, their conflicts and the unattributed counts.
import { findConflicts } from '../../core/rules/conflicts.js';
import {
  isListener,
  type Conflict,
  type PortSocket,
  type Snapshot,
  type WatchSpec,
} from '../../domain/model.js';
import { listJson } from './json-shapes.js';

/** Listeners by port first, then connections; stable for the same snapshot. */
export function sortListing(sockets: PortSocket[]): PortSocket[] {
  const rank = (s: PortSocket): number => (isListener(s) ? 0 : 1);
  return [...sockets].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      a.localPort - b.localPort ||
      a.protocol.localeCompare(b.protocol) ||
      a.family - b.family ||
      a.localAddress.localeCompare(b.localAddress) ||
      (a.remotePort ?? 0) - (b.remotePort ?? 0) ||
      (a.pid ?? 0) - (b.pid ?? 0),
  );
}

/** Unattributed sockets among the rows a command shows, and how many more `--all` would add. */
export interface UnattributedCount {
  shown: number;
  hidden: number;
}

/**
 * The collector counts every socket it could not attribute; without --all only listeners are
 * shown, so only the ownerless listeners count as shown (listeners always have a kernel owner).
 */
export function countUnattributed(snapshot: Snapshot, all: boolean): UnattributedCount {
  if (all) return { shown: snapshot.unattributed, hidden: 0 };
  const listeners = snapshot.sockets.filter((s) => isListener(s) && s.pid === null).length;
  const shown = Math.min(listeners, snapshot.unattributed);
  return { shown, hidden: snapshot.unattributed - shown };
}

export interface Listing {
  sockets: PortSocket[];
  conflicts: Conflict[];
  unattributed: UnattributedCount;
}

/** Listeners (with `all`, connections too), narrowed by `only`, and the conflicts on their ports. */
export function listing(
  snapshot: Snapshot,
  watches: readonly WatchSpec[],
  all: boolean,
  only: ((s: PortSocket) => boolean) | null = null,
): Listing {
  const shown = all ? snapshot.sockets : snapshot.sockets.filter(isListener);
  const sockets = sortListing(only ? shown.filter(only) : shown);
  const ports = new Set(sockets.map((s) => `${s.protocol}:${s.localPort}`));
  const conflicts = findConflicts(snapshot, watches).filter(
    (c) => only === null || ports.has(`${c.protocol}:${c.port}`),
  );
  return { sockets, conflicts, unattributed: countUnattributed(snapshot, all) };
}

/** `list --json`. */
export function listingJson(snapshot: Snapshot, l: Listing): ReturnType<typeof listJson> {
  return listJson(snapshot, l.sockets, l.conflicts, l.unattributed);
}
