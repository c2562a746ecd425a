// Stops a process after re-checking its identity: SIGTERM, and SIGKILL after a grace period when forced.
import { setTimeout as sleep } from 'node:timers/promises';
import type { KillResult } from '../../domain/process.js';
import { ownerLabel } from '../../domain/labels.js';
import { systemClock, type Clock } from '../../domain/model.js';
import { checkPid, readerFor, refusal, type ProcessControlOptions } from './identity.js';
import type { ProcessReader } from '../platform/process-reader.js';

export interface KillRequest {
  pid: number;
  /** The token inspectProcess gave; a different one means the PID now belongs to another process. */
  startToken: string | null;
  /** After SIGTERM and the grace period, SIGKILL a process that is still running. */
  force: boolean;
}

export interface KillOptions extends ProcessControlOptions {
  /** How long a process gets to exit after SIGTERM (default 3 s). */
  graceMs?: number;
  /** How often to look whether it has exited (default 50 ms). */
  pollMs?: number;
  clock?: Clock;
  /** Default process.kill; a test seam for refusals (EPERM) that cannot be provoked as root. */
  sendSignal?: (pid: number, signal: 'SIGTERM' | 'SIGKILL') => void;
}

const DEFAULT_GRACE_MS = 3_000;
/** After SIGKILL the kernel needs a moment to tear the process down. */
const SIGKILL_WAIT_MS = 2_000;

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** True once the process has exited within `ms`; polls the cheap check of the reader. */
async function waitForExit(
  reader: ProcessReader,
  pid: number,
  ms: number,
  pollMs: number,
  clock: Clock,
): Promise<boolean> {
  const deadline = clock() + ms;
  for (;;) {
    if (reader.exited(pid)) return true;
    if (clock() >= deadline) return false;
    await sleep(pollMs);
  }
}

type SignalOutcome = 'sent' | 'gone' | 'denied';

function signal(
  send: NonNullable<KillOptions['sendSignal']>,
  pid: number,
  name: 'SIGTERM' | 'SIGKILL',
): SignalOutcome {
  try {
    send(pid, name);
    return 'sent';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ESRCH') return 'gone';
    if (code === 'EPERM') return 'denied';
    throw error;
  }
}

/**
 * Re-inspects the PID, refuses when it is not the process the user saw (start token) or may not be
 * stopped, then sends SIGTERM and waits; with `force`, SIGKILL follows if it is still running.
 */
export async function killProcess(
  request: KillRequest,
  options: KillOptions = {},
): Promise<KillResult> {
  const pid = checkPid(request.pid);
  const reader = readerFor(options);
  const clock = options.clock ?? systemClock;
  const graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
  const pollMs = options.pollMs ?? 50;
  const send = options.sendSignal ?? ((target, name) => process.kill(target, name));
  const refused = (message: string): KillResult => ({ ok: false, signal: null, message });

  const facts = await reader.read(pid);
  if (!facts) return refused(`PID ${pid} is not running any more; refresh the list`);
  if (facts.startToken !== request.startToken) {
    return refused(`PID ${pid} now belongs to a different process; refresh and try again`);
  }
  const reason = refusal(facts, options);
  if (reason) return refused(`not stopped: ${reason}`);
  const label = ownerLabel(pid, facts.process);
  const denied = refused(`permission denied: ${label} belongs to another user`);

  const term = signal(send, pid, 'SIGTERM');
  if (term === 'denied') return denied;
  if (term === 'gone') return { ok: true, signal: null, message: `${label} had already exited` };
  if (await waitForExit(reader, pid, graceMs, pollMs, clock)) {
    return { ok: true, signal: 'SIGTERM', message: `${label} stopped` };
  }
  if (!request.force) {
    return {
      ok: false,
      signal: 'SIGTERM',
      message: `${label} was asked to stop (SIGTERM) but is still running after ${seconds(graceMs)}; force it to kill it`,
    };
  }
  // The grace period is long enough for the PID to be reused: check again before SIGKILL.
  const again = await reader.read(pid);
  if (!again || again.startToken !== facts.startToken) {
    return { ok: true, signal: 'SIGTERM', message: `${label} stopped` };
  }
  const kill = signal(send, pid, 'SIGKILL');
  if (kill === 'denied') return denied;
  if (kill === 'gone' || (await waitForExit(reader, pid, SIGKILL_WAIT_MS, pollMs, clock))) {
    return {
      ok: true,
      signal: 'SIGKILL',
      message: `${label} ignored SIGTERM for ${seconds(graceMs)}; killed it (SIGKILL)`,
    };
  }
  return {
    ok: false,
    signal: 'SIGKILL',
    message: `${label} is still running after SIGKILL (it may be stuck waiting on the system)`,
  };
}
