// Shared by the history tests: a plain entry, and scripts run in a child process over the built core.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { pathToFileURL } from 'node:url';
import type { HistoryEntry } from '../../../../src-main/core/history/history-log.js';
import { builtFile } from '../../../helpers/built-output.js';

/** The built HistoryLog (`npm test` builds first), as the CLI and the app run it. */
const builtHistory = () => pathToFileURL(builtFile('node/core/history/history-log.js')).href;

/** A `watch` entry on port 3000 + at % 10, changed by `patch`. */
export function historyEntry(at: number, patch: Partial<HistoryEntry> = {}): HistoryEntry {
  const port = 3000 + (at % 10);
  return {
    at,
    kind: 'watch',
    port,
    protocol: 'tcp',
    target: String(port),
    event: 'down',
    pid: 4121,
    process: 'node',
    detail: `event at ${at}`,
    ...patch,
  };
}

const children: ChildProcess[] = [];

/**
 * Runs an ES module script in a fresh Node (env HISTORY_MODULE: the built history module); resolves
 * with its stdout, rejects on a non-zero exit. Killed after timeoutMs; killChildren() in afterEach.
 */
export function runHistoryScript(
  script: string,
  env: Record<string, string>,
  options: { nodeArgs?: string[]; timeoutMs?: number } = {},
): Promise<string> {
  const args = [...(options.nodeArgs ?? []), '--input-type=module', '-e', script];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, HISTORY_MODULE: builtHistory(), ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 40_000);
  return once(child, 'exit').then(([code]) => {
    clearTimeout(timer);
    if (code !== 0) throw new Error(`history script exited with ${String(code)}`);
    return out;
  });
}

export async function killChildren(): Promise<void> {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
  }
}
