// The rows a listing shows: their order, and how many of them (and beyond them) have no known owner.
import { isListener, type PortSocket, type Snapshot } from '../../domain/model.js';

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
