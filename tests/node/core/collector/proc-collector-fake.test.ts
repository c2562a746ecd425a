// The /proc source against a fake /proc tree: names, reused PIDs, permissions, missing tables, caching.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { CollectorError } from '../../../../src-main/core/errors.js';
import type { PortSocket, Snapshot } from '../../../../src-main/domain/model.js';
import {
  createProcCollector,
  type ProcCollector,
} from '../../../../src-main/core/collector/proc-collector.js';
import { CountingFs, FakeProc, LO4, LO6 } from './fake-proc.js';

let proc: FakeProc;
let fs: CountingFs;
let now: number;

function collector(): ProcCollector {
  return createProcCollector({
    procRoot: proc.root,
    clock: () => now,
    fs,
    passwdPath: proc.passwdPath,
    // As the fake's "dev" user, whichever user runs the tests.
    uid: 1000,
  });
}

function byPort(snapshot: Snapshot, port: number): PortSocket {
  const found = snapshot.sockets.filter((s) => s.localPort === port);
  expect(found, `one socket on port ${port}`).toHaveLength(1);
  return found[0]!;
}

async function rejection(promise: Promise<unknown>): Promise<CollectorError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(CollectorError);
    return error as CollectorError;
  }
  throw new Error('expected a CollectorError');
}

beforeEach(() => {
  proc = new FakeProc();
  fs = new CountingFs(proc.root);
  now = 1_000_000;
  proc.setTable('tcp', []);
  proc.setTable('tcp6', []);
  proc.setTable('udp', []);
  proc.setTable('udp6', []);
});

afterEach(() => proc.cleanup());

describe('process names and owners', () => {
  test('a 25-character name cut to 15 in comm comes back whole; the command line is joined', async () => {
    proc.setTable('tcp', [{ local: LO4, localPort: 3000, state: 0x0a, uid: 1000, inode: 1001 }]);
    proc.addProcess({
      pid: 100,
      comm: 'my-long-dev-ser',
      cmdline: ['/home/dev/.local/bin/my-long-dev-server-binary', '--port', '3000'],
      uid: 1000,
      fds: { 0: '/dev/null', 3: 'socket:[1001]', 4: 'pipe:[77]' },
    });
    const snap = await collector().snapshot();
    expect(byPort(snap, 3000)).toEqual({
      protocol: 'tcp',
      family: 4,
      localAddress: '127.0.0.1',
      localPort: 3000,
      remoteAddress: null,
      remotePort: null,
      state: 'LISTEN',
      pid: 100,
      process: 'my-long-dev-server-binary',
      command: '/home/dev/.local/bin/my-long-dev-server-binary --port 3000',
      user: 'dev',
      exposure: 'loopback',
      inode: 1001,
      pids: [100],
    });
    expect(snap.unattributed).toBe(0);
    expect(snap.source).toBe('proc');
    expect(snap.takenAt).toBe(now);
  });

  test("each socket carries its owner's parent PID from stat, re-read when the process is adopted", async () => {
    proc.setTable('tcp', [
      { local: LO4, localPort: 4100, state: 0x0a, uid: 1000, inode: 2001 },
      { local: LO4, localPort: 4100, state: 0x0a, uid: 1000, inode: 2002 },
    ]);
    for (const [pid, inode] of [
      [101, 2001],
      [102, 2002],
    ] as const) {
      proc.addProcess({
        pid,
        comm: 'node',
        cmdline: ['node', 'w.js'],
        uid: 1000,
        ppid: 100,
        fds: { 3: `socket:[${inode}]` },
      });
    }
    const c = collector();
    const first = await c.snapshot();
    expect(first.sockets.filter((s) => s.localPort === 4100).map((s) => [s.pid, s.parent])).toEqual(
      [
        [101, 100],
        [102, 100],
      ],
    );
    // The parent exits; the kernel hands its workers to another (same processes, same start time).
    proc.addProcess({
      pid: 102,
      comm: 'node',
      cmdline: ['node', 'w.js'],
      uid: 1000,
      ppid: 1,
      fds: { 3: 'socket:[2002]' },
    });
    proc.setTable('tcp', [
      { local: LO4, localPort: 4100, state: 0x0a, uid: 1000, inode: 2001 },
      { local: LO4, localPort: 4100, state: 0x0a, uid: 1000, inode: 2002 },
      { local: LO4, localPort: 4101, state: 0x0a, uid: 1000, inode: 2003 },
    ]);
    const second = await c.snapshot();
    expect(second.sockets.find((s) => s.pid === 102)?.parent).toBe(1);
  });

  test('a name with a space stays whole, a relative argv[0] gives no directory name', async () => {
    proc.setTable('tcp6', [{ local: LO6, localPort: 8443, state: 0x0a, inode: 2001 }]);
    proc.setTable('tcp', [{ local: '00000000', localPort: 8080, state: 0x0a, inode: 2002 }]);
    proc.addProcess({
      pid: 200,
      comm: 'my server',
      cmdline: ['./my server', '--listen', '::1'],
      fds: { 5: 'socket:[2001]' },
    });
    proc.addProcess({
      pid: 201,
      comm: 'api-gateway',
      cmdline: ['bin/api-gateway', '--port', '8080'],
      fds: { 5: 'socket:[2002]' },
    });
    const snap = await collector().snapshot();
    expect(byPort(snap, 8443)).toMatchObject({
      family: 6,
      localAddress: '::1',
      process: 'my server',
      command: './my server --listen ::1',
    });
    expect(byPort(snap, 8080)).toMatchObject({
      localAddress: '0.0.0.0',
      exposure: 'all-interfaces',
      process: 'api-gateway',
    });
  });

  test('a socket shared by forked workers is one record with every PID, lowest first', async () => {
    proc.setTable('tcp', [{ local: '00000000', localPort: 80, state: 0x0a, inode: 3001 }]);
    proc.addProcess({
      pid: 310,
      comm: 'nginx',
      cmdline: ['nginx: worker process'],
      fds: { 6: 'socket:[3001]' },
    });
    proc.addProcess({
      pid: 300,
      comm: 'nginx',
      cmdline: ['nginx: master process /usr/sbin/nginx'],
      fds: { 6: 'socket:[3001]' },
    });
    proc.addProcess({
      pid: 320,
      comm: 'nginx',
      cmdline: ['nginx: worker process'],
      fds: { 6: 'socket:[3001]' },
    });
    const snap = await collector().snapshot();
    expect(byPort(snap, 80)).toMatchObject({
      pid: 300,
      pids: [300, 310, 320],
      command: 'nginx: master process /usr/sbin/nginx',
    });
  });

  test('unknown uids fall back to the number as text', async () => {
    proc.setTable('tcp', [{ local: LO4, localPort: 9000, state: 0x0a, inode: 4001 }]);
    proc.addProcess({
      pid: 400,
      comm: 'svc',
      cmdline: ['svc'],
      uid: 4242,
      fds: { 3: 'socket:[4001]' },
    });
    expect(byPort(await collector().snapshot(), 9000).user).toBe('4242');
  });
});

