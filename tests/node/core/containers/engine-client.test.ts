// The Engine API client against the fake engine: recorded Docker and Podman answers normalized to
// PublishedPort records, and every failure (absent, refused, hang, garbage, too big, denied) in words.
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import {
  engineIdentity,
  listContainers,
  MAX_SMALL_BYTES,
} from '../../../../src-main/core/containers/engine-client.js';
import {
  connectError,
  EngineError,
  requestEngine,
  type EngineTarget,
} from '../../../../src-main/core/containers/engine-http.js';
import { startFakeEngine, type FakeEngine } from '../../../helpers/fake-engine.js';

const engines: FakeEngine[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function fake(
  options: Parameters<typeof startFakeEngine>[0] = {},
): Promise<{ engine: FakeEngine; target: EngineTarget }> {
  const engine = await startFakeEngine(options);
  engines.push(engine);
  const address = engine.socketPath
    ? { socketPath: engine.socketPath }
    : { host: '127.0.0.1', port: Number(engine.endpoint.split(':').pop()) };
  return { engine, target: { address, kind: 'docker' } };
}

async function failure(promise: Promise<unknown>): Promise<EngineError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EngineError);
  return error as EngineError;
}

describe('recorded answers', () => {
  test('Docker 20.10: kind, API prefix, published ports with address, compose labels, container address', async () => {
    const { engine, target } = await fake();
    expect(await engineIdentity(target, 1000)).toEqual({ kind: 'docker', prefix: '/v1.41' });
    const list = await listContainers(target, 'docker', '/v1.41', 1000);
    expect(engine.requests.map((r) => r.url)).toEqual(['/version', '/v1.41/containers/json']);
    // Four running containers; `exposeonly` publishes nothing (no PublicPort).
    expect(list.containers).toBe(4);
    expect(
      list.ports.map(
        (p) =>
          `${p.container.name} ${p.protocol} ${p.hostAddress}:${p.hostPort}->${p.container.containerPort}`,
      ),
    ).toEqual([
      'dns udp 127.0.0.1:18092->53',
      'db tcp 0.0.0.0:18091->8080',
      'db tcp :::18091->8080',
      'web tcp 127.0.0.1:18090->8080',
    ]);
    const web = list.ports.find((p) => p.container.name === 'web');
    expect(web).toEqual({
      protocol: 'tcp',
      hostAddress: '127.0.0.1',
      hostPort: 18090,
      containerAddress: expect.stringMatching(/^172\.17\.0\.\d+$/) as unknown,
      container: {
        engine: 'docker',
        id: '8c8887df8c144149b2b7ceca4ca48a007bdb57bbeaae5d746188c5ec8c6ab955',
        name: 'web',
        image: 'porthole-test:1',
        containerPort: 8080,
        protocol: 'tcp',
        project: 'shop',
        service: 'web',
      },
    });
    expect(list.names.get(web!.container.id)).toEqual({ name: 'web', image: 'porthole-test:1' });
  });

  test('Podman 4.3: "Podman Engine" makes it podman; a port without IP has hostAddress null', async () => {
    const { target } = await fake({ flavour: 'podman' });
    const identity = await engineIdentity(target, 1000);
    expect(identity.kind).toBe('podman');
    const list = await listContainers(target, 'podman', identity.prefix, 1000);
    expect(
      list.ports.map((p) => [
        p.container.name,
        p.hostAddress,
        p.hostPort,
        p.container.project,
        p.container.service,
      ]),
    ).toEqual([
      ['pall', null, 18094, null, null],
      ['pweb', '127.0.0.1', 18093, 'shop', 'api'],
    ]);
    expect(list.ports[0]!.containerAddress).toBe('10.88.0.3');
  });

  test('plain tcp:// engines are reached too', async () => {
    const { target } = await fake({ listen: 'tcp' });
    expect((await engineIdentity(target, 1000)).kind).toBe('docker');
  });

  test('one malformed container is skipped, the others still count', async () => {
    const { engine, target } = await fake();
    engine.containers = [{ Id: 'not-hex' }, ...engine.containers];
    const list = await listContainers(target, 'docker', '/v1.41', 1000);
    expect(list.containers).toBe(4);
  });
});

