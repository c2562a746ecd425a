// Reads who a PID is, with a start-time token: /proc on Linux, systeminformation's process list elsewhere.
import { readFileSync } from 'node:fs';
import { nodeProcFs, type ProcFs } from '../collector/proc-fs.js';
import { readProcessInfo } from '../collector/proc-process-info.js';
import { UserNames } from '../collector/user-names.js';
import { systemClock } from '../model.js';

/** What a process is right now; `startToken` tells it from a later process given the same PID. */
export interface ProcessFacts {
  pid: number;
  process: string | null;
  command: string | null;
  user: string | null;
  startToken: string | null;
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
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
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
  return {
    read(pid) {
      const fields = liveStat(pid);
      const start = fields?.[22 - 3];
      if (!fields || start === undefined || !/^\d+$/.test(start)) return Promise.resolve(null);
      const info = readProcessInfo(fs, procRoot, pid, Number(start));
      const boot = readBootId();
      return Promise.resolve({
        pid,
        process: info.process,
        command: info.command,
        user: info.uid === null ? null : users.nameOf(info.uid),
        startToken: boot === null ? `proc:${start}` : `proc:${boot}:${start}`,
      });
    },
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
