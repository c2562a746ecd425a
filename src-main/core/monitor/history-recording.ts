// Turns monitor events (watch transitions, conflicts appearing and resolving) into history entries.
import type { HistoryEntry } from '../history/history-log.js';
import type { Conflict, WatchEvent, WatchSpec } from '../../domain/model.js';
import { alarmingConflicts } from '../../domain/problems.js';

export function watchHistoryEntry(event: WatchEvent, spec: WatchSpec): HistoryEntry {
  return {
    at: event.at,
    kind: event.event === 'owner-changed' ? 'owner-changed' : 'watch',
    port: spec.target.port,
    protocol: 'tcp',
    target: event.target,
    event: event.event,
    pid: event.pid,
    process: event.process,
    detail: event.detail,
  };
}

export function conflictHistoryEntries(
  appeared: readonly Conflict[],
  resolved: readonly Conflict[],
  at: number,
): HistoryEntry[] {
  const entry = (
    conflict: Conflict,
    kind: 'conflict-appeared' | 'conflict-resolved',
  ): HistoryEntry => ({
    at,
    kind,
    port: conflict.port,
    protocol: conflict.protocol,
    target: `${conflict.protocol}/${conflict.port}`,
    event: conflict.kind,
    pid: conflict.pids[0] ?? null,
    process: conflict.sockets.find((s) => s.pid === conflict.pids[0])?.process ?? null,
    detail: kind === 'conflict-appeared' ? conflict.message : `resolved: ${conflict.message}`,
  });
  // History is for what went wrong: hints (half-reachable) and info (deliberate workers) are not recorded.
  return [
    ...alarmingConflicts(appeared).map((c) => entry(c, 'conflict-appeared')),
    ...alarmingConflicts(resolved).map((c) => entry(c, 'conflict-resolved')),
  ];
}

/** A conflict history holds as open but the first look after a start did not find: resolved
 *  while Porthole was not looking, told with the text it was recorded with. */
export function resolvedEarlierEntry(appeared: HistoryEntry, at: number): HistoryEntry {
  return {
    ...appeared,
    at,
    kind: 'conflict-resolved',
    detail: `resolved (while Porthole was not running): ${appeared.detail}`,
  };
}