describe('reused PIDs', () => {
  test('a PID reused by a new process is named after the new process', async () => {
    proc.setTable('tcp', [{ local: LO4, localPort: 5000, state: 0x0a, inode: 5001 }]);
    proc.addProcess({
      pid: 500,
      comm: 'old-server',
      cmdline: ['old-server'],
      startTime: 1000,
      fds: { 3: 'socket:[5001]' },
    });
    const c = collector();
    expect(byPort(await c.snapshot(), 5000).process).toBe('old-server');

    proc.setTable('tcp', [{ local: LO4, localPort: 5000, state: 0x0a, inode: 5002 }]);
    proc.addProcess({
      pid: 500,
      comm: 'new-server',
      cmdline: ['new-server', '--fresh'],
      startTime: 9000,
      fds: { 3: 'socket:[5002]' },
    });
    expect(byPort(await c.snapshot(), 5000)).toMatchObject({
      pid: 500,
      process: 'new-server',
      command: 'new-server --fresh',
      inode: 5002,
    });
  });

  test('a shared socket drops a PID that exited and was reused, without losing the other holder', async () => {
    proc.setTable('tcp', [{ local: LO4, localPort: 5100, state: 0x0a, inode: 5101 }]);
    proc.addProcess({
      pid: 510,
      comm: 'master',
      cmdline: ['master'],
      startTime: 1000,
      fds: { 3: 'socket:[5101]' },
    });
    proc.addProcess({
      pid: 511,
      comm: 'worker',
      cmdline: ['worker'],
      startTime: 1001,
      fds: { 3: 'socket:[5101]' },
    });
    const c = collector();
    expect(byPort(await c.snapshot(), 5100).pids).toEqual([510, 511]);

    proc.addProcess({
      pid: 510,
      comm: 'unrelated',
      cmdline: ['unrelated'],
      startTime: 7000,
      fds: {},
    });
    expect(byPort(await c.snapshot(), 5100)).toMatchObject({
      pid: 511,
      pids: [511],
      process: 'worker',
    });
  });
});

