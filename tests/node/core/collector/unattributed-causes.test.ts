// Why a socket has no owner, per cause, against a fake /proc tree; and the smoothing over reads.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  createProcCollector,
  type ProcCollector,
} from '../../../../src-main/core/collector/proc-collector.js';
import { causeOf } from '../../../../src-main/core/collector/unattributed-causes.js';
import {
  noUnattributed,
  type UnattributedCounts,
} from '../../../../src-main/domain/unattributed.js';
import { CountingFs, FakeProc, LO4, LO6, type FakeRow } from './fake-proc.js';

/** Counts per cause: these, the others 0. */
const byCause = (over: Partial<UnattributedCounts>): UnattributedCounts => ({
  ...noUnattributed(),
  ...over,
});

let proc: FakeProc;
let fs: CountingFs;

function collector(uid: number, procFs: CountingFs = fs): ProcCollector {
  return createProcCollector({
    procRoot: proc.root,
    clock: () => 1_000_000,
    fs: procFs,
    passwdPath: proc.passwdPath,
    uid,
    // Look for unowned sockets on every read, as a fresh collector would.
    missRetryMs: 0,
  });
}

const listen = (port: number, inode: number, uid: number): FakeRow => ({
  local: LO4,
  localPort: port,
  state: 0x0a,
  uid,
  inode,
});

/** Records each table read: `whole tcp`, or `listeners tcp` (readListeningSync). */
class TableReads extends CountingFs {
  reads: string[] = [];
  override readBytesSync(path: string, reuse: Buffer) {
    this.reads.push(`whole ${path.slice(path.lastIndexOf('/') + 1)}`);
    return super.readBytesSync(path, reuse);
  }
  override readListeningSync(path: string, reuse: Buffer) {
    this.reads.push(`listeners ${path.slice(path.lastIndexOf('/') + 1)}`);
    return super.readListeningSync(path, reuse);
  }
}

/** Records which PIDs' status files are read. */
class StatusReads extends CountingFs {
  statuses: number[] = [];
  override readTextSync(path: string): string {
    const match = /\/(\d+)\/status$/.exec(path);
    if (match) this.statuses.push(Number(match[1]));
    return super.readTextSync(path);
  }
}

/** Lets a hook run when the fd scan starts (after the tables were read): "meanwhile". */
class ScanHookFs extends CountingFs {
  onScan: (() => void) | null = null;
  constructor(private readonly procRoot: string) {
    super(procRoot);
  }
  override readDirSync(path: string): string[] {
    if (path === this.procRoot && this.onScan) {
      const hook = this.onScan;
      this.onScan = null;
      hook();
    }
    return super.readDirSync(path);
  }
}

beforeEach(() => {
  proc = new FakeProc();
  fs = new CountingFs(proc.root);
  proc.setTable('tcp', []);
  proc.setTable('tcp6', []);
  proc.setTable('udp', []);
  proc.setTable('udp6', []);
});

afterEach(() => proc.cleanup());

