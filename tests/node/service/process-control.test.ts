// Process control against real child processes: identity tokens, refusals, SIGTERM and forced SIGKILL.
import { pidAlive } from '../../../src-main/core/platform/pid-alive.js';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, statSync } from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import {
  createSiReader,
  inspectProcess,
  killProcess,
} from '../../../src-main/core/process-control/index.js';
import { killNodeChildren, nodeChild } from '../../helpers/node-children.js';
import { holdSockets, stopAllHolders } from '../../helpers/sockets.js';

afterEach(async () => {
  await killNodeChildren();
  await stopAllHolders();
});

/** A node child that ignores SIGTERM; resolves once its handler is installed. */
async function stubbornChild(): Promise<ChildProcess> {
  return nodeChild(
    "process.on('SIGTERM', () => {}); console.log('ready'); setTimeout(() => {}, 60000);",
  );
}

const unprivileged = process.platform === 'linux' && process.getuid?.() !== 0;

/** A live process of root's other than init, this one and its parent; null when none is seen. */
function rootProcess(): number | null {
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid <= 1 || pid === process.pid || pid === process.ppid) continue;
    try {
      if (statSync(`/proc/${pid}`).uid === 0) return pid;
    } catch {
      // exited meanwhile
    }
  }
  return null;
}

const alive = (pid: number): boolean => pidAlive(pid) === true;

describe('inspectProcess', () => {
  test('names a live process, gives a start token and allows stopping it', async () => {
    const holder = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    const identity = await inspectProcess(holder.pid);
    expect(identity).toMatchObject({
      pid: holder.pid,
      process: 'node',
      killable: true,
      reason: null,
    });
    expect(identity.command).toContain('socket-holder.mjs');
    expect(identity.user).toBeTruthy();
    expect(identity.startToken).toMatch(/^proc:/);
    // The token is stable for one process and differs for another.
    expect((await inspectProcess(holder.pid)).startToken).toBe(identity.startToken);
    const other = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    expect((await inspectProcess(other.pid)).startToken).not.toBe(identity.startToken);
  });

  test('refuses PID 1, Porthole itself, its parent and protected names, in plain words', async () => {
    const init = await inspectProcess(1);
    expect(init.killable).toBe(false);
    expect(init.reason).toContain("system's first process");
    const self = await inspectProcess(process.pid);
    expect(self).toMatchObject({ killable: false });
    expect(self.reason).toContain('is Porthole itself');
    const parent = await inspectProcess(process.ppid);
    expect(parent.killable).toBe(false);
    expect(parent.reason).toContain('started Porthole');

    const holder = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    const guarded = await inspectProcess(holder.pid, { protectedProcesses: ['NODE'] });
    expect(guarded.killable).toBe(false);
    expect(guarded.reason).toBe(
      `node (PID ${holder.pid}) is a protected process (see protectedProcesses in settings)`,
    );
  });

  test('a PID that has exited is not killable and has no token', async () => {
    const holder = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    await holder.stop();
    const gone = await inspectProcess(holder.pid);
    expect(gone).toMatchObject({ killable: false, startToken: null, process: null });
    expect(gone.reason).toBe(`PID ${holder.pid} is not running`);
  });

  test('rejects a PID that is not a positive whole number', async () => {
    await expect(inspectProcess(0)).rejects.toThrow(/PID must be a whole number/);
    await expect(inspectProcess(1.5)).rejects.toThrow(/PID must be a whole number/);
  });

  test('the systeminformation reader takes the start time as token and finds nothing for a missing PID', async () => {
    const list = () =>
      Promise.resolve({
        list: [
          {
            pid: process.pid,
            name: 'node',
            command: 'node',
            params: 'app.js',
            user: 'dev',
            started: '2026-11-29 10:00:00',
          },
        ],
      });
    const reader = createSiReader(list);
    expect(await reader.read(process.pid)).toEqual({
      pid: process.pid,
      process: 'node',
      command: 'node app.js',
      user: 'dev',
      startToken: 'si:2026-11-29 10:00:00',
    });
    // Alive but not in the list (it started after the list was taken): unknown, not a guess.
    expect(await reader.read(process.ppid)).toBeNull();
  });
});

