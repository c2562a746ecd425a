// Finds the PIDs holding each socket inode through /proc/<pid>/fd links, cached so that a snapshot
// where nothing changed scans no fds at all.
import type { Clock } from '../../domain/model.js';
import { isPermissionError, type ProcFs } from '../platform/proc-fs.js';
import { readStat } from '../platform/proc-process-info.js';

export interface SocketOwnersOptions {
  fs: ProcFs;
  procRoot: string;
  clock: Clock;
  /** An inode no scan could attribute is looked for again only after this long. */
  missRetryMs?: number;
  /** A scan of every process happens at least this often, to catch sockets passed on or inherited. */
  fullRefreshMs?: number;
}

export interface OwnerScanStats {
  /** Scans of /proc/<pid>/fd started. */
  scans: number;
  /** fd links read over all scans. */
  linksRead: number;
}

const EMPTY: readonly number[] = [];
// A full scan of a busy machine reads tens of thousands of links; let other work run in between.
const YIELD_EVERY_LINKS = 4096;
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class SocketOwners {
  /** inode → PIDs holding it, ascending. */
  private readonly owners = new Map<number, number[]>();
  /** PID → the live inodes it holds (only PIDs holding at least one). */
  private readonly held = new Map<number, Set<number>>();
  /** Start time of each PID in `held`, to notice exits and reused PIDs. */
  private readonly startTimes = new Map<number, number>();
  /** Parent PID of each PID in `held`, re-read with the start time (an orphan is adopted by another). */
  private readonly parents = new Map<number, number>();
  /** inode → when a scan of every process last failed to find its owner. */
  private readonly misses = new Map<number, number>();
  /** PIDs whose fd directory some scan has looked at (and still listed): any other PID is new. */
  private knownPids = new Set<number>();
  private deniedPids = new Set<number>();
  private lastCompleteScanAt: number | null = null;
  private readonly missRetryMs: number;
  private readonly fullRefreshMs: number;
  readonly stats: OwnerScanStats = { scans: 0, linksRead: 0 };

  constructor(private readonly options: SocketOwnersOptions) {
    this.missRetryMs = options.missRetryMs ?? 60_000;
    this.fullRefreshMs = options.fullRefreshMs ?? 300_000;
  }

  pidsOf(inode: number): readonly number[] {
    return this.owners.get(inode) ?? EMPTY;
  }

  startTimeOf(pid: number): number | undefined {
    return this.startTimes.get(pid);
  }

  parentOf(pid: number): number | undefined {
    return this.parents.get(pid);
  }

  /** PIDs currently known to hold sockets. */
  get ownerPids(): ReadonlyMap<number, unknown> {
    return this.held;
  }

  /** True when the last scans met processes whose fds this user may not read. */
  get sawDeniedProcesses(): boolean {
    return this.deniedPids.size > 0;
  }

  /** The PIDs whose fds the last scans were refused. */
  get refusedPids(): ReadonlySet<number> {
    return this.deniedPids;
  }

  /** Brings the cache up to date for the socket inodes now in the tables (inode 0 excluded). */
  async update(live: ReadonlySet<number>): Promise<void> {
    const now = this.options.clock();
    this.dropChangedOwners();
    this.pruneGone(live);
    const unknown = new Set<number>();
    for (const inode of live) {
      if (this.owners.has(inode)) continue;
      const missedAt = this.misses.get(inode);
      if (missedAt !== undefined && now - missedAt < this.missRetryMs) continue;
      unknown.add(inode);
    }
    const refreshDue =
      this.lastCompleteScanAt === null || now - this.lastCompleteScanAt >= this.fullRefreshMs;
    if (unknown.size === 0 && !refreshDue) return;
    await this.scan(live, unknown, refreshDue, now);
  }

  /** Forgets owners that exited or whose PID now belongs to another process. */
  private dropChangedOwners(): void {
    const { fs, procRoot } = this.options;
    for (const [pid, startTime] of this.startTimes) {
      const stat = readStat(fs, procRoot, pid);
      if (stat?.startTime !== startTime) this.forgetPid(pid);
      else this.setParent(pid, stat.parent);
    }
  }

  private pruneGone(live: ReadonlySet<number>): void {
    for (const inode of this.owners.keys()) if (!live.has(inode)) this.owners.delete(inode);
    for (const inode of this.misses.keys()) if (!live.has(inode)) this.misses.delete(inode);
    for (const [pid, inodes] of this.held) {
      for (const inode of inodes) if (!live.has(inode)) inodes.delete(inode);
      if (inodes.size === 0) this.forgetPid(pid);
    }
  }

  private async scan(
    live: ReadonlySet<number>,
    unknown: Set<number>,
    complete: boolean,
    now: number,
  ): Promise<void> {
    const { fs, procRoot } = this.options;
    this.stats.scans += 1;
    let pids: number[];
    try {
      pids = fs
        .readDirSync(procRoot)
        .filter((name) => /^\d+$/.test(name))
        .map(Number);
    } catch {
      pids = [];
    }
    const order = complete ? pids : this.scanOrder(pids);
    const denied = new Set<number>();
    const looked = new Set<number>();
    let sinceYield = 0;
    let finished = true;
    for (const pid of order) {
      if (!complete && unknown.size === 0) {
        finished = false;
        break;
      }
      looked.add(pid);
      const found = this.readSocketInodes(pid, live, denied);
      if (found === null) continue;
      this.setHeld(pid, found.inodes);
      for (const inode of found.inodes) {
        unknown.delete(inode);
        this.misses.delete(inode);
      }
      sinceYield += found.links;
      if (sinceYield >= YIELD_EVERY_LINKS) {
        sinceYield = 0;
        await yieldToEventLoop();
      }
    }
    if (finished) {
      // Every process was looked at: what is still unknown has no owner we can see.
      for (const inode of unknown) this.misses.set(inode, now);
      this.lastCompleteScanAt = now;
      this.deniedPids = denied;
    } else {
      for (const pid of denied) this.deniedPids.add(pid);
    }
    // A new process the early exit never reached stays new, so the next scan still starts there.
    this.knownPids = new Set(
      finished ? pids : pids.filter((pid) => looked.has(pid) || this.knownPids.has(pid)),
    );
  }

  /**
   * Processes never looked at first (newest first), then those already owning sockets, then the
   * rest. Unknown sockets after a restart belong to the new processes: with owners first, a dev
   * server restart at 5,000 sockets read ~5,150 fd links per tick, new processes first ~60. A
   * socket passed to (or inherited by) a known process is still found, one group later.
   */
  private scanOrder(pids: readonly number[]): number[] {
    const fresh: number[] = [];
    const owners: number[] = [];
    const rest: number[] = [];
    for (const pid of pids) {
      if (!this.knownPids.has(pid)) fresh.push(pid);
      else if (this.held.has(pid)) owners.push(pid);
      else rest.push(pid);
    }
    fresh.sort((a, b) => b - a);
    return [...fresh, ...owners, ...rest];
  }

  /** The live socket inodes among a process's fds; null when its fd directory cannot be read. */
  private readSocketInodes(
    pid: number,
    live: ReadonlySet<number>,
    denied: Set<number>,
  ): { inodes: Set<number>; links: number } | null {
    const { fs, procRoot } = this.options;
    const dir = `${procRoot}/${pid}/fd`;
    let fds: string[];
    try {
      fds = fs.readDirSync(dir);
    } catch (error) {
      if (isPermissionError(error)) denied.add(pid);
      return null;
    }
    const inodes = new Set<number>();
    for (const fd of fds) {
      let link: string;
      try {
        link = fs.readLinkSync(`${dir}/${fd}`);
      } catch (error) {
        // A process may list its fds to us and still refuse their links (a non-dumpable process,
        // a sandbox's init): the others would be refused alike, each refusal an Error with a
        // stack, so the process counts as one we may not read, once.
        if (isPermissionError(error)) {
          denied.add(pid);
          return null;
        }
        continue; // closed since the readdir
      }
      if (!link.startsWith('socket:[')) continue;
      const inode = Number(link.slice(8, -1));
      if (live.has(inode)) inodes.add(inode);
    }
    this.stats.linksRead += fds.length;
    return { inodes, links: fds.length };
  }

  /** Records the complete set of live sockets one process holds now. */
  private setHeld(pid: number, inodes: ReadonlySet<number>): void {
    const previous = this.held.get(pid);
    if (previous)
      for (const inode of previous) if (!inodes.has(inode)) this.removeOwner(inode, pid);
    if (inodes.size === 0) {
      this.held.delete(pid);
      this.startTimes.delete(pid);
      this.parents.delete(pid);
      return;
    }
    if (!this.startTimes.has(pid)) {
      const stat = readStat(this.options.fs, this.options.procRoot, pid);
      if (stat === null) return; // exited during the scan
      this.startTimes.set(pid, stat.startTime);
      this.setParent(pid, stat.parent);
    }
    for (const inode of inodes) this.addOwner(inode, pid);
    this.held.set(pid, new Set(inodes));
  }

  private setParent(pid: number, parent: number | null): void {
    // PPid 0: init itself or a kernel thread, which has no parent to speak of.
    if (parent === null || parent === 0) this.parents.delete(pid);
    else this.parents.set(pid, parent);
  }

  private forgetPid(pid: number): void {
    const inodes = this.held.get(pid);
    if (inodes) for (const inode of inodes) this.removeOwner(inode, pid);
    this.held.delete(pid);
    this.startTimes.delete(pid);
    this.parents.delete(pid);
  }

  private addOwner(inode: number, pid: number): void {
    const pids = this.owners.get(inode);
    if (!pids) this.owners.set(inode, [pid]);
    else if (!pids.includes(pid)) {
      pids.push(pid);
      pids.sort((a, b) => a - b);
    }
  }

  private removeOwner(inode: number, pid: number): void {
    const pids = this.owners.get(inode);
    if (!pids) return;
    const rest = pids.filter((p) => p !== pid);
    if (rest.length === 0) this.owners.delete(inode);
    else this.owners.set(inode, rest);
  }
}
