import { afterEach, describe, expect, test, vi } from 'vitest';
import net from 'node:net';
import { InputError } from '../../../../src-main/core/errors.js';
import { isPortFree, suggestFreePorts } from '../../../../src-main/core/rules/free-ports.js';
import { holdSockets, stopAllHolders } from '../../../helpers/sockets.js';
import { connection, listener, snapshotOf } from './fixtures.js';

afterEach(async () => {
  vi.restoreAllMocks();
  await stopAllHolders();
});

/** Binds host:port in this process and closes it again; true when it worked. */
function canBind(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

describe('a port held on one family only is never suggested', () => {
  test.each(['127.0.0.1', '::1'])('held on %s', async (host) => {
    const holder = await holdSockets({ listen: [{ host }] });
    const port = holder.sockets[0]!.port;
    expect(await isPortFree(port)).toBe(false);
    const suggested = await suggestFreePorts({ near: port, count: 3 });
    expect(suggested).toHaveLength(3);
    expect(suggested).not.toContain(port);
    // Upward first: the held port is skipped, the next free ones above it come back.
    expect(suggested[0]).toBeGreaterThan(port);
  });

  test('a UDP port held on ::1 is not free for UDP', async () => {
    const holder = await holdSockets({ listen: [{ protocol: 'udp', host: '::1' }] });
    const port = holder.sockets[0]!.port;
    expect(await isPortFree(port, 'udp')).toBe(false);
    expect(await suggestFreePorts({ near: port, count: 2, protocol: 'udp' })).not.toContain(port);
  });
});

test('suggested ports really bind on 127.0.0.1 and ::1', async () => {
  const suggested = await suggestFreePorts({ near: 41000, count: 5 });
  expect(suggested).toHaveLength(5);
  expect(new Set(suggested).size).toBe(5);
  for (const port of suggested) {
    expect(await canBind('127.0.0.1', port)).toBe(true);
    expect(await canBind('::1', port)).toBe(true);
  }
});

test('ports any socket of the snapshot uses are skipped, whatever its protocol', async () => {
  const near = 42000;
  const snapshot = snapshotOf([
    listener('127.0.0.1', near, 1, 'node'),
    listener('0.0.0.0', near + 1, 2, 'dns', { protocol: 'udp' }),
    connection('127.0.0.1', near + 2, '127.0.0.1', 5432, 3, 'psql'),
  ]);
  const suggested = await suggestFreePorts({ near, count: 3, snapshot });
  expect(suggested).toHaveLength(3);
  for (const used of [near, near + 1, near + 2]) expect(suggested).not.toContain(used);
});

test('near the top of the range the search turns downward and stays in range', async () => {
  const suggested = await suggestFreePorts({ near: 65534, count: 4 });
  expect(suggested).toHaveLength(4);
  for (const port of suggested) {
    expect(port).toBeGreaterThanOrEqual(1024);
    expect(port).toBeLessThanOrEqual(65535);
  }
  expect(suggested.filter((p) => p < 65534).length).toBeGreaterThanOrEqual(2);
});

test('a family the machine lacks is skipped, not fatal', async () => {
  const realCreate = net.createServer.bind(net);
  const tried: string[] = [];
  // Pretend there is no ::1 on this machine: binding it fails the way it does without IPv6.
  vi.spyOn(net, 'createServer').mockImplementation(() => {
    const server = realCreate();
    const realListen = server.listen.bind(server) as (
      options: net.ListenOptions,
      done: () => void,
    ) => net.Server;
    server.listen = ((options: net.ListenOptions, done: () => void) => {
      tried.push(String(options.host));
      if (options.host !== '::1') return realListen(options, done);
      const error = Object.assign(new Error('bind EADDRNOTAVAIL ::1'), { code: 'EADDRNOTAVAIL' });
      queueMicrotask(() => server.emit('error', error));
      return server;
    }) as typeof server.listen;
    return server;
  });
  const suggested = await suggestFreePorts({ near: 43000, count: 3 });
  expect(suggested).toHaveLength(3);
  // ::1 was tried once, then left out for the rest of the call.
  expect(tried.filter((h) => h === '::1')).toHaveLength(1);
  expect(tried.filter((h) => h === '127.0.0.1').length).toBeGreaterThanOrEqual(3);
});

describe('bad input', () => {
  test.each([70000, -1, Number.NaN, 0, 3000.5])('near %s is rejected', async (near) => {
    await expect(suggestFreePorts({ near })).rejects.toThrow(InputError);
    await expect(suggestFreePorts({ near })).rejects.toThrow(/near must be/);
  });

  test.each([0, -3, 1000, 2.5])('count %s is rejected', async (count) => {
    await expect(suggestFreePorts({ count })).rejects.toThrow(InputError);
  });

  test('an unknown protocol or port is rejected', async () => {
    await expect(suggestFreePorts({ protocol: 'sctp' as 'tcp' })).rejects.toThrow(InputError);
    await expect(isPortFree(70000)).rejects.toThrow(/port must be/);
  });
});
