// holder: who holds the port, with the overlaps the kernel counts, the stop command and free ports.
import { describe, expect, test } from 'vitest';
import { holderCheck, overlapReason } from '../../../../src-main/core/explain/checks/holder.js';
import { containerRef, portSocket } from '../../../helpers/port-socket.js';
import { fakeContext } from './fake-context.js';

const freePorts = (): Promise<number[]> => Promise.resolve([3001, 3002, 3003]);

describe('overlapReason', () => {
  test.each([
    ['127.0.0.1', '127.0.0.1', ''],
    ['::', '127.0.0.1', 'dual-stack'],
    ['0.0.0.0', '127.0.0.1', '0.0.0.0 covers'],
    ['127.0.0.1', '0.0.0.0', '0.0.0.0 covers'],
    ['127.0.0.1', '::', 'dual-stack'],
    ['::1', '::', 'holder on ::'],
  ])('bind %s against holder %s', (wanted, held, reason) => {
    expect(overlapReason(wanted, held)).toContain(reason);
  });

  test.each([
    ['127.0.0.1', '::1'],
    ['::1', '127.0.0.1'],
    ['0.0.0.0', '::1'],
    ['127.0.0.1', '127.0.0.2'],
  ])('bind %s does not collide with %s', (wanted, held) => {
    expect(overlapReason(wanted, held)).toBeNull();
  });
});

describe('holder check', () => {
  test(':: against an IPv4 holder: the dual-stack overlap, kill command and three free ports', async () => {
    const ctx = fakeContext('listen EADDRINUSE: address already in use :::3000', [portSocket()], {
      freePorts,
    });
    const [f] = await holderCheck.run(ctx);
    expect(f?.status).toBe('problem');
    expect(f?.message).toContain(
      '127.0.0.1:3000 is held by node (PID 4121): a bind to :: is dual-stack',
    );
    expect(f?.fix).toBe('stop it: kill 4121, or use a free port nearby: 3001, 3002, 3003');
    expect(f?.pids).toEqual([4121]);
  });

  test('a listener on another family does not count', async () => {
    const v6 = portSocket({ localAddress: '::1', family: 6 });
    const ctx = fakeContext(
      'Error: listen EADDRINUSE: address already in use 127.0.0.1:3000',
      [v6],
      { freePorts },
    );
    const [f] = await holderCheck.run(ctx);
    expect(f?.status).toBe('info');
    expect(f?.pids).toEqual([]);
  });

  test('SO_REUSEPORT rivals on one address are named as such', async () => {
    const ctx = fakeContext('listen EADDRINUSE: address already in use 0.0.0.0:3000', [
      portSocket({ localAddress: '0.0.0.0', pid: 10, inode: 1 }),
      portSocket({ localAddress: '0.0.0.0', pid: 11, inode: 2 }),
    ]);
    const [f] = await holderCheck.run(ctx);
    expect(f?.message).toContain('2 processes share 0.0.0.0 with SO_REUSEPORT');
    expect(f?.pids).toEqual([10, 11]);
  });

  test('a container behind the holder: the engine stop command', async () => {
    const socket = portSocket({
      process: 'docker-proxy',
      pid: 5040,
      container: containerRef({ id: 'abc' }),
    });
    const ctx = fakeContext('bind: address already in use 127.0.0.1:3000', [socket]);
    const [f] = await holderCheck.run(ctx);
    expect(f?.fix).toContain('docker stop db');
  });

  test('other situations: nothing', async () => {
    expect(
      await holderCheck.run(fakeContext('connect ECONNREFUSED 127.0.0.1:3000', [portSocket()])),
    ).toEqual([]);
  });
});