describe('permissions and missing tables', () => {
  test("other users' processes whose fds cannot be read leave their sockets unattributed (user from the table)", async () => {
    proc.setTable('tcp', [
      { local: LO4, localPort: 6000, state: 0x0a, uid: 1000, inode: 6001 },
      { local: LO4, localPort: 6001, state: 0x0a, uid: 0, inode: 6002 },
      // TIME_WAIT: inode 0, held by nobody, never counted.
      { local: LO4, localPort: 6002, remote: LO4, remotePort: 6001, state: 0x06, inode: 0 },
    ]);
    proc.addProcess({
      pid: 600,
      comm: 'mine',
      cmdline: ['mine'],
      uid: 1000,
      fds: { 3: 'socket:[6001]' },
    });
    proc.addProcess({
      pid: 601,
      comm: 'theirs',
      cmdline: ['theirs'],
      uid: 0,
      fds: { 3: 'socket:[6002]' },
    });
    fs.denied.add(601);
    const snap = await collector().snapshot();
    expect(byPort(snap, 6000)).toMatchObject({ pid: 600, process: 'mine' });
    expect(byPort(snap, 6001)).toMatchObject({
      pid: null,
      pids: [],
      process: null,
      command: null,
      user: 'root',
      exposure: 'loopback',
    });
    expect(byPort(snap, 6002)).toMatchObject({
      state: 'TIME_WAIT',
      pid: null,
      user: null,
      inode: null,
    });
    expect(snap.unattributed).toBe(1);
    expect(snap.warnings.join(' ')).toMatch(/run as root/);
  });

  test('a process that lists its fds but refuses their links counts as denied, after one refused link', async () => {
    proc.setTable('tcp', [
      { local: LO4, localPort: 6100, state: 0x0a, uid: 1000, inode: 6101 },
      { local: LO4, localPort: 6101, state: 0x0a, uid: 0, inode: 6102 },
    ]);
    proc.addProcess({
      pid: 610,
      comm: 'mine',
      cmdline: ['mine'],
      uid: 1000,
      fds: { 3: 'socket:[6101]' },
    });
    proc.addProcess({
      pid: 611,
      comm: 'guarded',
      cmdline: ['guarded'],
      uid: 0,
      fds: { 0: '/dev/null', 1: '/dev/null', 2: '/dev/null', 3: 'socket:[6102]', 4: 'pipe:[9]' },
    });
    fs.linksDenied.add(611);
    const snap = await collector().snapshot();
    expect(byPort(snap, 6100)).toMatchObject({ pid: 610, process: 'mine' });
    expect(byPort(snap, 6101)).toMatchObject({ pid: null, process: null, user: 'root' });
    expect(snap.unattributed).toBe(1);
    // Said as a permission problem, as for a process whose fd folder cannot be listed.
    expect(snap.warnings.join(' ')).toMatch(/run as root/);
    // One refused link, not one per fd.
    expect(fs.linkReads.filter((p) => p.startsWith('/611/'))).toHaveLength(1);
  });

  test('missing tcp6/udp6 (IPv6 disabled) is fine', async () => {
    proc.setTable('tcp6', null);
    proc.setTable('udp6', null);
    proc.setTable('udp', [{ local: LO4, localPort: 5353, state: 0x07, inode: 7001 }]);
    proc.addProcess({ pid: 700, comm: 'mdns', cmdline: ['mdns'], fds: { 3: 'socket:[7001]' } });
    const snap = await collector().snapshot();
    expect(snap.sockets).toHaveLength(1);
    expect(byPort(snap, 5353)).toMatchObject({
      protocol: 'udp',
      state: 'UNCONN',
      remoteAddress: null,
      exposure: 'loopback',
      pid: 700,
    });
    expect(snap.warnings).toEqual([]);
  });

  test('no /proc/net/tcp is a missing-tool CollectorError; garbage in it is a parse error', async () => {
    proc.setTable('tcp', null);
    const missing = await rejection(collector().snapshot());
    expect(missing.reason).toBe('missing-tool');
    expect(missing.message).toContain('net/tcp');

    proc.setRaw('tcp', 'this is not a socket table\n');
    expect((await rejection(collector().snapshot())).reason).toBe('parse');
  });

  test('one malformed line is skipped with a warning, the rest is kept', async () => {
    proc.setTable('tcp6', [{ local: LO6, localPort: 7100, state: 0x0a, inode: 7101 }]);
    proc.setRaw(
      'tcp6',
      `${readFileSync(`${proc.root}/net/tcp6`, 'latin1').trimEnd()}\n   9: broken line\n`,
    );
    const snap = await collector().snapshot();
    expect(byPort(snap, 7100).localAddress).toBe('::1');
    expect(snap.warnings).toEqual([expect.stringContaining('net/tcp6')]);
  });
});

