import { afterAll, afterEach, describe, expect, test } from 'vitest';
import net from 'node:net';
import { once } from 'node:events';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { InputError } from '../../../../src-main/core/errors.js';
import {
  listenerReachedBy,
  localhostAddresses,
  probeTcp,
  whoAnswers,
} from '../../../../src-main/core/watches/prober.js';
import { holdSockets, stopAllHolders, type Holder } from '../../../helpers/sockets.js';
import { listener, snapshotOf } from './snapshot-fixtures.js';

const servers: net.Server[] = [];
const children: ChildProcess[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
  await stopAllHolders();
});

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

async function listen(host: string, port = 0): Promise<number> {
  const server = net.createServer((socket) => socket.destroy());
  server.listen({ host, port });
  await once(server, 'listening');
  servers.push(server);
  return (server.address() as net.AddressInfo).port;
}

/** A port nothing listens on: bind one, then close it. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  server.listen({ host: '127.0.0.1', port: 0 });
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A child that listens with a backlog of 1 and then blocks its event loop, so it never accepts:
 * once the kernel's accept queue is full, new SYNs are dropped and connects hang on loopback.
 * It exits by itself after 30 s in case the test run dies before killing it.
 */
async function stuckListener(): Promise<number> {
  const script = `
    const server = require('node:net').createServer();
    server.listen({ host: '127.0.0.1', port: 0, backlog: 1 }, () => {
      console.log(server.address().port);
      setTimeout(() => {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 30000);
        process.exit(0);
      }, 20);
    });`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  const lines = createInterface({ input: child.stdout });
  const [line] = (await once(lines, 'line')) as [string];
  lines.close();
  await new Promise((resolve) => setTimeout(resolve, 100)); // let it reach Atomics.wait
  return Number(line);
}

describe('probeTcp', () => {
  test('an open loopback port answers with a latency', async () => {
    const port = await listen('127.0.0.1');
    const result = await probeTcp('127.0.0.1', port);
    expect(result).toMatchObject({ address: '127.0.0.1', family: 4, open: true, error: null });
    expect(result.ms).toBeGreaterThanOrEqual(0);
  });

  test('a closed port is refused, with the time the refusal took', async () => {
    const port = await closedPort();
    const result = await probeTcp('127.0.0.1', port);
    expect(result).toMatchObject({ open: false, error: 'ECONNREFUSED' });
    expect(result.ms).toBeGreaterThanOrEqual(0);
  });

  test('IPv6 loopback and bracketed addresses work', async () => {
    const port = await listen('::1');
    expect(await probeTcp('[::1]', port)).toMatchObject({ address: '::1', family: 6, open: true });
  });

  test('a name is resolved and the connected address reported', async () => {
    const port = await listen('127.0.0.1');
    await listen('::1', port).catch(() => undefined); // covers hosts where localhost is ::1 first
    const result = await probeTcp('localhost', port);
    expect(['127.0.0.1', '::1']).toContain(result.address);
    expect(result.open).toBe(true);
  });

  test('a listener that never accepts times out, with no latency', async () => {
    const port = await stuckListener();
    const results = [];
    // The first connects fill the accept queue; after that the kernel drops SYNs.
    for (let i = 0; i < 10; i += 1) {
      const result = await probeTcp('127.0.0.1', port, 150);
      results.push(result);
      if (result.error === 'timeout') break;
    }
    const last = results.at(-1)!;
    expect(last).toEqual({
      address: '127.0.0.1',
      family: 4,
      open: false,
      ms: null,
      error: 'timeout',
    });
  });

  test('bad ports and timeouts are input errors, not network results', async () => {
    await expect(probeTcp('127.0.0.1', 0)).rejects.toThrow(InputError);
    await expect(probeTcp('127.0.0.1', 70000)).rejects.toThrow(/70000/);
    await expect(probeTcp('127.0.0.1', 80, 0)).rejects.toThrow(/timeout/);
    await expect(probeTcp(' ', 80)).rejects.toThrow(/empty/);
  });
});

