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
import { countUnattributed, sortListing, type UnattributedCount } from './rows.js';

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