describe('failures in words', () => {
  test('nothing at the socket path: not running', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'porthole-engine-'));
    dirs.push(dir);
    const target: EngineTarget = {
      address: { socketPath: path.join(dir, 'docker.sock') },
      kind: 'docker',
    };
    const error = await failure(engineIdentity(target, 1000));
    expect(error.engineCause).toBe('not-running');
    expect(error.message).toMatch(
      /^not running: there is no socket at .*docker\.sock; start Docker/,
    );
  });

  test('a socket file nobody listens on: not running (refused)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'porthole-engine-'));
    dirs.push(dir);
    const { engine, target } = await fake({ dir });
    await engine.close();
    await writeFile(engine.socketPath!, '');
    const error = await failure(engineIdentity(target, 1000));
    expect(error.engineCause).toBe('not-running');
    expect(error.message).toContain(`${engine.socketPath} refused the connection`);
  });

  test('an engine that hangs: "did not answer within 0.2 s", and the call returns', async () => {
    const { engine, target } = await fake();
    engine.mode = 'hang';
    const error = await failure(engineIdentity(target, 200));
    expect(error.message).toBe('did not answer within 0.2 s');
    expect(error.engineCause).toBe('timeout');
  });

  test('garbage and wrong shapes: "answered with something that is not the Docker API"', async () => {
    const { engine, target } = await fake();
    engine.mode = 'garbage';
    expect((await failure(engineIdentity(target, 1000))).message).toBe(
      'answered with something that is not the Docker API (not JSON)',
    );
    engine.mode = 'wrong-shape';
    expect((await failure(engineIdentity(target, 1000))).message).toBe(
      'answered with something that is not the Docker API (unexpected shape)',
    );
    expect((await failure(listContainers(target, 'docker', '/v1.41', 1000))).engineCause).toBe(
      'not-api',
    );
  });

  test('an answer over the size cap is cut off and refused', async () => {
    const { engine, target } = await fake();
    const big = engine.containers[0]!;
    engine.containers = Array.from({ length: 2000 }, () => big);
    const error = await failure(
      requestEngine(target, {
        method: 'GET',
        path: '/containers/json',
        timeoutMs: 1000,
        maxBytes: MAX_SMALL_BYTES,
      }),
    );
    expect(error.message).toMatch(/more than 1024 KiB/);
  });

  test('EACCES and EPERM: permission denied on the path, with the docker-group fix (Podman: sudo or rootless)', () => {
    const denied = Object.assign(new Error('connect EACCES'), { code: 'EACCES' });
    const docker = connectError(denied, {
      address: { socketPath: '/var/run/docker.sock' },
      kind: 'docker',
    });
    expect(docker.message).toBe(
      'permission denied on /var/run/docker.sock: add yourself to the docker group (`sudo usermod -aG docker $USER`, then log in again) or run with sudo',
    );
    const podman = connectError(denied, {
      address: { socketPath: '/run/podman/podman.sock' },
      kind: 'podman',
    });
    expect(podman.message).toMatch(
      /^permission denied on \/run\/podman\/podman\.sock: run with sudo, or use rootless Podman/,
    );
  });

  test.skipIf(process.getuid?.() === 0)(
    'a real socket with mode 000: permission denied (skipped as root, who ignores file modes; CI runs it unprivileged)',
    async () => {
      const { engine, target } = await fake();
      await chmod(engine.socketPath!, 0o000);
      const error = await failure(engineIdentity(target, 1000));
      expect(error.engineCause).toBe('permission');
      expect(error.message).toContain(`permission denied on ${engine.socketPath}`);
    },
  );
});
