// History records alarming conflicts only: a hint or a deliberate shared port is not an event worth keeping.
import { expect, test } from 'vitest';
import { conflictHistoryEntries } from '../../../../src-main/core/monitor/history-recording.js';
import { T0, conflict } from '../../electron/state.js';

test('hints and info neither appear nor resolve in history; warnings do', () => {
  const hint = conflict(8000, { kind: 'half-reachable' });
  const info = conflict(4100, { deliberate: true });
  const warning = conflict(3000);
  const entries = conflictHistoryEntries([hint, info, warning], [hint, info, conflict(3001)], T0);
  expect(entries.map((e) => `${e.kind}:${e.port}`)).toEqual([
    'conflict-appeared:3000',
    'conflict-resolved:3001',
  ]);
});