describe('killProcess', () => {
  test('stops a real socket holder with SIGTERM when the token matches', async () => {
    const holder = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    const exited = once(holder.child, 'exit');
    const { startToken } = await inspectProcess(holder.pid);
    const result = await killProcess({ pid: holder.pid, startToken, force: false });
    expect(result).toEqual({
      ok: true,
      signal: 'SIGTERM',
      message: `node (PID ${holder.pid}) stopped`,
    });
    // The holder handles SIGTERM by closing its sockets and exiting 0.
    const [code, signal] = (await exited) as [number | null, NodeJS.Signals | null];
    expect(code === 0 || signal === 'SIGTERM').toBe(true);
  });

  test('SIGKILLs a process that ignores SIGTERM when forced, after the grace period', async () => {
    const child = await stubbornChild();
    const pid = child.pid!;
    const exited = once(child, 'exit');
    const { startToken } = await inspectProcess(pid);
    const result = await killProcess({ pid, startToken, force: true }, { graceMs: 300 });
    expect(result.ok).toBe(true);
    expect(result.signal).toBe('SIGKILL');
    expect(result.message).toBe(`node (PID ${pid}) ignored SIGTERM for 0.3 s; killed it (SIGKILL)`);
    const [, signal] = (await exited) as [number | null, NodeJS.Signals | null];
    expect(signal).toBe('SIGKILL');
  });

  test('without force, a process that ignores SIGTERM keeps running and the answer says so', async () => {
    const child = await stubbornChild();
    const pid = child.pid!;
    const { startToken } = await inspectProcess(pid);
    const result = await killProcess({ pid, startToken, force: false }, { graceMs: 200 });
    expect(result).toMatchObject({ ok: false, signal: 'SIGTERM' });
    expect(result.message).toContain('still running after 0.2 s');
    expect(alive(pid)).toBe(true);
  });

  test('a wrong start token is refused and the process lives', async () => {
    const holder = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    const result = await killProcess({ pid: holder.pid, startToken: 'proc:stale:1', force: true });
    expect(result).toEqual({
      ok: false,
      signal: null,
      message: `PID ${holder.pid} now belongs to a different process; refresh and try again`,
    });
    expect(alive(holder.pid)).toBe(true);
    expect(holder.child.exitCode).toBeNull();
  });

  test('PID 1 and our own PID are refused even with their current tokens', async () => {
    for (const pid of [1, process.pid]) {
      const { startToken } = await inspectProcess(pid);
      const result = await killProcess({ pid, startToken, force: true });
      expect(result.ok).toBe(false);
      expect(result.signal).toBeNull();
      expect(result.message).toMatch(/^not stopped: /);
    }
    expect(alive(process.pid)).toBe(true);
  });

  test('reports permission denied plainly', async () => {
    const holder = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    const { startToken } = await inspectProcess(holder.pid);
    const denied = (): void => {
      throw Object.assign(new Error('kill EPERM'), { code: 'EPERM' });
    };
    const result = await killProcess(
      { pid: holder.pid, startToken, force: false },
      { sendSignal: denied },
    );
    expect(result).toEqual({
      ok: false,
      signal: null,
      message: `permission denied: node (PID ${holder.pid}) belongs to another user`,
    });
    expect(alive(holder.pid)).toBe(true);
  });

  // Root may signal anyone, so only the unprivileged pass of .ci/run can meet a real EPERM.
  test.skipIf(!unprivileged)(
    "real other user (non-root runs only): root's process is not killable, the kill is refused before any signal, and it lives",
    async ({ skip }) => {
      const pid = rootProcess();
      if (pid === null) return skip('no process of root (other than init) to try');
      const identity = await inspectProcess(pid);
      expect(identity.killable).toBe(false);
      expect(identity.reason).toMatch(/belongs to user root; .*may not stop it/);
      const result = await killProcess({ pid, startToken: identity.startToken, force: false });
      expect(result.ok).toBe(false);
      expect(result.signal).toBeNull();
      expect(result.message).toMatch(/^not stopped: .*belongs to user root/);
      expect(alive(pid)).toBe(true);
    },
  );

  test('a PID that has exited is reported, not signalled', async () => {
    const holder = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    const { startToken } = await inspectProcess(holder.pid);
    await holder.stop();
    const sent: number[] = [];
    const result = await killProcess(
      { pid: holder.pid, startToken, force: true },
      { sendSignal: (pid) => void sent.push(pid) },
    );
    expect(result.ok).toBe(false);
    expect(result.message).toContain('is not running any more');
    expect(sent).toEqual([]);
  });
});
