// A fake ExplainContext for check tests: one parsed input, handwritten sockets, recorded answers.
import type { ExplainContext } from '../../../../src-main/core/explain/check.js';
import {
  isExplainInputError,
  parseExplainInput,
} from '../../../../src-main/domain/explain-input.js';
import type { HistoryEntry } from '../../../../src-main/domain/history-entry.js';
import type { PortSocket, Snapshot } from '../../../../src-main/domain/model.js';

export function fakeContext(
  text: string,
  sockets: PortSocket[] | null,
  over: Partial<ExplainContext> & { engines?: Snapshot['engines'] } = {},
): ExplainContext {
  const input = parseExplainInput([text]);
  if (isExplainInputError(input)) throw new Error(input.error);
  const { engines, ...rest } = over;
  const snapshot: Snapshot | null =
    sockets === null
      ? null
      : { takenAt: 0, sockets, unattributed: 0, source: 'test', warnings: [], engines };
  return {
    input,
    snapshot,
    platform: 'linux',
    clock: () => 0,
    readFile: () => Promise.resolve(null),
    run: () => Promise.resolve(null),
    resolve: () => Promise.resolve([]),
    probe: (host) =>
      Promise.resolve({ address: host, family: 4, open: false, ms: 1, error: 'ECONNREFUSED' }),
    ...rest,
  };
}

export function historyEntry(over: Partial<HistoryEntry>): HistoryEntry {
  return {
    at: 0,
    kind: 'watch',
    port: 3000,
    protocol: 'tcp',
    target: '3000',
    event: 'up',
    pid: null,
    process: null,
    detail: '',
    ...over,
  };
}
