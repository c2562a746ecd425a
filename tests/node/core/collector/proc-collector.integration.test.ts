// The /proc source on this machine against real loopback sockets held by child processes.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import { userInfo } from 'node:os';
import { afterEach, describe, expect, test } from 'vitest';
import type { PortSocket, Snapshot } from '../../../../src-main/domain/model.js';
import { createCollector } from '../../../../src-main/core/collector/index.js';
import { holdSockets, stopAllHolders } from '../../../helpers/sockets.js';

const linux = process.platform === 'linux';
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  await stopAllHolders();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function listeners(
  snapshot: Snapshot,
  protocol: 'tcp' | 'udp',
  port: number,
  address: string,
): PortSocket[] {
  return snapshot.sockets.filter(
    (s) =>
      s.protocol === protocol &&
      s.localPort === port &&
      s.localAddress === address &&
      s.remoteAddress === null,
  );
}

async function listen(server: net.Server, host: string): Promise<number> {
  server.listen(0, host);
  await once(server, 'listening');
  return (server.address() as net.AddressInfo).port;
}

/** A child that keeps every socket handle sent to it over IPC (and says 'ready'); killed at cleanup. */
function startHandleHolder(): ChildProcess {
  const childCode = [
    'const held = [];',
    "process.on('message', (m, handle) => { held.push(handle); process.send('ready'); });",
    "process.on('disconnect', () => process.exit(0));",
    'setTimeout(() => process.exit(0), 30000);',
  ].join('\n');
  const child = spawn(process.execPath, ['-e', childCode], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    }
  });
  return child;
}

describe.skipIf(!linux)('proc source, real sockets', () => {
  test('sees TCP on 127.0.0.1 and ::1, UDP and a connection with the holder PID; gone after stop', async () => {
    const holder = await holdSockets({
      listen: [{ host: '127.0.0.1' }, { host: '::1' }, { protocol: 'udp', host: '127.0.0.1' }],
      connect: [{ host: '127.0.0.1', toIndex: 0 }],
    });
    const [tcp4, tcp6, udp, conn] = holder.sockets;
    const collector = createCollector({ source: 'proc' });
    expect(collector.source).toBe('proc');
    const snap = await collector.snapshot();
    expect(snap.source).toBe('proc');

    const [l4] = listeners(snap, 'tcp', tcp4!.port, '127.0.0.1');
    expect(l4).toMatchObject({
      family: 4,
      state: 'LISTEN',
      pid: holder.pid,
      pids: [holder.pid],
      process: 'node',
      user: userInfo().username,
      exposure: 'loopback',
    });
    expect(l4?.command).toContain('socket-holder.mjs');
    expect(l4?.inode).toBeGreaterThan(0);

    expect(listeners(snap, 'tcp', tcp6!.port, '::1')).toEqual([
      expect.objectContaining({
        family: 6,
        state: 'LISTEN',
        pid: holder.pid,
        process: 'node',
        exposure: 'loopback',
      }),
    ]);
    expect(listeners(snap, 'udp', udp!.port, '127.0.0.1')).toEqual([
      expect.objectContaining({
        family: 4,
        state: 'UNCONN',
        pid: holder.pid,
        process: 'node',
        exposure: 'loopback',
      }),
    ]);
    const client = snap.sockets.find(
      (s) => s.protocol === 'tcp' && s.localPort === conn!.localPort && s.remotePort === tcp4!.port,
    );
    expect(client).toMatchObject({
      state: 'ESTABLISHED',
      remoteAddress: '127.0.0.1',
      pid: holder.pid,
      exposure: null,
    });

    await holder.stop();
    const after = await collector.snapshot();
    expect(
      after.sockets.filter((s) => s.pid === holder.pid || s.pids?.includes(holder.pid)),
    ).toEqual([]);
    expect(listeners(after, 'tcp', tcp4!.port, '127.0.0.1')).toEqual([]);
    expect(listeners(after, 'udp', udp!.port, '127.0.0.1')).toEqual([]);
  });

  test('sockets opened after the first snapshot, by this process and by a new one, are attributed on the next', async () => {
    const collector = createCollector({ source: 'proc' });
    await collector.snapshot();

    const server = net.createServer();
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const port = await listen(server, '127.0.0.1');
    const holder = await holdSockets({ listen: [{ host: '::1' }] });

    const snap = await collector.snapshot();
    expect(listeners(snap, 'tcp', port, '127.0.0.1')).toEqual([
      expect.objectContaining({ pid: process.pid, process: 'node' }),
    ]);
    expect(listeners(snap, 'tcp', holder.sockets[0]!.port, '::1')).toEqual([
      expect.objectContaining({ pid: holder.pid }),
    ]);
  });

  test('a listening socket shared with a child process is one record with both PIDs', async () => {
    const server = net.createServer();
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const port = await listen(server, '127.0.0.1');
    const child = startHandleHolder();
    const ready = once(child, 'message');
    child.send('server', server);
    await ready;

    const snap = await createCollector({ source: 'proc' }).snapshot();
    const records = listeners(snap, 'tcp', port, '127.0.0.1');
    expect(records).toHaveLength(1);
    const pids = [process.pid, child.pid!].sort((a, b) => a - b);
    expect(records[0]).toMatchObject({ pid: pids[0], pids });
  });

  test('a socket passed to a process already known as an owner, while a new process appears, goes to that owner', async () => {
    const child = startHandleHolder();
    /** Hands a new listener to the child and closes this process's copy: the child alone holds it. */
    const handOver = async (): Promise<number> => {
      const server = net.createServer();
      const port = await listen(server, '127.0.0.1');
      const ready = once(child, 'message');
      child.send('server', server);
      await ready;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      return port;
    };
    const first = await handOver();
    const collector = createCollector({ source: 'proc' });
    const before = await collector.snapshot();
    expect(listeners(before, 'tcp', first, '127.0.0.1')).toEqual([
      expect.objectContaining({ pid: child.pid, pids: [child.pid] }),
    ]);

    const passed = await handOver();
    const holder = await holdSockets({ listen: [{ host: '::1' }] });
    const snap = await collector.snapshot();
    expect(listeners(snap, 'tcp', passed, '127.0.0.1')).toEqual([
      expect.objectContaining({ pid: child.pid, pids: [child.pid], process: 'node' }),
    ]);
    expect(listeners(snap, 'tcp', holder.sockets[0]!.port, '::1')).toEqual([
      expect.objectContaining({ pid: holder.pid, pids: [holder.pid] }),
    ]);
  });
});
