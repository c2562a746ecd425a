// `porthole watch`: --once exit codes, the JSON Lines stream, SIGTERM, and history afterwards.
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { holdSockets, stopAllHolders } from '../../helpers/sockets.js';
import {
  cleanupConfigDirs,
  freshConfigDir,
  jsonLines,
  runCli,
  startCli,
  stopAllClis,
} from './run-cli.js';

interface EventOut {
  at: string;
  target: string;
  event: string;
  pid: number | null;
  process: string | null;
  detail: string;
}

afterEach(async () => {
  await stopAllClis();
  await stopAllHolders();
});
afterAll(cleanupConfigDirs);

const isEvent = (name: string) => (line: string) => (JSON.parse(line) as EventOut).event === name;

describe('porthole watch --once', () => {
  test('exit 0 and an `up` line with the PID while held; exit 1 and `down` after the holder stops', async () => {
    const holder = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    const port = holder.sockets[0]!.port;
    const dir = freshConfigDir();

    const held = await runCli(['watch', String(port), '--once', '--json'], dir);
    expect(held.code).toBe(0);
    const [first] = jsonLines(held.stdout) as EventOut[];
    expect(first).toMatchObject({ target: String(port), event: 'up', pid: holder.pid });
    expect(Object.keys(first!).sort()).toEqual([
      'at',
      'detail',
      'event',
      'pid',
      'process',
      'target',
    ]);
    expect(new Date(first!.at).toISOString()).toBe(first!.at);

    await holder.stop();
    const gone = await runCli(['watch', String(port), '--once', '--json'], dir);
    expect(gone.code).toBe(1);
    expect((jsonLines(gone.stdout)[0] as EventOut).event).toBe('down');
  });

  test('human mode prints one timestamped line', async () => {
    const holder = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    const port = holder.sockets[0]!.port;
    const { code, stdout } = await runCli(['watch', String(port), '--once'], freshConfigDir());
    expect(code).toBe(0);
    expect(stdout).toMatch(
      new RegExp(
        `^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d  up .*${port}.*PID ${holder.pid}`,
        'm',
      ),
    );
  });
});

describe('porthole watch (streaming)', () => {
  test('reports up, then down when the holder stops; SIGTERM exits 0; history has the transitions', async () => {
    const holder = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    const port = holder.sockets[0]!.port;
    const dir = freshConfigDir();
    const cli = startCli(
      ['watch', String(port), '--json', '--interval', '0.5', '--failures', '1'],
      dir,
    );

    const up = JSON.parse(await cli.nextLine(isEvent('up'))) as EventOut;
    expect(up.pid).toBe(holder.pid);
    await holder.stop();
    const down = JSON.parse(await cli.nextLine(isEvent('down'))) as EventOut;
    expect(down.target).toBe(String(port));
    // The down event leads with its most useful finding: the owner is gone.
    expect(down.detail).toBe(`${port} is down: node (PID ${holder.pid}) exited`);
    expect(down.pid).toBe(holder.pid);
    expect(await cli.stop('SIGTERM')).toBe(0);

    const history = await runCli(['history', '--port', String(port), '--format', 'csv'], dir);
    expect(history.code).toBe(0);
    const rows = history.stdout.trim().split(/\r?\n/);
    expect(rows[0]).toBe('at,kind,port,protocol,target,event,pid,process,detail');
    const events = rows.slice(1).map((row) => row.split(',')[5]);
    expect(events, history.stdout).toEqual(['up', 'down']);
    expect(rows[1]).toContain(`,watch,${port},tcp,${port},up,${holder.pid},`);
    expect(rows[2]).toContain(`,watch,${port},tcp,${port},down,`);
  });
});

describe('a down event says why, from a real process', () => {
  async function downDetail(target: (port: number) => string, listen: { host: string }[]) {
    const holder = await holdSockets({
      listen: [{ host: '127.0.0.1' }],
      onUsr2: { listen },
    });
    const port = holder.sockets[0]!.port;
    const cli = startCli(
      ['watch', target(port), '--json', '--interval', '0.5', '--failures', '1'],
      freshConfigDir(),
    );
    const up = JSON.parse(await cli.nextLine(isEvent('up'))) as EventOut;
    expect(up.pid).toBe(holder.pid);
    holder.child.kill('SIGUSR2');
    const down = JSON.parse(await cli.nextLine(isEvent('down'))) as EventOut;
    expect(await cli.stop('SIGTERM')).toBe(0);
    return { port, pid: holder.pid, down };
  }

  test('the server closed its port but runs on: "stopped listening but still runs"', async () => {
    const { port, pid, down } = await downDetail(String, []);
    expect(down.detail).toBe(`${port} is down: node (PID ${pid}) stopped listening but still runs`);
  });

  test('the server moved to [::1] while the watch checks 127.0.0.1: "now listens only on [::1]"', async () => {
    const { port, pid, down } = await downDetail((p) => `127.0.0.1:${p}`, [{ host: '::1' }]);
    expect(down.detail).toBe(
      `127.0.0.1:${port} is down: node (PID ${pid}) now listens only on [::1]:${port}`,
    );
  });
});

describe('porthole watch --save', () => {
  test('stores the watch in settings once, even when saved twice', async () => {
    const holder = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    const port = holder.sockets[0]!.port;
    const dir = freshConfigDir();
    for (let i = 0; i < 2; i += 1) {
      const { code } = await runCli(
        ['watch', String(port), '--once', '--save', '--expect', 'node'],
        dir,
      );
      expect(code).toBe(0);
    }
    const { readFile } = await import('node:fs/promises');
    const settings = JSON.parse(await readFile(`${dir}/settings.json`, 'utf8')) as {
      watches: { id: string; expect: string | null }[];
    };
    expect(settings.watches).toEqual([
      expect.objectContaining({ id: `local:${port}`, expect: 'node' }),
    ]);
  });
});
