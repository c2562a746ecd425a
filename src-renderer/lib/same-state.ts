// Pure: cheap checks that a full state repeats what the window already shows (no deep compare).
import type { PortSocket, Snapshot } from '../../src-main/domain/index.js';

/** What the window shows now: the last snapshot with any diffs since applied (the store has these). */
export interface ShownSnapshot {
  takenAt: number | null;
  sockets: readonly PortSocket[];
  unattributed: number;
  source: string;
  warnings: readonly string[];
}

/**
 * The same collection: taken at the same moment, with the same counts. The core stamps each
 * collection with its own time, so two different ones never share `takenAt`.
 */
export function sameSnapshot(shown: ShownSnapshot | null, next: Snapshot | null): boolean {
  return (
    shown !== null &&
    next !== null &&
    shown.takenAt === next.takenAt &&
    shown.sockets.length === next.sockets.length &&
    shown.unattributed === next.unattributed &&
    shown.source === next.source &&
    shown.warnings.length === next.warnings.length
  );
}

/** The same conflicts in the same order: the core's rule (the store imports it from here). */
export { sameConflicts } from '../../src-main/domain/index.js';