describe('causes from the proc collector', () => {
  test("as a user: another user's unreadable process is other-user, an own-uid socket nobody holds is kernel", async () => {
    proc.setTable('tcp', [
      listen(7000, 7001, 0),
      listen(7001, 7002, 1000),
      listen(7002, 7003, 1000),
    ]);
    proc.addProcess({
      pid: 700,
      comm: 'sshd',
      cmdline: ['sshd'],
      uid: 0,
      fds: { 3: 'socket:[7001]' },
    });
    proc.addProcess({
      pid: 701,
      comm: 'mine',
      cmdline: ['mine'],
      uid: 1000,
      fds: { 3: 'socket:[7003]' },
    });
    fs.denied.add(700);
    const snap = await collector(1000).snapshot();
    expect(snap.unattributed).toBe(2);
    expect(snap.unattributedByCause).toEqual(byCause({ 'other-user': 1, kernel: 1 }));
    expect(snap.warnings.join(' ')).toMatch(
      /1 socket belongs to a process this user may not inspect/,
    );
  });

  test('as root the same sockets held by nobody visible are kernel, never other-user, and no warning', async () => {
    proc.setTable('tcp', [listen(7000, 7001, 0), listen(7001, 7002, 1000)]);
    const snap = await collector(0).snapshot();
    expect(snap.unattributedByCause).toEqual(byCause({ kernel: 2 }));
    expect(snap.warnings).toEqual([]);
  });

  test('as a user: an own-uid socket nobody visible holds, beside an own process that refuses its fds, is refused', async () => {
    // A non-dumpable process of this user (ssh-agent, a sandboxed browser process) holds 7011;
    // root's refusing sshd holds 7010, which stays other-user; 7012 is another user's alone.
    proc.setTable('tcp', [
      listen(7010, 7010, 0),
      listen(7011, 7011, 1000),
      listen(7012, 7012, 1001),
    ]);
    proc.addProcess({ pid: 700, comm: 'sshd', cmdline: ['sshd'], uid: 0, fds: {} });
    proc.addProcess({ pid: 702, comm: 'agent', cmdline: ['agent'], uid: 1000, fds: {} });
    fs.denied.add(700);
    fs.denied.add(702);
    const snap = await collector(1000).snapshot();
    expect(snap.unattributedByCause).toEqual(byCause({ 'other-user': 2, refused: 1 }));
  });

  test('as root: refused only where a refusing process has the socket’s uid; its status is read once', async () => {
    // A sandbox's init refuses even root its fd links (seen under gVisor): uid 0.
    proc.setTable('tcp', [listen(7020, 7020, 0), listen(7021, 7021, 0), listen(7022, 7022, 1000)]);
    proc.addProcess({ pid: 1, comm: 'init', cmdline: ['init'], uid: 0, fds: {} });
    const statusReads = new StatusReads(proc.root);
    statusReads.denied.add(1);
    const snap = await collector(0, statusReads).snapshot();
    expect(snap.unattributedByCause).toEqual(byCause({ refused: 2, kernel: 1 }));
    // Each socket says why: the count and the row agree.
    expect(
      snap.sockets.map((s) => [s.localPort, s.unattributedCause]).sort((a, b) => +a[0]! - +b[0]!),
    ).toEqual([
      [7020, 'refused'],
      [7021, 'refused'],
      [7022, 'kernel'],
    ]);
    expect(statusReads.statuses).toEqual([1]);
    // A daemon started as root that took uid 1000 for its files (and so turned non-dumpable):
    // its sockets carry 1000, its real uid is 0. Any of its uids counts.
    proc.addProcess({ pid: 2, comm: 'daemon', cmdline: ['daemon'], uid: 0, fds: {} });
    writeFileSync(join(proc.root, '2', 'status'), 'Name:\tdaemon\nUid:\t0\t1000\t0\t1000\n');
    statusReads.denied.add(2);
    const mixed = await collector(0, statusReads).snapshot();
    expect(mixed.unattributedByCause).toEqual(byCause({ refused: 3 }));
    // Nothing refused: nobody's status is read, and all three are the kernel's.
    const none = new StatusReads(proc.root);
    expect((await collector(0, none).snapshot()).unattributedByCause?.kernel).toBe(3);
    expect(none.statuses).toEqual([]);
  });

  test('a process that exits between the table read and the fd scan leaves its socket gone', async () => {
    const hooked = new ScanHookFs(proc.root);
    proc.setTable('tcp', [listen(7100, 7101, 1000), listen(7101, 7102, 1000)]);
    proc.addProcess({
      pid: 710,
      comm: 'brief',
      cmdline: ['brief'],
      uid: 1000,
      fds: { 3: 'socket:[7101]' },
    });
    hooked.onScan = () => {
      proc.removeProcess(710);
      proc.setTable('tcp', [listen(7101, 7102, 1000)]);
    };
    const snap = await collector(1000, hooked).snapshot();
    // The socket is in this read (the table said so) but its process is gone.
    expect(snap.sockets.some((s) => s.localPort === 7100 && s.pid === null)).toBe(true);
    expect(snap.unattributed).toBe(2);
    expect(snap.unattributedByCause).toEqual(byCause({ kernel: 1, gone: 1 }));
  });

  test('the re-read covers only the tables that hold an unowned socket', async () => {
    const reads = new TableReads(proc.root);
    proc.setTable('tcp', [listen(7200, 7201, 0)]);
    proc.setTable('udp6', [{ ...listen(7300, 7301, 0), local: LO6, state: 0x07 }]);
    proc.addProcess({
      pid: 720,
      comm: 'held',
      cmdline: ['held'],
      uid: 0,
      fds: { 3: 'socket:[7201]' },
    });
    const snap = await collector(0, reads).snapshot();
    expect(snap.unattributed).toBe(1);
    expect(snap.unattributedByCause).toEqual(byCause({ kernel: 1 }));
    // All four tables once, then the one holding the unowned UDP/IPv6 socket again.
    expect(reads.reads).toEqual([
      'whole tcp',
      'whole tcp6',
      'whole udp',
      'whole udp6',
      'whole udp6',
    ]);
  });

  test('a TCP table whose unowned sockets all listen is re-read only as far as its listeners', async () => {
    // tcp: an unowned listener (the kernel lists listeners first); tcp6: an unowned connection.
    proc.setTable('tcp', [
      listen(7400, 7401, 0),
      { ...listen(7402, 7403, 0), state: 0x01, remotePort: 9 },
    ]);
    proc.setTable('tcp6', [{ ...listen(7500, 7501, 0), local: LO6, state: 0x01, remotePort: 9 }]);
    proc.addProcess({
      pid: 740,
      comm: 'held',
      cmdline: ['held'],
      uid: 0,
      fds: { 3: 'socket:[7403]' },
    });
    const reads = new TableReads(proc.root);
    const snap = await collector(0, reads).snapshot();
    expect(reads.reads).toEqual([
      'whole tcp',
      'whole tcp6',
      'whole udp',
      'whole udp6',
      'listeners tcp',
      'whole tcp6',
    ]);
    // Both are still there: neither counts as gone.
    expect(snap.unattributedByCause).toEqual(byCause({ kernel: 2 }));
  });

  test('counts are the minimum of the last three reads: a burst does not show, a fall shows at once', async () => {
    const c = collector(0);
    const rows = (extra: number): FakeRow[] => [
      listen(7200, 7200, 0),
      ...Array.from({ length: extra }, (_, i) => listen(7300 + i, 7300 + i, 0)),
    ];
    const kernel = async (extra: number): Promise<number> => {
      proc.setTable('tcp', rows(extra));
      const snap = await c.snapshot();
      expect(snap.unattributed).toBe(1 + extra);
      return snap.unattributedByCause?.kernel ?? -1;
    };
    expect(await kernel(0)).toBe(1);
    expect(await kernel(200)).toBe(1);
    expect(await kernel(13)).toBe(1);
    // Sockets that stay are counted once the burst has left the window.
    expect(await kernel(13)).toBe(14);
    expect(await kernel(0)).toBe(1);
  });
});

