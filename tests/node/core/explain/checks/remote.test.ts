import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createRemoteCheck,
  remoteCheck,
} from '../../../../../src-main/core/explain/checks/remote.js';
import {
  isLocalHost,
  isThisMachine,
  thisMachineNames,
} from '../../../../../src-main/core/explain/port-facts.js';
import { probeTcp } from '../../../../../src-main/core/watches/prober.js';
import { recordedContext } from './recorded-context.js';

const REMOTE = 'build-server.test';
const check = createRemoteCheck(() => ['devbox', '192.168.1.7']);
const servers: net.Server[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((done) => s.close(done))));
});

async function listen(): Promise<net.Server> {
  const server = net.createServer((socket) => socket.destroy());
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return server;
}

/** A loopback port that nothing listens on: opened, read and closed again. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

/** The remote name answered by a real probe of loopback: no traffic leaves the machine. */
function loopbackFor(host: string) {
  return (h: string, port: number, timeoutMs: number) => {
    expect(h).toBe(host);
    return probeTcp('127.0.0.1', port, timeoutMs);
  };
}

describe('remote', () => {
  it('tells a refused connection (host reachable, nothing listens) with a real probe', async () => {
    const port = await closedPort();
    const [f] = await check.run(
      recordedContext({
        host: REMOTE,
        port,
        situation: 'connect-refused',
        probe: loopbackFor(REMOTE),
      }),
    );
    expect(f?.status).toBe('problem');
    expect(f?.message).toContain('the host is reachable, but nothing listens');
    expect(f?.message).toMatch(/after [\d.]+ ms/);
  });

  it('is ok when a real listener answers', async () => {
    const server = await listen();
    const { port } = server.address() as net.AddressInfo;
    const [f] = await check.run(
      recordedContext({ host: REMOTE, port, probe: loopbackFor(REMOTE) }),
    );
    expect(f?.status).toBe('ok');
    expect(f?.message).toContain('(127.0.0.1) accepts connections now');
  });

  it('tells a timeout (filtered or down) and an unresolved name through a fake probe', async () => {
    const timedOut = await check.run(
      recordedContext({
        host: '10.255.255.1',
        port: 5432,
        situation: 'timeout',
        probe: () =>
          Promise.resolve({
            address: '10.255.255.1',
            family: 4,
            open: false,
            ms: null,
            error: 'timeout',
          }),
      }),
    );
    expect(timedOut[0]?.message).toContain(
      'did not answer within 3000 ms: a firewall drops the packets',
    );
    expect(timedOut[0]?.fix).toContain('TCP 5432');
    const unresolved = await check.run(
      recordedContext({
        host: 'db.nowhere.test',
        port: 5432,
        probe: () =>
          Promise.resolve({
            address: 'db.nowhere.test',
            family: 4,
            open: false,
            ms: null,
            error: 'ENOTFOUND',
          }),
      }),
    );
    expect(unresolved[0]?.message).toContain('db.nowhere.test is no such host');
    // The hosts check owns the name's problem; remote only says why it did not probe.
    expect(unresolved[0]?.status).toBe('skipped');
  });

  it('says nothing for this machine, and skips when the probe itself fails', async () => {
    for (const host of [
      '127.0.0.1',
      '::1',
      '[::1]',
      '0.0.0.0',
      'localhost',
      'app.localhost',
      'devbox',
      '192.168.1.7',
    ]) {
      expect(await check.run(recordedContext({ host, port: 3000 }))).toEqual([]);
    }
    expect(await check.run(recordedContext({ port: 3000 }))).toEqual([]);
    const broken = await check.run(recordedContext({ host: REMOTE, port: 3000 }));
    expect(broken.map((f) => f.status)).toEqual(['skipped']);
  });

  it('knows this machine by its real host name', async () => {
    const names = thisMachineNames();
    expect(names.length).toBeGreaterThan(0);
    expect(isLocalHost(names[0] ?? '', names)).toBe(true);
    expect(await remoteCheck.run(recordedContext({ host: names[0] ?? '', port: 3000 }))).toEqual(
      [],
    );
  });

  it('one rule for "this machine": the listening checks and the remote check agree on a host name', () => {
    const names = () => ['devbox', '192.168.1.7'];
    const ctx = recordedContext({ port: 3000 });
    for (const host of ['devbox', '192.168.1.7', 'localhost', '[::1]', '0.0.0.0', null]) {
      expect(isThisMachine(ctx, host, names), String(host)).toBe(true);
    }
    expect(isThisMachine(ctx, REMOTE, names)).toBe(false);
    expect(isLocalHost(REMOTE, names())).toBe(false);
  });
});
