// Reads who a PID is, with a start-time token: /proc on Linux, systeminformation's process list elsewhere.
import { readFileSync } from 'node:fs';
import { nodeProcFs, type ProcFs } from './proc-fs.js';
import { readProcessInfo } from './proc-process-info.js';
import { pidAlive } from './pid-alive.js';
import { UserNames } from './user-names.js';
import { systemClock } from '../../domain/model.js';

/** What a process is right now; `startToken` tells it from a later process given the same PID. */
export interface ProcessFacts {
  pid: number;
  process: string | null;
  command: string | null;
  user: string | null;
  startToken: string | null;
  /**
   * The thread group (process) this PID belongs to, where the reader can tell threads apart
   * (Linux: a thread's ID opens /proc/<tid> too, and signalling it signals the whole process).
   * Undefined: the reader does not know threads; null: it could not tell.
   */
  tgid?: number | null;
  /** When `tgid` differs from `pid`: the process the thread belongs to (null once it is gone). */
  leader?: ProcessFacts | null;
  /** Real and saved uid, which decide who may signal it (kill(2)); undefined when unknown. */
  uids?: { real: number; saved: number };
}

export interface ProcessReader {
  /** The process behind `pid`, or null when no (live) process has it. */
  read(pid: number): Promise<ProcessFacts | null>;
  /** Cheap check while waiting for a stop: true once the PID is gone or only a zombie is left. */
  exited(pid: number): boolean;
}

/** The stat fields after the name, which may itself hold spaces and parentheses. */
function statFields(stat: string): string[] | null {
  const close = stat.lastIndexOf(')');
  return close < 0 ? null : stat.slice(close + 2).split(' ');
}

/** Signal 0 asks the kernel whether the PID exists without touching the process. */
function pidExists(pid: number): boolean {
  return pidAlive(pid) === true;
}

/** Tgid and the real and saved uid from /proc/<pid>/status; null fields when absent. */
export function parseStatus(text: string): {
  tgid: number | null;
  uids: { real: number; saved: number } | undefined;
} {
  const tgid = /^Tgid:\s+(\d+)/m.exec(text)?.[1];
  // Uid: real, effective, saved, file system.
  const uid = /^Uid:\s+(\d+)\s+\d+\s+(\d+)/m.exec(text);
  return {
    tgid: tgid === undefined ? null : Number(tgid),
    uids: uid?.[1] && uid[2] ? { real: Number(uid[1]), saved: Number(uid[2]) } : undefined,
  };
}

/** Linux: start time (field 22 of /proc/<pid>/stat) plus the boot id, so a reboot never matches. */
export function createProcReader(procRoot = '/proc', fs: ProcFs = nodeProcFs): ProcessReader {
  const users = new UserNames((file) => readFileSync(file, 'utf8'), systemClock);
  let bootId: string | null | undefined;
  const readBootId = (): string | null => {
    if (bootId !== undefined) return bootId;
    try {
      bootId = fs.readTextSync(`${procRoot}/sys/kernel/random/boot_id`).trim() || null;
    } catch {
      bootId = null;
    }
    return bootId;
  };
  const liveStat = (pid: number): string[] | null => {
    let text: string;
    try {
      text = fs.readTextSync(`${procRoot}/${pid}/stat`);
    } catch {
      return null;
    }
    const fields = statFields(text);
    // Z (zombie) and X (dead): it has exited; only its parent has not collected it yet.
    if (!fields || fields[0] === 'Z' || fields[0] === 'X') return null;
    return fields;
  };
  const readStatus = (pid: number): ReturnType<typeof parseStatus> => {
    try {
      return parseStatus(fs.readTextSync(`${procRoot}/${pid}/status`));
    } catch {
      return { tgid: null, uids: undefined };
    }
  };
  /** One task's facts; `withLeader` also reads the process a thread belongs to (one level only). */
  const readTask = (pid: number, withLeader: boolean): ProcessFacts | null => {
    const fields = liveStat(pid);
    const start = fields?.[22 - 3];
    if (!fields || start === undefined || !/^\d+$/.test(start)) return null;
    const info = readProcessInfo(fs, procRoot, pid, Number(start));
    const boot = readBootId();
    const { tgid, uids } = readStatus(pid);
    const facts: ProcessFacts = {
      pid,
      process: info.process,
      command: info.command,
      user: info.uid === null ? null : users.nameOf(info.uid),
      startToken: boot === null ? `proc:${start}` : `proc:${boot}:${start}`,
      tgid,
      ...(uids ? { uids } : {}),
    };
    if (withLeader && tgid !== null && tgid !== pid) facts.leader = readTask(tgid, false);
    return facts;
  };
  return {
    read: (pid) => Promise.resolve(readTask(pid, true)),
    exited: (pid) => liveStat(pid) === null,
  };
}

/** The fields of systeminformation's process entries this reader uses. */
export interface SiProcessEntry {
  pid: number;
  name: string;
  command: string;
  params?: string;
  user?: string;
  started?: string;
}

export type ListProcesses = () => Promise<{ list: SiProcessEntry[] }>;

async function siProcesses(): Promise<{ list: SiProcessEntry[] }> {
  // processes() takes no arguments: nothing from the window ever reaches systeminformation.
  const si = (await import('systeminformation')).default;
  return si.processes();
}

/** Elsewhere: systeminformation's process list; its start time (to the second) is the token. */
export function createSiReader(listProcesses: ListProcesses = siProcesses): ProcessReader {
  const text = (value: string | undefined): string | null => value?.trim() || null;
  return {
    async read(pid) {
      if (!pidExists(pid)) return null;
      const { list } = await listProcesses();
      const entry = list.find((p) => p.pid === pid);
      if (!entry) return null;
      const command = [entry.command, entry.params ?? ''].join(' ').trim();
      return {
        pid,
        process: text(entry.name),
        command: command === '' ? null : command,
        user: text(entry.user),
        startToken: text(entry.started) === null ? null : `si:${entry.started}`,
      };
    },
    exited: (pid) => !pidExists(pid),
  };
}

/** The reader for this platform: /proc where it is readable, systeminformation elsewhere. */
export function defaultProcessReader(platform: string = process.platform): ProcessReader {
  if (platform === 'linux') {
    try {
      nodeProcFs.readTextSync('/proc/self/stat');
      return createProcReader();
    } catch {
      // A Linux without a readable /proc (some sandboxes): fall through to systeminformation.
    }
  }
  return createSiReader();
}
