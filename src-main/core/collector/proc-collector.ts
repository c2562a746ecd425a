// The Linux source: socket tables from /proc/net, owners from /proc/<pid>/fd, names from /proc/<pid>.
import { CollectorError, describeError } from '../errors.js';
import { classifyExposure } from '../../domain/exposure.js';
import {
  isListener,
  type Clock,
  type Exposure,
  type Family,
  type PortSocket,
  type Protocol,
  type Snapshot,
} from '../../domain/model.js';
import type { Collector } from './collector.js';
import {
  errorCode,
  isPermissionError,
  nodeProcFs,
  type FileBytes,
  type ProcFs,
} from '../platform/proc-fs.js';
import { parseProcNetBytes, type ProcNetEntry } from './proc-net-table.js';
import { SocketOwners } from './proc-owners.js';
import { ProcessInfoCache, readUids } from '../platform/proc-process-info.js';
import { sortSockets } from '../../domain/socket-order.js';
import { TableChangeGate } from './table-change-gate.js';
import { pidAlive } from '../platform/pid-alive.js';
import { UserNames } from '../platform/user-names.js';
import { UnattributedCauses, type UnownedSocket } from './unattributed-causes.js';

export interface ProcCollectorOptions {
  procRoot: string;
  clock: Clock;
  /** File access; tests pass one that fails on chosen paths. */
  fs?: ProcFs;
  passwdPath?: string;
  missRetryMs?: number;
  fullRefreshMs?: number;
  /** Longest a steady snapshot may reuse the last table read when no kernel counter moved. */
  maxStaleMs?: number;
  /** This process's effective uid (0 = root), for telling why a socket has no owner; default ours. */
  uid?: number | null;
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const TABLES: readonly { name: string; protocol: Protocol; family: Family; required: boolean }[] = [
  { name: 'tcp', protocol: 'tcp', family: 4, required: true },
  { name: 'tcp6', protocol: 'tcp', family: 6, required: false },
  { name: 'udp', protocol: 'udp', family: 4, required: false },
  { name: 'udp6', protocol: 'udp', family: 6, required: false },
];

/** The index in TABLES of the table an entry was read from (one per protocol and family). */
function tableIndexOf(entry: ProcNetEntry): number {
  return TABLES.findIndex((t) => t.protocol === entry.protocol && t.family === entry.family);
}

export class ProcCollector implements Collector {
  readonly source = 'proc' as const;
  readonly owners: SocketOwners;
  private readonly fs: ProcFs;
  private readonly root: string;
  private readonly processes: ProcessInfoCache;
  private readonly users: UserNames;
  /** One read buffer per table, kept between snapshots (they reach ~700 KB at 5,000 sockets). */
  private readonly buffers: Buffer[] = TABLES.map(() => Buffer.allocUnsafe(64 * 1024));
  private readonly exposures = new Map<string, Exposure>();
  /** Snapshots run one at a time: the caches are shared and a scan yields mid-way. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly gate: TableChangeGate;
  private last: Snapshot | null = null;
  private readonly causes = new UnattributedCauses();
  private readonly uid: number | null;

  constructor(private readonly options: ProcCollectorOptions) {
    this.fs = options.fs ?? nodeProcFs;
    this.uid = options.uid !== undefined ? options.uid : (process.geteuid?.() ?? null);
    this.root = options.procRoot.replace(/\/+$/, '') || '/';
    this.owners = new SocketOwners({
      fs: this.fs,
      procRoot: this.root,
      clock: options.clock,
      missRetryMs: options.missRetryMs,
      fullRefreshMs: options.fullRefreshMs,
    });
    this.processes = new ProcessInfoCache(this.fs, this.root);
    this.gate = new TableChangeGate(this.fs, this.root, options.clock, options.maxStaleMs);
    this.users = new UserNames(
      (path) => this.fs.readTextSync(path),
      options.clock,
      options.passwdPath,
    );
  }

  snapshot(): Promise<Snapshot> {
    const run = this.queue.then(() => this.collect());
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async collect(): Promise<Snapshot> {
    // The counters are only worth reading once there is a read to compare them with: a one-shot
    // command (`porthole list`) reads the tables anyway, and the three files cost it ~1 ms. The
    // first read so records no signature, and the second reads in full and records one.
    const signature = this.last ? this.gate.signature() : null;
    if (this.last && !this.gate.mustRead(signature, () => this.ownersAlive())) {
      // Nothing the kernel counts has changed: the last read still describes the tables.
      return { ...this.last, takenAt: this.options.clock() };
    }
    const snapshot = await this.collectFull();
    this.gate.recordRead(signature);
    this.last = snapshot;
    return snapshot;
  }

  /** True while every process that owned a socket at the last read still exists. */
  private ownersAlive(): boolean {
    if (this.root !== '/proc') return true;
    for (const pid of this.owners.ownerPids.keys()) if (pidAlive(pid) === false) return false;
    return true;
  }

