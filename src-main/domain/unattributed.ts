// Node-free: why a socket has no process named, per cause, in the words and advice tray, window and CLI share.
import type { Snapshot } from './model.js';

/**
 * - `other-user`: held by another user's process whose open files this user may not read (only
 *   possible when not root): more privileges would name it.
 * - `refused`: nobody visible holds it, and processes of its user refuse to show their open files
 *   (non-dumpable ones refuse all but root; a security policy or a sandbox may refuse root too):
 *   most likely one of theirs.
 * - `kernel`: no process in this system's view holds it: the kernel itself (NFS, RPC), or a
 *   process of another container or namespace whose processes are not visible here.
 * - `gone`: its process exited between reading the socket table and looking for the owner.
 * - `unknown`: the source gives no reason (systeminformation outside Linux).
 */
export const UNATTRIBUTED_CAUSES = ['other-user', 'refused', 'kernel', 'gone', 'unknown'] as const;
export type UnattributedCause = (typeof UNATTRIBUTED_CAUSES)[number];
export type UnattributedCounts = Record<UnattributedCause, number>;

export function noUnattributed(): UnattributedCounts {
  return { 'other-user': 0, refused: 0, kernel: 0, gone: 0, unknown: 0 };
}

/** The snapshot's counts per cause; a snapshot without them (older source) counts all as unknown. */
export function unattributedCounts(
  snapshot: Pick<Snapshot, 'unattributed' | 'unattributedByCause'>,
): UnattributedCounts {
  return snapshot.unattributedByCause
    ? { ...noUnattributed(), ...snapshot.unattributedByCause }
    : { ...noUnattributed(), unknown: snapshot.unattributed };
}

/** How many full reads the smoothing looks back over. */
export const UNATTRIBUTED_SMOOTHING_READS = 3;

/**
 * Per cause, the smallest count of the last few reads (newest last). Short-lived sockets (a burst
 * of connections whose process exits mid-read) show in one read only; the minimum keeps them from
 * making the count jump (1 → 201 → 14 becomes 1 → 1 → 1), while sockets that stay are counted from
 * their third read on. A count that falls is shown at once.
 */
export function smoothUnattributed(recent: readonly UnattributedCounts[]): UnattributedCounts {
  const window = recent.slice(-UNATTRIBUTED_SMOOTHING_READS);
  const smoothed = noUnattributed();
  if (window.length === 0) return smoothed;
  for (const cause of UNATTRIBUTED_CAUSES)
    smoothed[cause] = Math.min(...window.map((counts) => counts[cause]));
  return smoothed;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

interface CauseWords {
  /** One short line (fits ~2 lines at 420 px with its buttons). */
  line(count: number): string;
  /** Who holds one such socket, in a few words that fit mid-sentence ("… listens on every interface"). */
  holder: string;
  /** The CLI's clause after a count: "3 of other users’ processes: run with sudo to see them". */
  clause: string;
  /** The longer "why?" text. */
  why: string;
  /** What to do; only where doing something would help. */
  advice: string | null;
}

const WORDS: Record<UnattributedCause, CauseWords> = {
  'other-user': {
    line: (n) =>
      `${plural(n, 'socket', 'sockets')} of other users’ processes: run with sudo to see them`,
    holder: 'another user’s process (sudo would name it)',
    clause: 'of other users’ processes: run with sudo to see them',
    why:
      'Linux lets a user read the open files of their own processes only, so the processes of ' +
      'other users (root’s services among them) cannot be named without more privileges.',
    advice: 'Run Porthole with sudo (or as root) to see them.',
  },
  refused: {
    line: (n) => `${plural(n, 'socket', 'sockets')} of processes that refuse inspection`,
    holder: 'a process that refuses inspection',
    clause: 'of processes that refuse inspection',
    why:
      'No process Porthole can look into holds them, and processes of their user refuse to show ' +
      'their open files, so they are most likely theirs. A process that makes itself non-dumpable ' +
      '(ssh-agent and a browser’s sandboxed processes do) refuses everyone but root; a security ' +
      'policy (AppArmor, SELinux) or a sandbox around Porthole can refuse root too.',
    advice: 'Unless Porthole already runs as root, run it with sudo to see them.',
  },
  kernel: {
    line: (n) => `${plural(n, 'socket', 'sockets')} with no process to name`,
    holder: 'the kernel or a process of another namespace',
    clause: 'kernel or other-namespace: no process to name',
    why:
      'No process on this machine’s view holds them: the kernel owns them (NFS, RPC and other ' +
      'in-kernel services), or a process in another container or namespace does, whose processes ' +
      'are not visible from here. More privileges would not change this.',
    advice: null,
  },
  gone: {
    line: (n) => `${plural(n, 'socket', 'sockets')} of processes that just exited`,
    holder: 'a process that just exited',
    clause: 'of processes that just exited',
    why:
      'Their process exited between reading the socket table and looking for the owner. They ' +
      'close with it and are gone at the next refresh.',
    advice: null,
  },
  unknown: {
    line: (n) => `${plural(n, 'socket', 'sockets')} without a known process`,
    holder: 'an unknown process',
    clause: 'for no known reason',
    why:
      'The system tools used on this platform did not name the process holding them, and give ' +
      'no reason.',
    advice: null,
  },
};

/** One short line for a cause, e.g. "3 sockets of other users’ processes: run with sudo to see them". */
export function unattributedLine(cause: UnattributedCause, count: number): string {
  return WORDS[cause].line(count);
}

/**
 * Who holds a socket no process is named for, by its cause: "another user’s process (sudo would
 * name it)", "a process that refuses inspection"…; "an unknown process" where the cause is not known.
 */
export function unnamedHolder(cause: UnattributedCause | null | undefined): string {
  // A cause this build does not know (a newer server's, in browser mode) reads as unknown.
  return (isUnattributedCause(cause) ? WORDS[cause] : WORDS.unknown).holder;
}

/** True for one of UNATTRIBUTED_CAUSES (input read from elsewhere: a browser-mode answer). */
export function isUnattributedCause(value: unknown): value is UnattributedCause {
  return (UNATTRIBUTED_CAUSES as readonly unknown[]).includes(value);
}

/** The "why?" text of a cause. */
export function unattributedWhy(cause: UnattributedCause): string {
  return WORDS[cause].why;
}

/** The advice for a cause, or null where nothing the user does would name the process. */
export function unattributedAdvice(cause: UnattributedCause): string | null {
  return WORDS[cause].advice;
}

export interface UnattributedNotice {
  cause: UnattributedCause;
  count: number;
  line: string;
  why: string;
  advice: string | null;
}

/** The causes with a count, in the vocabulary's order (actionable first), each with its words. */
export function unattributedNotices(counts: UnattributedCounts): UnattributedNotice[] {
  return UNATTRIBUTED_CAUSES.filter((cause) => counts[cause] > 0).map((cause) => ({
    cause,
    count: counts[cause],
    line: unattributedLine(cause, counts[cause]),
    why: unattributedWhy(cause),
    advice: unattributedAdvice(cause),
  }));
}

/**
 * A short clause for CLI lines: per cause present, its count and its advice or reason, e.g.
 * "3 of other users’ processes: run with sudo to see them; 1 with no process to name".
 */
export function unattributedClause(counts: UnattributedCounts): string {
  return UNATTRIBUTED_CAUSES.filter((cause) => counts[cause] > 0)
    .map((cause) => `${counts[cause]} ${WORDS[cause].clause}`)
    .join('; ');
}