describe('whoAnswers', () => {
  /** One holder on 127.0.0.1 and another on ::1, same port (retried if ::1 has it taken). */
  async function twoHolders(): Promise<[Holder, Holder]> {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const v4 = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
      const port = v4.sockets[0]!.port;
      const v6 = await holdSockets({ listen: [{ host: '::1', port }] }).catch(() => null);
      if (v6) return [v4, v6];
      await v4.stop();
    }
    throw new Error('could not find a port free on both 127.0.0.1 and ::1');
  }

  test('each loopback family answers with its own holder', async () => {
    const [v4, v6] = await twoHolders();
    const port = v4.sockets[0]!.port;
    const snapshot = snapshotOf([
      listener('127.0.0.1', port, v4.pid),
      listener('::1', port, v6.pid),
    ]);
    const answers = await whoAnswers(port, { snapshot });
    expect(answers[0]).toMatchObject({ address: '127.0.0.1', family: 4, open: true, pid: v4.pid });
    expect(answers[1]).toMatchObject({ address: '::1', family: 6, open: true, pid: v6.pid });
    expect(answers[0]!.ms).toBeGreaterThanOrEqual(0);
    expect(v4.pid).not.toBe(v6.pid);
  });

  test('a family nobody holds is refused; the snapshot still names a listener that does not answer', async () => {
    const port = await listen('127.0.0.1');
    const lookup = () => Promise.resolve([{ address: '127.0.0.1', family: 4 }]);
    const answers = await whoAnswers(port, {
      lookup,
      snapshot: snapshotOf([listener('127.0.0.1', port, 7)]),
    });
    expect(answers.map((a) => [a.address, a.open, a.pid, a.error])).toEqual([
      ['127.0.0.1', true, 7, null],
      ['::1', false, null, 'ECONNREFUSED'],
    ]);

    const gone = await closedPort();
    const stale = await whoAnswers(gone, {
      lookup,
      snapshot: snapshotOf([listener('0.0.0.0', gone, 9)]),
    });
    expect(stale[0]).toMatchObject({ open: false, pid: 9, error: 'ECONNREFUSED' });
  });

  test('a listener no process is named for: the answer carries why, as its socket does', async () => {
    const port = await listen('127.0.0.1');
    const lookup = () => Promise.resolve([{ address: '127.0.0.1', family: 4 }]);
    const unnamed = { ...listener('0.0.0.0', port, null), unattributedCause: 'refused' as const };
    const answers = await whoAnswers(port, { lookup, snapshot: snapshotOf([unnamed]) });
    expect(answers[0]).toMatchObject({ open: true, pid: null, unattributedCause: 'refused' });
    // ::1 reaches no listener of the snapshot: no cause to give.
    expect(answers[1]).not.toHaveProperty('unattributedCause');
  });

  test('without a snapshot the PIDs are unknown', async () => {
    const port = await listen('127.0.0.1');
    const answers = await whoAnswers(port);
    expect(answers[0]).toMatchObject({ address: '127.0.0.1', open: true, pid: null });
  });

  test('localhost addresses come in a fixed order, de-duplicated and normalized', async () => {
    const lookup = () =>
      Promise.resolve([
        { address: '::1', family: 6 },
        { address: '::ffff:127.0.0.1', family: 6 },
        { address: '127.0.0.2', family: 4 },
        { address: '127.0.0.1', family: 4 },
      ]);
    expect(await localhostAddresses(lookup)).toEqual(['127.0.0.1', '::1', '127.0.0.2']);
    const broken = () => Promise.reject(new Error('no resolver'));
    expect(await localhostAddresses(broken)).toEqual(['127.0.0.1', '::1']);
    await expect(whoAnswers(0)).rejects.toThrow(InputError);
  });
});

describe('listenerReachedBy', () => {
  const port = 5000;

  test('an exact bind wins over a wildcard', () => {
    const snapshot = snapshotOf([listener('0.0.0.0', port, 1), listener('127.0.0.1', port, 2)]);
    expect(listenerReachedBy(snapshot, '127.0.0.1', port)?.pid).toBe(2);
  });

  test('IPv4 clients reach 0.0.0.0, then a dual-stack ::; IPv6 clients never reach 0.0.0.0', () => {
    const v4Wild = snapshotOf([listener('0.0.0.0', port, 1), listener('::', port, 2)]);
    expect(listenerReachedBy(v4Wild, '127.0.0.1', port)?.pid).toBe(1);
    expect(listenerReachedBy(v4Wild, '::1', port)?.pid).toBe(2);
    const dual = snapshotOf([listener('::', port, 2)]);
    expect(listenerReachedBy(dual, '127.0.0.1', port)?.pid).toBe(2);
    const onlyV4 = snapshotOf([listener('0.0.0.0', port, 1)]);
    expect(listenerReachedBy(onlyV4, '::1', port)).toBeNull();
  });

  test('other ports, other loopback addresses, UDP and connections do not count', () => {
    const connection = {
      ...listener('127.0.0.1', port, 3),
      state: 'ESTABLISHED' as const,
      remotePort: 1,
    };
    const udp = { ...listener('127.0.0.1', port, 4), protocol: 'udp' as const };
    const snapshot = snapshotOf([
      listener('127.0.0.2', port, 1),
      listener('127.0.0.1', port + 1, 2),
      connection,
      udp,
    ]);
    expect(listenerReachedBy(snapshot, '127.0.0.1', port)).toBeNull();
    expect(listenerReachedBy(snapshot, '127.0.0.1', port, 'udp')?.pid).toBe(4);
    expect(listenerReachedBy(null, '127.0.0.1', port)).toBeNull();
  });

  test('among sockets sharing a bind, one with a known PID is named', () => {
    const snapshot = snapshotOf([
      listener('127.0.0.1', port, null),
      listener('127.0.0.1', port, 8),
    ]);
    expect(listenerReachedBy(snapshot, '127.0.0.1', port)?.pid).toBe(8);
  });
});
