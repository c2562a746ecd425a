// Why each socket the fd scan could not attribute has no owner, and the per-cause counts smoothed over reads.
import {
  noUnattributed,
  smoothUnattributed,
  UNATTRIBUTED_SMOOTHING_READS,
  type UnattributedCause,
  type UnattributedCounts,
} from '../../domain/unattributed.js';

export interface UnownedSocket {
  inode: number;
  /** The socket's uid from the table. */
  uid: number;
}

export interface CauseContext {
  /** This process's effective uid (0 = root); null where it cannot be known. */
  uid: number | null;
  /** Socket inodes in the tables read again after the scan; null when they could not be. */
  stillLive: ReadonlySet<number> | null;
  /**
   * Whether some process of this uid refused to show us its fds (asked only of sockets that are
   * still live and not another user's); absent: none refused.
   */
  refusing?: (uid: number) => boolean;
}

/**
 * One socket's cause. Gone first: a socket no longer in the tables had a process that closed it
 * (or exited) while we looked. Then, only when not root, a socket of another uid: its owner is among
 * the processes whose fds we may not read. A socket held by nobody we can see, of a uid one of whose
 * processes refused us its fds (a non-dumpable process of our own user; as root, one a security
 * policy or sandbox shields), is most likely that process's. What stays is the kernel's, or a
 * process's of another namespace.
 */
export function causeOf(socket: UnownedSocket, context: CauseContext): UnattributedCause {
  if (context.stillLive && !context.stillLive.has(socket.inode)) return 'gone';
  if (context.uid === null) return 'unknown';
  if (context.uid !== 0 && socket.uid !== context.uid) return 'other-user';
  if (!context.stillLive) return 'unknown';
  return context.refusing?.(socket.uid) ? 'refused' : 'kernel';
}

/**
 * Keeps each unowned inode's cause while it stays (no re-read of the tables for a socket already
 * classified), and the last reads' counts for smoothing.
 */
export class UnattributedCauses {
  readonly #known = new Map<number, UnattributedCause>();
  readonly #recent: UnattributedCounts[] = [];

  /** True when some of these sockets have no cause yet (then the tables are worth a re-read). */
  needsRecheck(unowned: readonly UnownedSocket[]): boolean {
    return unowned.some((socket) => !this.#known.has(socket.inode));
  }

  /**
   * Classifies this read's unowned sockets and returns each one's cause (in their order), the raw counts
   * and the smoothed ones. `stillLive` is only consulted for sockets not classified before.
   */
  classify(
    unowned: readonly UnownedSocket[],
    context: CauseContext,
  ): {
    causes: UnattributedCause[];
    raw: UnattributedCounts;
    smoothed: UnattributedCounts;
  } {
    const raw = noUnattributed();
    const causes: UnattributedCause[] = [];
    const next = new Map<number, UnattributedCause>();
    for (const socket of unowned) {
      const cause = this.#known.get(socket.inode) ?? causeOf(socket, context);
      causes.push(cause);
      raw[cause] += 1;
      // A gone socket is not seen again; the others keep their cause while they stay.
      if (cause !== 'gone') next.set(socket.inode, cause);
    }
    this.#known.clear();
    for (const [inode, cause] of next) this.#known.set(inode, cause);
    this.#recent.push(raw);
    if (this.#recent.length > UNATTRIBUTED_SMOOTHING_READS) this.#recent.shift();
    return { causes, raw, smoothed: smoothUnattributed(this.#recent) };
  }
}
