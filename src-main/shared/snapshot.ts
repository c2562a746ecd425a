// Node-free snapshot helpers the window shares with the core: row identity, diff application, listener test.
export { applyConflictDelta, conflictKey } from '../core/conflict-changes.js';
export { applyDiff, diffSnapshots, isEmptyDiff, socketKey } from '../core/diff.js';
export { exposureKey, isListener, SOCKET_STATES } from '../core/model.js';
export type {
  Answer,
  Conflict,
  Exposure,
  MonitorStatus,
  PortSocket,
  ProbeResult,
  Snapshot,
  SnapshotDiff,
  WatchEvent,
  WatchSpec,
  WatchState,
} from '../core/model.js';
export type { HistoryEntry, HistoryQuery } from '../core/history-entry.js';
