// Who a PID is and whether Porthole may stop it: init, Porthole itself, its parent and protected names never.
import type { ProcessIdentity } from '../../shared/contract.js';
import { InputError } from '../errors.js';
import { defaultProcessReader, type ProcessFacts, type ProcessReader } from './process-reader.js';

export interface ProcessControlOptions {
  /** Process names never offered for kill (preferences.protectedProcesses); compared ignoring case. */
  protectedProcesses?: readonly string[];
  /** Default process.pid and process.ppid. */
  selfPid?: number;
  parentPid?: number;
  /** Default: /proc on Linux, systeminformation elsewhere. */
  reader?: ProcessReader;
}

/** Platforms where Node can signal processes and a reader can tell who they are. */
const KILL_PLATFORMS = new Set(['linux', 'darwin', 'win32', 'freebsd', 'openbsd', 'netbsd']);

export function killSupported(platform: string = process.platform): boolean {
  return KILL_PLATFORMS.has(platform);
}

let sharedReader: ProcessReader | null = null;

export function readerFor(options: ProcessControlOptions): ProcessReader {
  return options.reader ?? (sharedReader ??= defaultProcessReader());
}

export function checkPid(pid: unknown): number {
  if (typeof pid !== 'number' || !Number.isInteger(pid) || pid < 1 || pid > 2 ** 31 - 1) {
    throw new InputError(`PID must be a whole number from 1 to 2147483647, got ${String(pid)}`);
  }
  return pid;
}

/** `node (PID 4121)`, or `PID 4121` when the name is unknown. */
export function processLabel(pid: number, name: string | null): string {
  return name ? `${name} (PID ${pid})` : `PID ${pid}`;
}

/** Why this process must not be stopped, in plain words; null when it may be. */
export function refusal(facts: ProcessFacts, options: ProcessControlOptions): string | null {
  const label = processLabel(facts.pid, facts.process);
  if (facts.pid === 1)
    return `${label} is the system's first process; stopping it would stop the machine`;
  if (facts.pid === (options.selfPid ?? process.pid)) return `${label} is Porthole itself`;
  if (facts.pid === (options.parentPid ?? process.ppid)) {
    return `${label} started Porthole; stopping it would stop Porthole too`;
  }
  const name = facts.process?.toLowerCase();
  if (name && (options.protectedProcesses ?? []).some((p) => p.toLowerCase() === name)) {
    return `${label} is a protected process (see protectedProcesses in settings)`;
  }
  return null;
}

/** Facts plus the verdict; null facts mean no process has the PID any more. */
export function identityOf(
  pid: number,
  facts: ProcessFacts | null,
  options: ProcessControlOptions,
): ProcessIdentity {
  if (!facts) {
    return {
      pid,
      process: null,
      command: null,
      user: null,
      startToken: null,
      killable: false,
      reason: `PID ${pid} is not running`,
    };
  }
  const reason = refusal(facts, options);
  return { ...facts, killable: reason === null, reason };
}

/** Who holds `pid`, with the token a kill must present and whether it may be stopped. */
export async function inspectProcess(
  pid: number,
  options: ProcessControlOptions = {},
): Promise<ProcessIdentity> {
  const checked = checkPid(pid);
  return identityOf(checked, await readerFor(options).read(checked), options);
}
