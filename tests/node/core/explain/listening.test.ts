// listening: who listens on every address and family; nothing → the last holder from history.
import { describe, expect, test } from 'vitest';
import { listeningCheck } from '../../../../src-main/core/explain/checks/listening.js';
import { timeOfDay } from '../../../../src-main/domain/time-text.js';
import { portSocket } from '../../../helpers/port-socket.js';
import { fakeContext, historyEntry } from './fake-context.js';

describe('listening check', () => {
  test('names every listener of the port, both families', async () => {
    const ctx = fakeContext('connect ECONNREFUSED 127.0.0.1:3000', [
      portSocket({ localAddress: '::1', family: 6, pid: 5120, process: 'vite' }),
      portSocket({ localAddress: '0.0.0.0', pid: 4121 }),
      portSocket({ localPort: 3001, pid: 9 }),
    ]);
    const [f] = await listeningCheck.run(ctx);
    expect(f).toMatchObject({ check: 'listening', status: 'ok', pids: [5120, 4121] });
    expect(f?.message).toBe(
      'Listening on tcp/3000: [::1] (vite, PID 5120), 0.0.0.0 (node, PID 4121).',
    );
  });

  test('nothing listening is the problem, with the last holder from history and when it went down', async () => {
    const down = Date.UTC(2026, 11, 6, 10, 42, 7);
    const ctx = fakeContext('connect ECONNREFUSED 127.0.0.1:3000', [], {
      history: () =>
        Promise.resolve([
          historyEntry({ at: down - 60_000, event: 'up', pid: 4121, process: 'node' }),
          historyEntry({ at: down, event: 'down', pid: null }),
        ]),
      alive: (pid) => (pid === 4121 ? false : null),
    });
    const [f] = await listeningCheck.run(ctx);
    expect(f?.status).toBe('problem');
    expect(f?.message).toBe(
      `Nothing listens on tcp/3000; it was held by node (PID 4121) until ${timeOfDay(down)}, which exited.`,
    );
    expect(f?.pids).toEqual([4121]);
    expect(f?.fix).toMatch(/start the server/);
  });

  test('without history it just says nothing listens', async () => {
    const [f] = await listeningCheck.run(fakeContext('3000', []));
    expect(f).toMatchObject({
      status: 'problem',
      message: 'Nothing listens on tcp/3000.',
      pids: [],
    });
  });

  test('for an address-in-use error, listeners are information (holder explains them)', async () => {
    const ctx = fakeContext('listen EADDRINUSE: address already in use :::3000', [portSocket()]);
    const [f] = await listeningCheck.run(ctx);
    expect(f?.status).toBe('info');
  });

  test('no snapshot: skipped, saying why', async () => {
    const [f] = await listeningCheck.run(fakeContext('3000', null));
    expect(f?.status).toBe('skipped');
  });
});

describe('listening check, other machines', () => {
  test('a host that is not this machine: nothing to say (the remote check probes it)', async () => {
    const ctx = fakeContext('connect ECONNREFUSED 10.9.8.7:3000', [portSocket({ localPort: 22 })]);
    expect(await listeningCheck.run(ctx)).toEqual([]);
  });

  test("one of this machine's addresses: listeners are read as for loopback", async () => {
    const lan = portSocket({ localAddress: '10.9.8.7', localPort: 22 });
    const [f] = await listeningCheck.run(fakeContext('connect ECONNREFUSED 10.9.8.7:3000', [lan]));
    expect(f?.status).toBe('problem');
  });
});
