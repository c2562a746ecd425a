// Reads who a PID is (name, command line, uid) from /proc/<pid>, cached per PID and start time.
import type { ProcFs } from './proc-fs.js';

export interface ProcessInfo {
  pid: number;
  /** Field 22 of /proc/<pid>/stat (clock ticks since boot): tells a reused PID from the old one. */
  startTime: number;
  process: string | null;
  command: string | null;
  /** Real uid from /proc/<pid>/status; null when unreadable. */
  uid: number | null;
}

// TASK_COMM_LEN is 16 with the NUL: a 15-character comm may be a cut-off name.
const COMM_MAX = 15;

/** Start time of a PID, or null when the process is gone (or stat is unreadable). */
export function readStartTime(fs: ProcFs, procRoot: string, pid: number): number | null {
  let text: string;
  try {
    text = fs.readTextSync(`${procRoot}/${pid}/stat`);
  } catch {
    return null;
  }
  return parseStartTime(text);
}

/** Start time and parent PID of a PID in one read of its stat, or null when the process is gone. */
export function readStat(
  fs: ProcFs,
  procRoot: string,
  pid: number,
): { startTime: number; parent: number | null } | null {
  let text: string;
  try {
    text = fs.readTextSync(`${procRoot}/${pid}/stat`);
  } catch {
    return null;
  }
  const startTime = parseStartTime(text);
  return startTime === null ? null : { startTime, parent: parseParent(text) };
}

/** Field 4 of a stat line (ppid): who forked it, which tells workers of one parent from strangers. */
export function parseParent(stat: string): number | null {
  const close = stat.lastIndexOf(')');
  if (close < 0) return null;
  const value = stat.slice(close + 2).split(' ')[4 - 3];
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : null;
}

/** Field 22 of a stat line; the name in parentheses may itself hold spaces and parentheses. */
export function parseStartTime(stat: string): number | null {
  const close = stat.lastIndexOf(')');
  if (close < 0) return null;
  // Fields after the name start at field 3 (state); starttime is field 22.
  const fields = stat.slice(close + 2).split(' ');
  const value = fields[22 - 3];
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : null;
}

/** Arguments of a command line file: NUL-separated, trailing NULs dropped. */
export function parseCmdline(text: string): string[] {
  const args = text.split('\0');
  while (args.length > 0 && args[args.length - 1] === '') args.pop();
  return args;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * The process name: comm, unless comm is cut at 15 characters and the executable's or argv[0]'s
 * base name continues it; then the shortest such full name (a rewritten title in argv[0], like
 * `name: worker 1`, is longer than the executable's name).
 */
export function processName(
  comm: string,
  args: readonly string[],
  exePath: string | null = null,
): string | null {
  if (comm.length >= COMM_MAX) {
    const candidates = [
      args[0] ? baseName(args[0]) : '',
      exePath ? baseName(exePath.replace(/ \(deleted\)$/, '')) : '',
    ]
      .filter((name) => name.length > comm.length && name.startsWith(comm))
      .sort((a, b) => a.length - b.length);
    if (candidates[0]) return candidates[0];
  }
  if (comm !== '') return comm;
  return args[0] ? baseName(args[0]) || null : null;
}

/** A status file's `Uid:` line: real, effective, saved and file-system uid; empty when none. */
function parseUids(status: string | null): number[] {
  const match = /^Uid:([\t \d]+)$/m.exec(status ?? '');
  return match?.[1] ? match[1].trim().split(/\s+/).map(Number) : [];
}

/**
 * A PID's uids (real, effective, saved, file-system), or none when it is gone: its status stays
 * readable to every user where its fds are not (another user's process, a non-dumpable one). A
 * socket records the file-system uid of the moment it was made; a process that changed its
 * credentials since (which also makes it non-dumpable) may keep that uid in another slot.
 */
export function readUids(fs: ProcFs, procRoot: string, pid: number): number[] {
  try {
    return parseUids(fs.readTextSync(`${procRoot}/${pid}/status`));
  } catch {
    return [];
  }
}

/** Reads name, command line and uid of one process; missing files leave those fields null. */
export function readProcessInfo(
  fs: ProcFs,
  procRoot: string,
  pid: number,
  startTime: number,
): ProcessInfo {
  const dir = `${procRoot}/${pid}`;
  const read = (file: string): string | null => {
    try {
      return fs.readTextSync(`${dir}/${file}`);
    } catch {
      return null;
    }
  };
  const comm = (read('comm') ?? '').replace(/\n$/, '');
  const args = parseCmdline(read('cmdline') ?? '');
  let exe: string | null = null;
  if (comm.length >= COMM_MAX) {
    try {
      exe = fs.readLinkSync(`${dir}/exe`);
    } catch {
      exe = null;
    }
  }
  const command = args.join(' ').trim();
  return {
    pid,
    startTime,
    process: processName(comm, args, exe),
    command: command === '' ? null : command,
    uid: parseUids(read('status'))[0] ?? null,
  };
}

/** Process info per PID, re-read only when the PID's start time changes (the PID was reused). */
export class ProcessInfoCache {
  private readonly byPid = new Map<number, ProcessInfo>();

  constructor(
    private readonly fs: ProcFs,
    private readonly procRoot: string,
  ) {}

  get(pid: number, startTime: number): ProcessInfo {
    const cached = this.byPid.get(pid);
    if (cached && cached.startTime === startTime) return cached;
    const info = readProcessInfo(this.fs, this.procRoot, pid, startTime);
    this.byPid.set(pid, info);
    return info;
  }

  /** Forgets PIDs that no longer hold sockets (exited, or closed them). */
  retainOnly(pids: ReadonlySet<number> | ReadonlyMap<number, unknown>): void {
    for (const pid of this.byPid.keys()) if (!pids.has(pid)) this.byPid.delete(pid);
  }
}