describe('causeOf', () => {
  test('unknown without a uid or a re-read to go by; gone wins over everything', () => {
    const live = new Set([1]);
    expect(causeOf({ inode: 1, uid: 0 }, { uid: null, stillLive: live })).toBe('unknown');
    expect(causeOf({ inode: 1, uid: 1000 }, { uid: 1000, stillLive: null })).toBe('unknown');
    expect(causeOf({ inode: 2, uid: 0 }, { uid: 1000, stillLive: live })).toBe('gone');
    expect(causeOf({ inode: 1, uid: 0 }, { uid: 1000, stillLive: null })).toBe('other-user');
  });

  test('refused asks about the socket’s uid, and only for a live socket not of another user', () => {
    const asked: number[] = [];
    const refusing = (uid: number): boolean => {
      asked.push(uid);
      return uid === 1000;
    };
    const live = new Set([1, 2]);
    expect(causeOf({ inode: 1, uid: 1000 }, { uid: 1000, stillLive: live, refusing })).toBe(
      'refused',
    );
    expect(causeOf({ inode: 2, uid: 7 }, { uid: 0, stillLive: live, refusing })).toBe('kernel');
    expect(causeOf({ inode: 1, uid: 0 }, { uid: 1000, stillLive: live, refusing })).toBe(
      'other-user',
    );
    expect(causeOf({ inode: 3, uid: 1000 }, { uid: 1000, stillLive: live, refusing })).toBe('gone');
    expect(causeOf({ inode: 1, uid: 1000 }, { uid: 1000, stillLive: null, refusing })).toBe(
      'unknown',
    );
    expect(asked).toEqual([1000, 7]);
  });
});