  private async collectFull(): Promise<Snapshot> {
    const warnings: string[] = [];
    const entries = await this.readTables(warnings);
    const takenAt = this.options.clock();
    const live = new Set<number>();
    for (const entry of entries) if (entry.inode !== 0) live.add(entry.inode);
    await this.owners.update(live);
    this.processes.retainOnly(this.owners.ownerPids);

    const unowned: UnownedSocket[] = [];
    /** The sockets of `unowned`, in the same order, to be told their cause. */
    const unownedSockets: PortSocket[] = [];
    /** The tables that hold an unowned socket (by index in TABLES). */
    const unownedTables = new Set<number>();
    /** Those of them where an unowned socket is not a TCP listener. */
    const unownedBeyondListeners = new Set<number>();
    const owners = new Map<number, Owner>();
    const sockets = entries.map((entry) => {
      const socket = this.toSocket(entry, owners);
      if (entry.inode !== 0 && socket.pid === null) {
        unowned.push({ inode: entry.inode, uid: entry.uid });
        unownedSockets.push(socket);
        const table = tableIndexOf(entry);
        unownedTables.add(table);
        if (entry.protocol !== 'tcp' || entry.state !== 'LISTEN') unownedBeyondListeners.add(table);
      }
      return socket;
    });
    // Reading the tables again tells a socket whose process exited mid-scan (gone from them) from
    // one nobody visible holds; only done when a socket has no cause yet, and only the tables that
    // hold unowned sockets (a socket never moves to another table). A TCP table whose unowned
    // sockets all listen is read only as far as its listeners (readListeningSync): a closed
    // listener does not come back as a connection.
    const stillLive = this.causes.needsRecheck(unowned)
      ? await this.liveInodes(unownedTables, unownedBeyondListeners)
      : null;
    const { causes, raw, smoothed } = this.causes.classify(unowned, {
      uid: this.uid,
      stillLive,
      refusing: this.refusingUid(),
    });
    unownedSockets.forEach((socket, i) => (socket.unattributedCause = causes[i]));
    const denied = raw['other-user'];
    if (denied > 0 && this.owners.sawDeniedProcesses) {
      warnings.push(
        denied === 1
          ? '1 socket belongs to a process this user may not inspect; run as root to see its owner.'
          : `${denied} sockets belong to processes this user may not inspect; run as root to see their owners.`,
      );
    }
    return {
      takenAt,
      sockets: sortSockets(sockets),
      unattributed: unowned.length,
      unattributedByCause: smoothed,
      source: this.source,
      warnings,
    };
  }

  /**
   * Whether a process that refused us its fds has a uid (in any of its uid slots): each such
   * process's status is read at most once per snapshot, and only when a socket nobody visible
   * holds asks.
   */
  private refusingUid(): (uid: number) => boolean {
    const uidsOf = new Map<number, number[]>();
    return (uid) => {
      for (const pid of this.owners.refusedPids) {
        let uids = uidsOf.get(pid);
        if (uids === undefined) {
          uids = readUids(this.fs, this.root, pid);
          uidsOf.set(pid, uids);
        }
        if (uids.includes(uid)) return true;
      }
      return false;
    };
  }

  /**
   * The socket inodes in these tables (indexes in TABLES) now, only the listeners of those not in
   * `whole`; null when they cannot be read.
   */
  private async liveInodes(
    tables: ReadonlySet<number>,
    whole: ReadonlySet<number>,
  ): Promise<Set<number> | null> {
    try {
      const listening = new Set([...tables].filter((i) => !whole.has(i)));
      const entries = await this.readTables([], tables, listening);
      return new Set(entries.map((entry) => entry.inode).filter((inode) => inode !== 0));
    } catch {
      return null;
    }
  }

  /** Name, command and user of a PID, looked up once per snapshot. */
  private ownerOf(pid: number, owners: Map<number, Owner>): Owner | null {
    let owner = owners.get(pid);
    if (owner) return owner;
    const startTime = this.owners.startTimeOf(pid);
    if (startTime === undefined) return null;
    const info = this.processes.get(pid, startTime);
    owner = {
      process: info.process,
      command: info.command,
      user: info.uid === null ? null : this.users.nameOf(info.uid),
    };
    owners.set(pid, owner);
    return owner;
  }