describe('owner cache', () => {
  function setup(): ProcCollector {
    proc.setTable('tcp', [{ local: LO4, localPort: 8000, state: 0x0a, inode: 8001 }]);
    proc.addProcess({ pid: 800, comm: 'server', cmdline: ['server'], fds: { 3: 'socket:[8001]' } });
    proc.addProcess({
      pid: 900,
      comm: 'bystander',
      cmdline: ['bystander'],
      fds: { 0: '/dev/null', 1: 'pipe:[5]' },
    });
    return collector();
  }

  test('nothing changed: the second snapshot reads no fd directories', async () => {
    const c = setup();
    await c.snapshot();
    expect(fs.fdDirReads.length).toBeGreaterThan(0);
    fs.fdDirReads = [];
    now += 2_000;
    const snap = await c.snapshot();
    expect(fs.fdDirReads).toEqual([]);
    expect(byPort(snap, 8000).pid).toBe(800);
  });

  test('a new socket of a known owner is found by scanning owners first and stopping there', async () => {
    const c = setup();
    await c.snapshot();
    fs.fdDirReads = [];
    proc.setTable('tcp', [
      { local: LO4, localPort: 8000, state: 0x0a, inode: 8001 },
      { local: LO4, localPort: 8002, state: 0x0a, inode: 8003 },
    ]);
    proc.setFds(800, { 3: 'socket:[8001]', 4: 'socket:[8003]' });
    const snap = await c.snapshot();
    expect(byPort(snap, 8002).pid).toBe(800);
    expect(fs.fdDirReads).toEqual(['/800/fd']);
  });

  test('a new process is scanned before the known owners, which are skipped once all is found', async () => {
    const c = setup();
    await c.snapshot();
    fs.fdDirReads = [];
    proc.setTable('tcp', [
      { local: LO4, localPort: 8000, state: 0x0a, inode: 8001 },
      { local: LO4, localPort: 8100, state: 0x0a, inode: 8101 },
    ]);
    proc.addProcess({
      pid: 850,
      comm: 'newcomer',
      cmdline: ['newcomer'],
      fds: { 3: 'socket:[8101]' },
    });
    const snap = await c.snapshot();
    expect(byPort(snap, 8100)).toMatchObject({ pid: 850, process: 'newcomer' });
    expect(byPort(snap, 8000).pid).toBe(800);
    expect(fs.fdDirReads).toEqual(['/850/fd']);
  });

  test('a restart: new processes newest first, then owners, then the rest', async () => {
    const c = setup();
    proc.setTable('tcp', [
      { local: LO4, localPort: 8000, state: 0x0a, inode: 8001 },
      { local: LO4, localPort: 5432, state: 0x0a, inode: 5433 },
    ]);
    proc.addProcess({ pid: 810, comm: 'db', cmdline: ['db'], fds: { 3: 'socket:[5433]' } });
    await c.snapshot();
    fs.fdDirReads = [];
    // The server restarts as two processes; a socket it held is passed on to the bystander.
    proc.removeProcess(800);
    proc.setTable('tcp', [
      { local: LO4, localPort: 5432, state: 0x0a, inode: 5433 },
      { local: LO4, localPort: 8000, state: 0x0a, inode: 8011 },
      { local: LO4, localPort: 8001, state: 0x0a, inode: 8012 },
      { local: LO4, localPort: 8002, state: 0x0a, inode: 8013 },
    ]);
    proc.addProcess({ pid: 860, comm: 'server', cmdline: ['server'], fds: { 3: 'socket:[8011]' } });
    proc.addProcess({ pid: 870, comm: 'worker', cmdline: ['worker'], fds: { 3: 'socket:[8012]' } });
    proc.setFds(900, { 0: '/dev/null', 5: 'socket:[8013]' });
    const snap = await c.snapshot();
    expect(fs.fdDirReads).toEqual(['/870/fd', '/860/fd', '/810/fd', '/900/fd']);
    expect(snap.sockets.map((s) => [s.localPort, s.pid])).toEqual([
      [5432, 810],
      [8000, 860],
      [8001, 870],
      [8002, 900],
    ]);
    expect(snap.unattributed).toBe(0);
  });

  test('a socket handed to a known owner while new processes exist is still attributed to it', async () => {
    const c = setup();
    await c.snapshot();
    fs.fdDirReads = [];
    proc.setTable('tcp', [
      { local: LO4, localPort: 8000, state: 0x0a, inode: 8001 },
      { local: LO4, localPort: 8300, state: 0x0a, inode: 8301 },
    ]);
    // fd passing (SCM_RIGHTS) or a fork: the new inode lands in 800, not in the newcomer.
    proc.setFds(800, { 3: 'socket:[8001]', 7: 'socket:[8301]' });
    proc.addProcess({ pid: 880, comm: 'tool', cmdline: ['tool'], fds: { 0: '/dev/null' } });
    const snap = await c.snapshot();
    expect(byPort(snap, 8300)).toMatchObject({ pid: 800, process: 'server', pids: [800] });
    expect(fs.fdDirReads).toEqual(['/880/fd', '/800/fd']);
    expect(snap.unattributed).toBe(0);
  });

  test('a new process the early exit never reached is still scanned first next time', async () => {
    const c = setup();
    await c.snapshot();
    fs.fdDirReads = [];
    proc.addProcess({ pid: 860, comm: 'idle', cmdline: ['idle'], fds: { 0: '/dev/null' } });
    proc.addProcess({ pid: 870, comm: 'api', cmdline: ['api'], fds: { 3: 'socket:[8701]' } });
    proc.setTable('tcp', [
      { local: LO4, localPort: 8000, state: 0x0a, inode: 8001 },
      { local: LO4, localPort: 8700, state: 0x0a, inode: 8701 },
    ]);
    expect(byPort(await c.snapshot(), 8700).pid).toBe(870);
    expect(fs.fdDirReads).toEqual(['/870/fd']);

    fs.fdDirReads = [];
    proc.setFds(860, { 0: '/dev/null', 3: 'socket:[8601]' });
    proc.setTable('tcp', [
      { local: LO4, localPort: 8000, state: 0x0a, inode: 8001 },
      { local: LO4, localPort: 8600, state: 0x0a, inode: 8601 },
      { local: LO4, localPort: 8700, state: 0x0a, inode: 8701 },
    ]);
    expect(byPort(await c.snapshot(), 8600).pid).toBe(860);
    expect(fs.fdDirReads).toEqual(['/860/fd']);
  });

  test('an unattributable socket is looked for again only after a minute', async () => {
    const c = setup();
    proc.setTable('tcp', [
      { local: LO4, localPort: 8000, state: 0x0a, inode: 8001 },
      { local: LO4, localPort: 8200, state: 0x0a, inode: 8201 },
    ]);
    expect((await c.snapshot()).unattributed).toBe(1);
    const scans = c.owners.stats.scans;
    now += 5_000;
    expect((await c.snapshot()).unattributed).toBe(1);
    expect(c.owners.stats.scans).toBe(scans);
    now += 60_000;
    proc.addProcess({ pid: 820, comm: 'late', cmdline: ['late'], fds: { 3: 'socket:[8201]' } });
    const snap = await c.snapshot();
    expect(c.owners.stats.scans).toBe(scans + 1);
    expect(byPort(snap, 8200)).toMatchObject({ pid: 820, process: 'late' });
    expect(snap.unattributed).toBe(0);
  });

  test('sockets that closed and processes that exited disappear from the cache', async () => {
    const c = setup();
    await c.snapshot();
    expect([...c.owners.ownerPids.keys()]).toEqual([800]);
    proc.setTable('tcp', []);
    proc.removeProcess(800);
    const snap = await c.snapshot();
    expect(snap.sockets).toEqual([]);
    expect([...c.owners.ownerPids.keys()]).toEqual([]);
    expect(c.owners.pidsOf(8001)).toEqual([]);
  });

  test('a full rescan every five minutes picks up a process that inherited a known socket', async () => {
    const c = setup();
    await c.snapshot();
    proc.addProcess({
      pid: 801,
      comm: 'server',
      cmdline: ['server', '--child'],
      fds: { 3: 'socket:[8001]' },
    });
    now += 10_000;
    expect(byPort(await c.snapshot(), 8000).pids).toEqual([800]);
    now += 300_000;
    expect(byPort(await c.snapshot(), 8000).pids).toEqual([800, 801]);
  });
});
