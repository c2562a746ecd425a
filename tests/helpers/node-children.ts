// Node child processes started by a test from a script, each SIGKILLed by killNodeChildren() (afterEach).
import { pidAlive } from '../../src-main/core/platform/pid-alive.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

const children = new Set<ChildProcess>();

/**
 * Runs `script` in a new node (started through `exe`, e.g. a symlink to node with an odd name);
 * resolves once it prints its first output (its "ready"), with that output.
 */
export async function startNodeChild(
  script: string,
  exe = process.execPath,
): Promise<{ child: ChildProcess; ready: string }> {
  const child = spawn(exe, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.add(child);
  const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
  return { child, ready: chunk.toString('utf8').trim() };
}

export async function nodeChild(script: string): Promise<ChildProcess> {
  return (await startNodeChild(script)).child;
}

export async function killNodeChildren(): Promise<void> {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    }
  }
  children.clear();
}

/** Whether a process with this PID exists now (signal 0 checks without signalling). */
export function isRunning(pid: number): boolean {
  return pidAlive(pid) === true;
}
