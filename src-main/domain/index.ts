// Node-free snapshot helpers the window shares with the core: row identity, diff application, listener test.
export { applyConflictDelta, conflictKey } from './conflict-changes.js';
export { applyDiff, diffSnapshots, isEmptyDiff, socketKey } from './diff.js';
export { exposureKey, isListener, SOCKET_STATES } from './model.js';
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
} from './model.js';
export type { HistoryEntry, HistoryQuery } from './history-entry.js';
