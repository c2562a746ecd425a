// `porthole list` against real loopback sockets held by a child process.
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { holdSockets, stopAllHolders } from '../../helpers/sockets.js';
import { cleanupConfigDirs, freshConfigDir, runCli } from './run-cli.js';

const SOCKET_FIELDS = [
  'command',
  'container',
  'exposure',
  'family',
  'forwardsTo',
  'localAddress',
  'localPort',
  'pid',
  'process',
  'protocol',
  'published',
  'remoteAddress',
  'remotePort',
  'state',
  'unattributedCause',
  'user',
];

interface SocketOut {
  protocol: string;
  family: number;
  localAddress: string;
  localPort: number;
  remotePort: number | null;
  state: string;
  pid: number | null;
  exposure: string | null;
  container: unknown;
  forwardsTo: unknown;
  unattributedCause: string | null;
}

afterEach(stopAllHolders);
afterAll(cleanupConfigDirs);

describe('porthole list', () => {
  test("--json shows the holder's 127.0.0.1 and ::1 listeners with its PID and the exact field set", async () => {
    const holder = await holdSockets({ listen: [{ host: '127.0.0.1' }, { host: '::1' }] });
    const [v4, v6] = holder.sockets;
    const { code, stdout } = await runCli(['list', '--json'], freshConfigDir());
    expect(code).toBe(0);
    const body = JSON.parse(stdout) as {
      takenAt: string;
      sockets: SocketOut[];
      conflicts: unknown[];
      unattributed: number;
      unattributedHidden: number;
      unattributedByCause: Record<string, number>;
      engines: unknown[];
    };
    expect(Object.keys(body).sort()).toEqual([
      'conflicts',
      'engines',
      'sockets',
      'takenAt',
      'unattributed',
      'unattributedByCause',
      'unattributedHidden',
    ]);
    expect(new Date(body.takenAt).toISOString()).toBe(body.takenAt);
    // unattributed counts the rows shown; unattributedHidden what --all would add.
    expect(body.unattributed).toBe(body.sockets.filter((s) => s.pid === null).length);
    expect(typeof body.unattributedHidden).toBe('number');
    // By cause, every unattributed socket: shown and hidden together.
    expect(Object.keys(body.unattributedByCause).sort()).toEqual([
      'gone',
      'kernel',
      'other-user',
      'refused',
      'unknown',
    ]);
    expect(Object.values(body.unattributedByCause).reduce((a, b) => a + b, 0)).toBe(
      body.unattributed + body.unattributedHidden,
    );

    const mine = body.sockets.filter((s) => s.pid === holder.pid);
    expect(mine).toContainEqual(
      expect.objectContaining({
        protocol: 'tcp',
        family: 4,
        localAddress: '127.0.0.1',
        localPort: v4!.port,
        state: 'LISTEN',
        exposure: 'loopback',
      }),
    );
    expect(mine).toContainEqual(
      expect.objectContaining({
        protocol: 'tcp',
        family: 6,
        localAddress: '::1',
        localPort: v6!.port,
        state: 'LISTEN',
        exposure: 'loopback',
      }),
    );
    for (const socket of body.sockets) expect(Object.keys(socket).sort()).toEqual(SOCKET_FIELDS);
    // A plain process: no container, no forward target, but both fields are there.
    for (const socket of mine)
      expect(socket).toMatchObject({ container: null, forwardsTo: null, unattributedCause: null });
    // A socket without a process says why, in the vocabulary of unattributedByCause.
    for (const socket of body.sockets.filter((s) => s.pid === null))
      expect(Object.keys(body.unattributedByCause)).toContain(socket.unattributedCause);
    expect(Array.isArray(body.engines)).toBe(true);
    // Without --all only listeners are shown.
    expect(
      body.sockets.every(
        (s) => s.state === 'LISTEN' || (s.protocol === 'udp' && s.remotePort === null),
      ),
    ).toBe(true);
  });

  test('--all includes a connection', async () => {
    const holder = await holdSockets({
      listen: [{ host: '127.0.0.1' }],
      connect: [{ host: '127.0.0.1', toIndex: 0 }],
    });
    const connection = holder.sockets.find((s) => s.connection)!;
    const { code, stdout } = await runCli(['list', '--all', '--json'], freshConfigDir());
    expect(code).toBe(0);
    const body = JSON.parse(stdout) as { sockets: SocketOut[] };
    expect(body.sockets).toContainEqual(
      expect.objectContaining({
        localPort: connection.localPort,
        remotePort: connection.port,
        state: 'ESTABLISHED',
        pid: holder.pid,
        exposure: null,
      }),
    );
  });

  test('human output lists the port and the PID in a table', async () => {
    const holder = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    const port = holder.sockets[0]!.port;
    const { code, stdout } = await runCli(['list'], freshConfigDir());
    expect(code).toBe(0);
    expect(stdout).toMatch(/^PROTO\s+ADDRESS\s+EXPOSURE\s+PID\s+PROCESS\s+USER\s+COMMAND/m);
    const row = stdout.split('\n').find((line) => line.includes(`127.0.0.1:${port} `));
    expect(row).toBeDefined();
    expect(row).toMatch(new RegExp(`\\b${holder.pid}\\b`));
    expect(row).toContain('loopback');
    // NO_COLOR is set by the runner: no escape codes.
    expect(stdout).not.toContain('\u001b[');
  });
});
