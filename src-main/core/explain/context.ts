// The real machine behind explain's seams: files, programs without a shell, DNS, TCP probes, history, free ports.
import { execFile } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import { readFile } from 'node:fs/promises';
import type { ExplainInput } from '../../domain/explain-input.js';
import type { HistoryEntry } from '../../domain/history-entry.js';
import { systemClock, type Clock, type Snapshot } from '../../domain/model.js';
import { HistoryLog } from '../history/history-log.js';
import { pidAlive } from '../platform/pid-alive.js';
import { suggestFreePorts } from '../rules/free-ports.js';
import { probeTcp } from '../watches/prober.js';
import type { ExplainContext, ToolOutput } from './check.js';

export interface MachineOptions {
  /** The history log to read (the app's own by default); null for none. */
  history?: HistoryLog | null;
  clock?: Clock;
}

/** Files under /proc and /etc are small; a cap keeps a strange one from filling memory. */
const MAX_FILE_BYTES = 1024 * 1024;
const MAX_OUTPUT_BYTES = 4 * 1024 * 1024;

async function readSmallFile(path: string): Promise<string | null> {
  try {
    const text = await readFile(path, 'utf8');
    return text.length > MAX_FILE_BYTES ? text.slice(0, MAX_FILE_BYTES) : text;
  } catch {
    return null;
  }
}

/** execFile, never a shell; a missing program (ENOENT, EACCES) is null, a non-zero exit is its output. */
export function runTool(
  command: string,
  args: readonly string[],
  timeoutMs: number,
): Promise<ToolOutput | null> {
  return new Promise((resolve) => {
    execFile(
      command,
      [...args],
      { timeout: timeoutMs, maxBuffer: MAX_OUTPUT_BYTES, windowsHide: true, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (!error) return resolve({ code: 0, stdout, stderr });
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'EACCES') return resolve(null);
        const exit = typeof error.code === 'number' ? error.code : null;
        resolve({ code: exit, stdout: stdout ?? '', stderr: stderr ?? '' });
      },
    );
  });
}

export function machineContext(
  input: ExplainInput,
  snapshot: Snapshot | null,
  options: MachineOptions = {},
): ExplainContext {
  const log = options.history === undefined ? new HistoryLog() : options.history;
  return {
    input,
    snapshot,
    platform: process.platform,
    clock: options.clock ?? systemClock,
    readFile: readSmallFile,
    run: runTool,
    async resolve(host) {
      const found = await lookup(host, { all: true, verbatim: true });
      return found.map((f) => ({ address: f.address, family: f.family === 6 ? 6 : 4 }));
    },
    probe: (host, port, timeoutMs) => probeTcp(host, port, timeoutMs),
    history: async (port): Promise<HistoryEntry[]> => (log ? log.query({ port }) : []),
    alive: pidAlive,
    freePorts: (port, protocol, count) =>
      suggestFreePorts({ near: port, count, snapshot, protocol }),
  };
}