  private exposureOf(address: string): Exposure {
    let exposure = this.exposures.get(address);
    if (!exposure) {
      exposure = classifyExposure(address);
      if (this.exposures.size > 4096) this.exposures.clear();
      this.exposures.set(address, exposure);
    }
    return exposure;
  }

  private toSocket(entry: ProcNetEntry, owners: Map<number, Owner>): PortSocket {
    const pids = entry.inode === 0 ? [] : this.owners.pidsOf(entry.inode);
    const pid = pids[0] ?? null;
    const owner = pid === null ? null : this.ownerOf(pid, owners);
    // The process's user when known, else the socket's own uid (still tells whose it is);
    // inode-0 sockets (TIME_WAIT) report uid 0 whoever had them, so they get no user.
    const user = owner?.user ?? (entry.inode !== 0 ? this.users.nameOf(entry.uid) : null);
    const socket: PortSocket = {
      protocol: entry.protocol,
      family: entry.family,
      localAddress: entry.localAddress,
      localPort: entry.localPort,
      remoteAddress: entry.remoteAddress,
      remotePort: entry.remotePort,
      state: entry.state,
      pid,
      process: owner?.process ?? null,
      command: owner?.command ?? null,
      user,
      exposure: null,
      inode: entry.inode === 0 ? null : entry.inode,
      pids: pids.slice(),
    };
    const parent = pid === null ? undefined : this.owners.parentOf(pid);
    if (parent !== undefined) socket.parent = parent;
    if (isListener(socket)) socket.exposure = this.exposureOf(socket.localAddress);
    return socket;
  }

  /**
   * `only`: the indexes in TABLES to read; all of them by default. `listening`: TCP tables of which
   * only the listeners are read.
   */
  private async readTables(
    warnings: string[],
    only: ReadonlySet<number> | null = null,
    listening: ReadonlySet<number> = new Set(),
  ): Promise<ProcNetEntry[]> {
    const files: (FileBytes | null)[] = [];
    let read = 0;
    for (const [i, table] of TABLES.entries()) {
      if (only !== null && !only.has(i)) {
        files.push(null);
        continue;
      }
      // Read synchronously (see proc-fs.ts) but let other work run between tables, so the event
      // loop is never held for more than one table (~10 ms at 5,000 sockets).
      if (read++ > 0) await yieldToEventLoop();
      const path = `${this.root}/net/${table.name}`;
      try {
        const reuse = this.buffers[i] ?? Buffer.alloc(0);
        const file =
          listening.has(i) && table.protocol === 'tcp'
            ? this.fs.readListeningSync(path, reuse)
            : this.fs.readBytesSync(path, reuse);
        this.buffers[i] = file.buffer;
        files.push(file);
      } catch (error) {
        if (table.required) throw tableError(path, error);
        // IPv6 disabled: no tcp6/udp6, and nothing is missing from the snapshot.
        if (errorCode(error) !== 'ENOENT')
          warnings.push(`Could not read ${path}: ${describeError(error)}`);
        files.push(null);
      }
    }
    const entries: ProcNetEntry[] = [];
    TABLES.forEach((table, i) => {
      const file = files[i];
      if (!file) return;
      const parsed = parseProcNetBytes(
        file.buffer,
        file.length,
        table.protocol,
        table.family,
        table.name,
      );
      if (parsed.skipped > 0)
        warnings.push(
          `Skipped ${parsed.skipped} unreadable line(s) in ${this.root}/net/${table.name}.`,
        );
      for (const entry of parsed.entries) entries.push(entry);
    });
    return entries;
  }
}

function tableError(path: string, error: unknown): CollectorError {
  if (errorCode(error) === 'ENOENT') {
    return new CollectorError(
      `${path} not found: the proc source needs Linux's /proc file system.`,
      'missing-tool',
      { cause: error },
    );
  }
  if (isPermissionError(error)) {
    return new CollectorError(`Permission denied reading ${path}.`, 'permission', { cause: error });
  }
  return new CollectorError(`Could not read ${path}: ${describeError(error)}`, 'failed', {
    cause: error,
  });
}

interface Owner {
  process: string | null;
  command: string | null;
  user: string | null;
}

export function createProcCollector(options: ProcCollectorOptions): ProcCollector {
  return new ProcCollector(options);
}
