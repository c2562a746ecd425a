// `who` and `conflicts` when 127.0.0.1 and ::1 of one port belong to different processes.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { holdSockets, stopAllHolders, type Holder } from '../../helpers/sockets.js';
import { cleanupConfigDirs, freshConfigDir, runCli } from './run-cli.js';

interface ConflictOut {
  kind: string;
  protocol: string;
  port: number;
  pids: number[];
  sockets: { pid: number | null; localAddress: string }[];
  message: string;
  fix: string;
}

let v4: Holder;
let v6: Holder;
let port: number;

beforeAll(async () => {
  // The same port on ::1 is usually free (a 127.0.0.1 bind does not block ::1), but other
  // processes on this machine may own it: try a few ports, boundedly.
  for (let attempt = 1; ; attempt += 1) {
    v4 = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    port = v4.sockets[0]!.port;
    try {
      v6 = await holdSockets({ listen: [{ host: '::1', port }] });
      return;
    } catch (error) {
      await v4.stop();
      if (attempt >= 5) throw error;
    }
  }
});

afterAll(async () => {
  await stopAllHolders();
  cleanupConfigDirs();
});

describe('porthole who', () => {
  test('--json names both holders, a shadowed conflict and who answers per family', async () => {
    const { code, stdout } = await runCli(['who', String(port), '--json'], freshConfigDir());
    expect(code).toBe(0);
    const body = JSON.parse(stdout) as {
      port: number;
      sockets: { pid: number; localAddress: string }[];
      conflicts: ConflictOut[];
      answers: {
        address: string;
        family: number;
        open: boolean;
        ms: number | null;
        pid: number | null;
        error: string | null;
      }[];
    };
    expect(Object.keys(body).sort()).toEqual(['answers', 'conflicts', 'port', 'sockets']);
    expect(body.port).toBe(port);
    // Other processes on this machine may hold sockets too: check ours are there, not that they are alone.
    expect(body.sockets).toContainEqual(
      expect.objectContaining({ localAddress: '127.0.0.1', pid: v4.pid }),
    );
    expect(body.sockets).toContainEqual(
      expect.objectContaining({ localAddress: '::1', pid: v6.pid }),
    );
    const shadowed = body.conflicts.find((c) => c.kind === 'shadowed');
    expect(shadowed).toBeDefined();
    expect(shadowed!.pids).toEqual(expect.arrayContaining([v4.pid, v6.pid]));
    expect(Object.keys(shadowed!).sort()).toEqual([
      'command',
      'fix',
      'kind',
      'message',
      'pids',
      'port',
      'protocol',
      'severity',
      'sockets',
      'summary',
    ]);

    const answer4 = body.answers.find((a) => a.address === '127.0.0.1');
    const answer6 = body.answers.find((a) => a.address === '::1');
    expect(answer4).toMatchObject({ family: 4, open: true, pid: v4.pid, error: null });
    expect(answer6).toMatchObject({ family: 6, open: true, pid: v6.pid, error: null });
    for (const answer of body.answers)
      expect(Object.keys(answer).sort()).toEqual([
        'address',
        'error',
        'family',
        'ms',
        'open',
        'pid',
      ]);
  });

  test('human output shows both holders, the answers and the conflict with its fix', async () => {
    const { code, stdout } = await runCli(['who', String(port)], freshConfigDir());
    expect(code).toBe(0);
    expect(stdout).toContain(`Port ${port} is held by:`);
    expect(stdout).toContain(`127.0.0.1:${port}`);
    expect(stdout).toContain(`[::1]:${port}`);
    expect(stdout).toContain(`Who answers localhost:${port}:`);
    expect(stdout).toMatch(/shadowed/);
    expect(stdout).toMatch(/fix: /);
  });

  test('a port nobody holds is reported free', async () => {
    const free = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    const freePort = free.sockets[0]!.port;
    await free.stop();
    const { code, stdout } = await runCli(['who', String(freePort)], freshConfigDir());
    expect(code).toBe(0);
    expect(stdout).toContain(`Nobody listens on port ${freePort}: it is free.`);
  });
});

describe('porthole conflicts', () => {
  test('--json includes the shadowed conflict with sockets in the socket shape', async () => {
    const { code, stdout } = await runCli(['conflicts', '--json'], freshConfigDir());
    expect(code).toBe(0);
    const body = JSON.parse(stdout) as { conflicts: ConflictOut[] };
    expect(Object.keys(body)).toEqual(['conflicts']);
    const mine = body.conflicts.find((c) => c.port === port && c.kind === 'shadowed');
    expect(mine).toBeDefined();
    expect(mine!.pids).toEqual(expect.arrayContaining([v4.pid, v6.pid]));
    expect(mine!.message.length).toBeGreaterThan(0);
    expect(mine!.fix.length).toBeGreaterThan(0);
    for (const socket of mine!.sockets) expect(socket).not.toHaveProperty('inode');
    for (const socket of mine!.sockets) expect(socket).not.toHaveProperty('pids');
  });
});
