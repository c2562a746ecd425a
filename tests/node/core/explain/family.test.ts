// family: the address the client went to against the family the server listens on.
import { describe, expect, test } from 'vitest';
import { familyCheck } from '../../../../src-main/core/explain/checks/family.js';
import { portSocket } from '../../../helpers/port-socket.js';
import { fakeContext } from './fake-context.js';

const vite = portSocket({
  localAddress: '::1',
  family: 6,
  pid: 5120,
  process: 'node',
  command: 'node /app/node_modules/.bin/vite',
});

describe('family check', () => {
  test('client on 127.0.0.1, server only on ::1: the problem, named, with a bind command', async () => {
    const [f] = await familyCheck.run(fakeContext('connect ECONNREFUSED 127.0.0.1:3000', [vite]));
    expect(f?.status).toBe('problem');
    expect(f?.message).toBe(
      'Your client went to 127.0.0.1, the server listens only on [::1] (node, PID 5120).',
    );
    expect(f?.fix).toContain('vite --port 3000 --host ::');
    expect(f?.fix).toContain('connect to [::1]:3000');
    expect(f?.pids).toEqual([5120]);
  });

  test('localhost resolving to ::1 first while the server is on 127.0.0.1 only', async () => {
    const ctx = fakeContext(
      'curl: (7) Failed to connect to localhost port 3000: Connection refused',
      [portSocket()],
      {
        resolve: () =>
          Promise.resolve([
            { address: '::1', family: 6 },
            { address: '127.0.0.1', family: 4 },
          ]),
      },
    );
    const [f] = await familyCheck.run(ctx);
    expect(f?.status).toBe('problem');
    expect(f?.message).toContain(
      'Your client went to [::1] (localhost resolves to [::1], then 127.0.0.1)',
    );
    expect(f?.message).toContain('127.0.0.1 (node, PID 4121)');
    expect(f?.fix).toContain('connect to 127.0.0.1:3000');
  });

  test('a dual-stack :: listener is reached from 127.0.0.1: ok', async () => {
    const any6 = portSocket({ localAddress: '::', family: 6, exposure: 'all-interfaces' });
    const [f] = await familyCheck.run(fakeContext('connect ECONNREFUSED 127.0.0.1:3000', [any6]));
    expect(f?.status).toBe('ok');
  });

  test('nothing listening, or a remote host: nothing to say', async () => {
    expect(await familyCheck.run(fakeContext('connect ECONNREFUSED 127.0.0.1:3000', []))).toEqual(
      [],
    );
    expect(
      await familyCheck.run(fakeContext('connect ECONNREFUSED 10.1.2.3:3000', [vite])),
    ).toEqual([]);
  });
});

describe('family check without a host', () => {
  test('a bare port speaks of a client of localhost', async () => {
    const ctx = fakeContext('3000', [vite], {
      resolve: () => Promise.resolve([{ address: '127.0.0.1', family: 4 }]),
    });
    const [f] = await familyCheck.run(ctx);
    expect(f?.message).toBe(
      'A client of localhost goes to 127.0.0.1, the server listens only on [::1] (node, PID 5120).',
    );
  });
});
