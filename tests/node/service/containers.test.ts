// Acting on containers: stopping one through a (fake) engine, and refusing to kill a real
// docker-proxy that forwards a container's port (started standalone, no engine needed).
import { pidAlive } from '../../../src-main/core/platform/pid-alive.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createCollector, type Collector } from '../../../src-main/core/collector/index.js';
import type { ContainerSource } from '../../../src-main/core/containers/source.js';
import type { ContainerRef, ContainerStopResult } from '../../../src-main/domain/container.js';
import { cleanUp, codeOf, startService } from './service-fixture.js';

const DOCKER_PROXY = '/usr/sbin/docker-proxy';
const ID = 'a'.repeat(64);
const DB: ContainerRef = {
  engine: 'docker',
  id: ID,
  name: 'db',
  image: 'postgres:16',
  containerPort: 8080,
  protocol: 'tcp',
  project: null,
  service: null,
};

const children = new Set<ChildProcess>();

afterEach(async () => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
  }
  children.clear();
  await cleanUp();
});

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** A standalone docker-proxy on 127.0.0.1:PORT (fd 3 open: it reports ready there). */
async function dockerProxy(): Promise<{ pid: number; port: number }> {
  const port = await freePort();
  const child = spawn(
    DOCKER_PROXY,
    ['-proto', 'tcp', '-host-ip', '127.0.0.1', '-host-port', String(port)].concat([
      '-container-ip',
      '127.0.0.1',
      '-container-port',
      '9',
    ]),
    { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] },
  );
  children.add(child);
  const ready = child.stdio[3]!;
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  const [byte] = (await Promise.race([once(ready, 'data'), once(child, 'exit')])) as [unknown];
  clearTimeout(timer);
  if (!Buffer.isBuffer(byte) || !byte.toString().startsWith('0')) {
    throw new Error(`docker-proxy did not start: ${String(byte)}`);
  }
  return { pid: child.pid!, port };
}

/** The real collector, with the sockets of `pid` attributed to `container` (the attribution step's job). */
function attributing(pid: () => number | null, container: ContainerRef | null): Collector {
  const real = createCollector();
  return {
    source: real.source,
    async snapshot() {
      const snapshot = await real.snapshot();
      const target = pid();
      return {
        ...snapshot,
        sockets: snapshot.sockets.map((s) =>
          s.pid === target && container ? { ...s, container } : s,
        ),
      };
    },
  };
}

function fakeSource(result: ContainerStopResult = { ok: true, message: 'container db stopped' }) {
  const source = {
    published: vi.fn(() => Promise.resolve({ engines: [], ports: [] })),
    invalidate: vi.fn(),
    stop: vi.fn((_engine: string, _id: string) => Promise.resolve(result)),
    close: vi.fn(),
  } satisfies ContainerSource;
  return source;
}

const alive = (pid: number): boolean => pidAlive(pid) === true;

const haveProxy = existsSync(DOCKER_PROXY);

describe('porthole:containers:stop', () => {
  test('browser mode without --allow-kill: forbidden, and the engine is never asked', async () => {
    const source = fakeSource();
    const { service } = await startService({ transport: 'http', containers: source });
    const code = await codeOf(
      service.handle('porthole:containers:stop', { engine: 'docker', id: ID }),
    );
    expect(code).toBe('forbidden');
    expect(source.stop).not.toHaveBeenCalled();
  });

  test('without a container source: unavailable', async () => {
    const { service } = await startService({ allowKill: true, start: false });
    const code = await codeOf(
      service.handle('porthole:containers:stop', { engine: 'docker', id: ID }),
    );
    expect(code).toBe('unavailable');
  });

  test('a container behind no port of the snapshot is refused', async () => {
    const source = fakeSource();
    const { service } = await startService({ allowKill: true, start: false, containers: source });
    await service.monitor.refresh();
    const code = await codeOf(
      service.handle('porthole:containers:stop', { engine: 'docker', id: ID }),
    );
    expect(code).toBe('forbidden');
    expect(source.stop).not.toHaveBeenCalled();
  });

  test.skipIf(!haveProxy)(
    'a container behind a real port is stopped through its engine, by its full ID',
    async () => {
      const proxy = await dockerProxy();
      const source = fakeSource();
      const { service } = await startService({
        allowKill: true,
        start: false,
        containers: source,
        collector: attributing(() => proxy.pid, DB),
      });
      await service.monitor.refresh();
      // Another engine's container of the same ID is not this one.
      const other = service.handle('porthole:containers:stop', { engine: 'podman', id: ID });
      expect(await codeOf(other)).toBe('forbidden');
      const result = await service.handle('porthole:containers:stop', {
        engine: 'docker',
        id: ID.slice(0, 12),
      });
      expect(result).toEqual({ ok: true, message: 'container db stopped' });
      expect(source.stop).toHaveBeenCalledExactlyOnceWith('docker', ID);
      expect(source.invalidate).toHaveBeenCalled();
    },
  );
});

describe.skipIf(!haveProxy)('killing a container engine forwarder', () => {
  test('inspect says not killable and names the container; kill refuses and it keeps running', async () => {
    const proxy = await dockerProxy();
    const { service } = await startService({
      allowKill: true,
      start: false,
      collector: attributing(() => proxy.pid, DB),
    });
    await service.monitor.refresh();
    const held = service.state().snapshot!.sockets.find((s) => s.pid === proxy.pid);
    expect(held?.localPort).toBe(proxy.port);
    const identity = await service.handle('porthole:process:inspect', { pid: proxy.pid });
    expect(identity).toMatchObject({ pid: proxy.pid, process: 'docker-proxy', killable: false });
    expect(identity.reason).toBe(
      `docker-proxy (PID ${proxy.pid}) forwards port ${proxy.port} for container db (postgres); stopping it would leave the container running — stop the container instead`,
    );
    const result = await service.handle('porthole:process:kill', {
      pid: proxy.pid,
      startToken: identity.startToken,
      force: true,
    });
    expect(result.ok).toBe(false);
    expect(result.signal).toBeNull();
    expect(result.message).toContain('stop the container instead');
    expect(alive(proxy.pid)).toBe(true);
  });

  test('a docker-proxy with no known container is refused too', async () => {
    const proxy = await dockerProxy();
    const { service } = await startService({ allowKill: true, start: false });
    await service.monitor.refresh();
    const identity = await service.handle('porthole:process:inspect', { pid: proxy.pid });
    expect(identity.killable).toBe(false);
    expect(identity.reason).toMatch(
      /^docker-proxy \(PID \d+\) forwards ports for a container engine/,
    );
    const result = await service.handle('porthole:process:kill', {
      pid: proxy.pid,
      startToken: identity.startToken,
      force: false,
    });
    expect(result).toMatchObject({ ok: false, signal: null });
    expect(alive(proxy.pid)).toBe(true);
  });
});
