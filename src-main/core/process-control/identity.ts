// Who a PID is and whether Porthole may stop it: init, Porthole itself, its parent and protected names never.
import type { ProcessIdentity } from '../../domain/process.js';
import { ownerLabel } from '../../domain/labels.js';
import { InputError } from '../errors.js';
import {
  defaultProcessReader,
  type ProcessFacts,
  type ProcessReader,
} from '../platform/process-reader.js';

export interface ProcessControlOptions {
  /** Process names never offered for kill (preferences.protectedProcesses); compared ignoring case. */
  protectedProcesses?: readonly string[];
  /** Default process.pid and process.ppid. */
  selfPid?: number;
  parentPid?: number;
  /** Default: /proc on Linux, systeminformation elsewhere. */
  reader?: ProcessReader;
  /** Who Porthole runs as; default process.getuid()/geteuid(), null where the platform has no uids. */
  credentials?: Credentials | null;
}

export interface Credentials {
  uid: number;
  euid: number;
}

function currentCredentials(): Credentials | null {
  return process.getuid && process.geteuid
    ? { uid: process.getuid(), euid: process.geteuid() }
    : null;
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

/**
 * kill(2) lets an unprivileged sender signal a process only when the sender's real or effective
 * uid is the target's real or saved uid; root (CAP_KILL) may signal anyone.
 */
function mayNotSignal(facts: ProcessFacts, options: ProcessControlOptions): boolean {
  const me = options.credentials === undefined ? currentCredentials() : options.credentials;
  if (!me || !facts.uids || me.euid === 0) return false;
  const theirs = [facts.uids.real, facts.uids.saved];
  return !theirs.includes(me.uid) && !theirs.includes(me.euid);
}

/** A thread is never stopped on its own: signalling its ID would stop its whole process. */
function threadRefusal(facts: ProcessFacts, tgid: number, options: ProcessControlOptions): string {
  const leader = facts.leader;
  const owner = leader ? ownerLabel(leader.pid, leader.process) : `PID ${tgid}`;
  const why = leader ? processRefusal(leader, options) : null;
  return `PID ${facts.pid} is a thread of ${owner}; ${why ?? 'stop the process instead'}`;
}

/** The rules for a whole process (a thread group leader). */
function processRefusal(facts: ProcessFacts, options: ProcessControlOptions): string | null {
  const label = ownerLabel(facts.pid, facts.process);
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
  if (mayNotSignal(facts, options)) {
    return `${label} belongs to ${facts.user ? `user ${facts.user}` : 'another user'}; Porthole does not run as root or as that user, so it may not stop it`;
  }
  return null;
}

/** Why this PID must not be stopped, in plain words; null when it may be. */
export function refusal(facts: ProcessFacts, options: ProcessControlOptions): string | null {
  if (facts.tgid === null) {
    return `cannot tell whether PID ${facts.pid} is a process or a thread of one (its /proc status is unreadable)`;
  }
  if (facts.tgid !== undefined && facts.tgid !== facts.pid) {
    return threadRefusal(facts, facts.tgid, options);
  }
  return processRefusal(facts, options);
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
  // Explicit picks: the reader's internal facts (tgid, leader, uids) stay out of the contract.
  const { command, user, startToken } = facts;
  return {
    pid,
    process: facts.process,
    command,
    user,
    startToken,
    killable: reason === null,
    reason,
  };
}

/** Who holds `pid`, with the token a kill must present and whether it may be stopped. */
export async function inspectProcess(
  pid: number,
  options: ProcessControlOptions = {},
): Promise<ProcessIdentity> {
  const checked = checkPid(pid);
  return identityOf(checked, await readerFor(options).read(checked), options);
}
