// One HistoryEntry builder for hand-made test data: node (PID 4121) stopped listening on 3000.
import type { HistoryEntry } from '../../src-main/domain/history-entry.js';

export function historyEntry(over: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    at: Date.UTC(2026, 10, 28, 12, 0, 0),
    kind: 'watch',
    port: 3000,
    protocol: 'tcp',
    target: '3000',
    event: 'down',
    pid: 4121,
    process: 'node',
    detail: 'node (PID 4121) stopped listening',
    ...over,
  };
}
