// interface: a server on one LAN address is not reached through loopback, and a loopback-only one not from elsewhere.
import { describe, expect, test } from 'vitest';
import { interfaceCheck } from '../../../../src-main/core/explain/checks/interface.js';
import { portSocket } from '../../../helpers/port-socket.js';
import { fakeContext } from './fake-context.js';

describe('interface check', () => {
  test('bound only to 192.168.1.5: loopback does not reach it', async () => {
    const lan = portSocket({ localAddress: '192.168.1.5', exposure: 'network' });
    const [f] = await interfaceCheck.run(fakeContext('connect ECONNREFUSED 127.0.0.1:3000', [lan]));
    expect(f?.status).toBe('problem');
    expect(f?.message).toContain('192.168.1.5 (node, PID 4121)');
    expect(f?.fix).toContain('connect to 192.168.1.5:3000');
    expect(f?.pids).toEqual([4121]);
  });

  test('a wildcard or loopback listener: nothing to say', async () => {
    const ctx = fakeContext('connect ECONNREFUSED 127.0.0.1:3000', [
      portSocket({ localAddress: '0.0.0.0' }),
    ]);
    expect(await interfaceCheck.run(ctx)).toEqual([]);
  });

  test('a remote address while the server here listens on loopback only: info', async () => {
    const [f] = await interfaceCheck.run(
      fakeContext('connect ECONNREFUSED 10.0.0.7:3000', [portSocket()]),
    );
    expect(f?.status).toBe('info');
    expect(f?.message).toContain('listens only on loopback');
  });
});
