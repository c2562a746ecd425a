// Pure: which sockets a conflict involves, so its mark goes on them and not on every socket of the port.
import { isListener, type PortSocket } from '../../src-main/domain/index.js';
import { keyOf } from './sockets.js';

/** The listeners the state's conflicts name, by socket key; ports whose conflict names none. */
export interface ConflictIndex {
  readonly sockets: ReadonlySet<string>;
  /** `${protocol}:${port}` of conflicts that list no socket (every listener there is involved). */
  readonly ports: ReadonlySet<string>;
}

export const NO_CONFLICTS: ConflictIndex = { sockets: new Set(), ports: new Set() };

/** Builds the index from `conflict.sockets`; a conflict without sockets stands for its port's listeners. */
export function conflictIndex(
  conflicts: readonly { protocol: string; port: number; sockets: readonly PortSocket[] }[],
): ConflictIndex {
  if (conflicts.length === 0) return NO_CONFLICTS;
  const sockets = new Set<string>();
  const ports = new Set<string>();
  for (const c of conflicts) {
    if (c.sockets.length === 0) ports.add(`${c.protocol}:${c.port}`);
    for (const s of c.sockets) sockets.add(keyOf(s));
  }
  return { sockets, ports };
}

/**
 * True for a listener a conflict involves. Never for a connection: a CLOSE_WAIT client on the
 * conflict's port is not part of who answers there.
 */
export function inConflict(s: PortSocket, index: ConflictIndex): boolean {
  if (index === NO_CONFLICTS || !isListener(s)) return false;
  return index.sockets.has(keyOf(s)) || index.ports.has(`${s.protocol}:${s.localPort}`);
}
