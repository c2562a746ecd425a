// Threads and other users' processes: a thread ID never stops its process, and inspect tells the truth about permission.
import type { ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import {
  createProcReader,
  inspectProcess,
  killProcess,
  type KillOptions,
} from '../../../src-main/core/process-control/index.js';
import { killNodeChildren, nodeChild } from '../../helpers/node-children.js';
import { FakeProc } from '../core/collector/fake-proc.js';
import { cleanUp, startService } from './service-fixture.js';

const fakes: FakeProc[] = [];

afterEach(async () => {
  for (const fake of fakes.splice(0)) fake.cleanup();
  await killNodeChildren();
  await cleanUp();
});

const SELF = 500;
const PARENT = 400;

/** A fake /proc with init, Porthole (SELF), its parent, Xorg, a dev's server and a thread of each. */
function fakeProc(): FakeProc {
  const fake = new FakeProc();
  fakes.push(fake);
  const processes = [
    { pid: 1, comm: 'systemd', uid: 0 },
    { pid: PARENT, comm: 'bash', uid: 1000 },
    { pid: SELF, comm: 'node', uid: 1000 },
    { pid: 700, comm: 'Xorg', uid: 0 },
    { pid: 800, comm: 'server', uid: 1000 },
  ];
  for (const p of processes) {
    fake.addProcess({ ...p, cmdline: [p.comm] });
    // Thread IDs follow their process here: 1 → 2, 400 → 401, ...
    fake.addProcess({ ...p, pid: p.pid + 1, tgid: p.pid, cmdline: [p.comm] });
  }
  return fake;
}

/** Options over the fake tree, as uid 1000 by default; `sent` records every signal. */
function over(fake: FakeProc, extra: Partial<KillOptions> = {}) {
  const sent: number[] = [];
  const options: KillOptions = {
    reader: createProcReader(fake.root),
    selfPid: SELF,
    parentPid: PARENT,
    protectedProcesses: ['Xorg'],
    credentials: { uid: 1000, euid: 1000 },
    graceMs: 100,
    pollMs: 10,
    sendSignal: (pid) => void sent.push(pid),
    ...extra,
  };
  return { options, sent };
}

describe('thread IDs (fake /proc)', () => {
  test('a thread of an ordinary process is not killable and names its process', async () => {
    const { options } = over(fakeProc());
    expect(await inspectProcess(800, options)).toMatchObject({ killable: true, reason: null });
    const thread = await inspectProcess(801, options);
    expect(thread.killable).toBe(false);
    expect(thread.reason).toBe('PID 801 is a thread of server (PID 800); stop the process instead');
    // The contract's shape: nothing internal (tgid, leader, uids) leaks out.
    expect(Object.keys(thread).sort()).toEqual(
      ['command', 'killable', 'pid', 'process', 'reason', 'startToken', 'user'].sort(),
    );
  });

  test.each([
    [2, "PID 2 is a thread of systemd (PID 1); systemd (PID 1) is the system's first process"],
    [
      SELF + 1,
      `PID ${SELF + 1} is a thread of node (PID ${SELF}); node (PID ${SELF}) is Porthole itself`,
    ],
    [
      PARENT + 1,
      `PID ${PARENT + 1} is a thread of bash (PID ${PARENT}); bash (PID ${PARENT}) started Porthole`,
    ],
    [701, 'PID 701 is a thread of Xorg (PID 700); Xorg (PID 700) is a protected process'],
  ])('thread %i: the refusal rules apply to its process', async (tid, reason) => {
    const { options, sent } = over(fakeProc());
    const identity = await inspectProcess(tid, options);
    expect(identity.killable).toBe(false);
    expect(identity.reason).toContain(reason);
    const result = await killProcess(
      { pid: tid, startToken: identity.startToken, force: true },
      options,
    );
    expect(result).toMatchObject({ ok: false, signal: null });
    expect(result.message).toBe(`not stopped: ${identity.reason}`);
    expect(sent).toEqual([]);
  });

  test('every thread is refused by kill, even one whose process may be stopped', async () => {
    const { options, sent } = over(fakeProc());
    const { startToken } = await inspectProcess(801, options);
    const result = await killProcess({ pid: 801, startToken, force: true }, options);
    expect(result.message).toContain('is a thread of server (PID 800)');
    expect(sent).toEqual([]);
  });

  test('a status without Tgid is refused: it cannot be told from a thread', async () => {
    const fake = fakeProc();
    fake.addProcess({ pid: 900, comm: 'odd', cmdline: ['odd'], uid: 1000 });
    fake.removeFile(900, 'status');
    const { options, sent } = over(fake);
    const identity = await inspectProcess(900, options);
    expect(identity.killable).toBe(false);
    expect(identity.reason).toContain('cannot tell whether PID 900 is a process or a thread');
    await killProcess({ pid: 900, startToken: identity.startToken, force: false }, options);
    expect(sent).toEqual([]);
  });

  test('a thread whose process has gone is still refused', async () => {
    const fake = fakeProc();
    fake.removeProcess(800);
    const { options } = over(fake);
    expect((await inspectProcess(801, options)).reason).toBe(
      'PID 801 is a thread of PID 800; stop the process instead',
    );
  });
});

describe("another user's process (fake /proc)", () => {
  test('not killable for an unprivileged Porthole, and kill sends nothing', async () => {
    const fake = fakeProc();
    fake.addProcess({ pid: 950, comm: 'postgres', cmdline: ['postgres'], uid: 0 });
    const { options, sent } = over(fake, { protectedProcesses: [] });
    const identity = await inspectProcess(950, options);
    expect(identity.killable).toBe(false);
    expect(identity.reason).toBe(
      'postgres (PID 950) belongs to user root; Porthole does not run as root or as that user, so it may not stop it',
    );
    const result = await killProcess(
      { pid: 950, startToken: identity.startToken, force: true },
      options,
    );
    expect(result.ok).toBe(false);
    expect(sent).toEqual([]);
  });

  test('root may stop it, and so may its own user (real or effective uid)', async () => {
    const fake = fakeProc();
    fake.addProcess({ pid: 950, comm: 'postgres', cmdline: ['postgres'], uid: 1000 });
    for (const credentials of [
      { uid: 0, euid: 0 },
      { uid: 1000, euid: 1000 },
      { uid: 1000, euid: 2000 },
      { uid: 2000, euid: 1000 },
    ]) {
      const { options } = over(fake, { credentials });
      expect(await inspectProcess(950, options)).toMatchObject({ killable: true, reason: null });
    }
    const { options } = over(fake, { credentials: { uid: 2000, euid: 2000 } });
    expect((await inspectProcess(950, options)).reason).toMatch(
      /belongs to user \S+; Porthole does not run as root/,
    );
  });
});

/** A node child running a worker thread; resolves once the worker is online. */
async function childWithWorker(): Promise<ChildProcess> {
  const script = [
    "const { Worker } = require('node:worker_threads');",
    "const w = new Worker('setInterval(() => {}, 60000)', { eval: true });",
    "w.on('online', () => console.log('ready'));",
    'setTimeout(() => {}, 60000);',
  ].join('\n');
  return nodeChild(script);
}

function threadOf(pid: number): number {
  const tid = readdirSync(`/proc/${pid}/task`)
    .map(Number)
    .find((t) => t !== pid);
  if (tid === undefined) throw new Error(`no thread besides ${pid} in /proc/${pid}/task`);
  return tid;
}

const linux = process.platform === 'linux';

describe.runIf(linux)('thread IDs (real processes)', () => {
  test("a worker's thread ID is refused by inspect, kill and the service; the child lives", async () => {
    const child = await childWithWorker();
    const pid = child.pid!;
    const tid = threadOf(pid);
    const identity = await inspectProcess(tid);
    expect(identity.killable).toBe(false);
    expect(identity.reason).toBe(
      `PID ${tid} is a thread of node (PID ${pid}); stop the process instead`,
    );

    const direct = await killProcess({ pid: tid, startToken: identity.startToken, force: true });
    expect(direct).toMatchObject({ ok: false, signal: null });

    const { service } = await startService({ allowKill: true, start: false });
    const viaService = await service.handle('porthole:process:kill', {
      pid: tid,
      startToken: identity.startToken,
      force: true,
    });
    expect(viaService.ok).toBe(false);
    expect(viaService.message).toContain('is a thread of node');
    expect(child.exitCode).toBeNull();
    expect(child.signalCode).toBeNull();
    process.kill(pid, 0); // throws if the child is gone
  });

  test("a thread of Porthole's own process is refused as Porthole itself", async () => {
    const tid = threadOf(process.pid);
    const identity = await inspectProcess(tid);
    expect(identity.killable).toBe(false);
    // The test worker's name depends on the runner (node, or a title it set): match around it.
    expect(identity.reason).toMatch(
      new RegExp(`^PID ${tid} is a thread of .+ \\(PID ${process.pid}\\); .+ is Porthole itself$`),
    );
  });
});
