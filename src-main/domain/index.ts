// Node-free helpers the window shares with the core: row identity, diffs, exposure, problem count, labels.
export { applyConflictDelta, conflictKey, sameConflicts } from './conflict-changes.js';
export { applyDiff, diffSnapshots, isEmptyDiff, socketKey } from './diff.js';
export { isListener, SOCKET_STATES } from './model.js';
export { formatEndpoint, isLoopback, isWildcard, loopbackOf, targetText } from './endpoint.js';
export { formatProtocol, latencyText, ownerLabel, ownerOrUnknown, watchName } from './labels.js';
export { isSnoozed, isWatchSnoozed } from './snooze.js';
export {
  containerName,
  containerPublishText,
  forwarderNote,
  forwardText,
  socketOwner,
  socketOwnerOrUnknown,
  socketOwnerText,
} from './socket-owner.js';
export {
  containerCommand,
  containerStopCommand,
  engineKind,
  isEngineForwarderName,
} from './container-actions.js';
export {
  expectedOwnerError,
  expectedOwnerText,
  matchesContainerTerm,
  parseExpectedOwner,
} from './expected-owner.js';
export { engineNotes } from './engine-notes.js';
export { exposureFix, exposureKey, isExposed, loopbackPublishCommand } from './exposure.js';
export { alarmingConflicts, countProblems, downWatches, exposedPorts } from './problems.js';
export type { ExposedPort, ProblemSource } from './problems.js';
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
export { buildProblems, type Problem } from './problem-list.js';
export { bindCommand, recogniseServer, type BindGoal, type ServerKind } from './recognise.js';
export { portTag, problemLine } from './labels.js';
export {
  compareProblems,
  conflictSeverity,
  isAlarming,
  problemSeverity,
  SEVERITY_LABEL,
  SEVERITY_ORDER,
  worstSeverity,
  type ProblemKind,
  type Severity,
} from './severity.js';
export {
  noUnattributed,
  unattributedCounts,
  unattributedNotices,
  UNATTRIBUTED_CAUSES,
  type UnattributedCause,
  type UnattributedCounts,
  type UnattributedNotice,
} from './unattributed.js';
