// Discovery: DOCKER_HOST, the docker context store in a temp HOME, the well-known sockets per
// platform, deduplication of one socket reached twice, and the explicit-but-broken cases.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { discoverEngines, implicitCandidates } from '../../../../src-main/core/containers/index.js';
import { parseEngineAddress } from '../../../../src-main/core/containers/engine-address.js';
import { startFakeEngine, type FakeEngine } from '../../../helpers/fake-engine.js';

let home: string;
const engines: FakeEngine[] = [];

beforeEach(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'porthole-home-'));
});
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()));
  await rm(home, { recursive: true, force: true });
});

async function fake(dir?: string, socketName?: string): Promise<FakeEngine> {
  const engine = await startFakeEngine(dir ? { dir, socketName } : {});
  engines.push(engine);
  return engine;
}

/** Writes ~/.docker/config.json and the context's meta.json the way `docker context create` does. */
async function writeContext(name: string, host: string, current = true): Promise<string> {
  const docker = path.join(home, '.docker');
  const hash = createHash('sha256').update(name).digest('hex');
  const metaDir = path.join(docker, 'contexts', 'meta', hash);
  await mkdir(metaDir, { recursive: true });
  await writeFile(
    path.join(metaDir, 'meta.json'),
    JSON.stringify({
      Name: name,
      Metadata: { Description: '' },
      Endpoints: { docker: { Host: host, SkipTLSVerify: false } },
    }),
  );
  if (current)
    await writeFile(
      path.join(docker, 'config.json'),
      JSON.stringify({ auths: {}, currentContext: name }),
    );
  return metaDir;
}

describe('explicit engines', () => {
  test('DOCKER_HOST=unix://… is listed with its socket, as DOCKER_HOST', async () => {
    const engine = await fake();
    const found = await discoverEngines({
      env: { DOCKER_HOST: engine.endpoint },
      home,
      candidates: [],
    });
    expect(found).toEqual([
      {
        id: 'DOCKER_HOST',
        kindHint: 'docker',
        endpoint: engine.endpoint,
        address: { socketPath: engine.socketPath },
        problem: null,
        explicit: true,
      },
    ]);
  });

  test('DOCKER_HOST naming a missing socket is still listed (the user asked for it)', async () => {
    const found = await discoverEngines({
      env: { DOCKER_HOST: `unix://${home}/nothing.sock` },
      home,
      candidates: [],
    });
    expect(found.map((c) => [c.id, c.problem])).toEqual([['DOCKER_HOST', null]]);
  });

  test('tcp:// is plain HTTP; with DOCKER_TLS_VERIFY or DOCKER_CERT_PATH it is refused in words', async () => {
    const plain = await discoverEngines({
      env: { DOCKER_HOST: 'tcp://10.0.0.5:2375' },
      home,
      candidates: [],
    });
    expect(plain[0]).toMatchObject({ address: { host: '10.0.0.5', port: 2375 }, problem: null });
    for (const tlsEnv of [{ DOCKER_TLS_VERIFY: '1' }, { DOCKER_CERT_PATH: '/certs' }]) {
      const tls = await discoverEngines({
        env: { DOCKER_HOST: 'tcp://10.0.0.5:2376', ...tlsEnv },
        home,
        candidates: [],
      });
      expect(tls[0]).toMatchObject({
        id: 'DOCKER_HOST',
        address: null,
        problem: 'TLS engines are not supported yet',
      });
    }
  });

  test('addresses that cannot be used say why, without throwing', () => {
    expect(parseEngineAddress('ssh://me@host', { tls: false })).toEqual({
      problem: expect.stringContaining('ssh:// engines are not supported') as unknown,
    });
    expect(parseEngineAddress('/var/run/docker.sock', { tls: false })).toEqual({
      problem: expect.stringContaining('is not a unix://, tcp:// or npipe:// address') as unknown,
    });
    expect(parseEngineAddress('tcp://host:99999', { tls: false })).toEqual({
      problem: expect.stringContaining('not a valid tcp://host:port') as unknown,
    });
    expect(parseEngineAddress('tcp://[::1]:2375', { tls: false })).toEqual({
      address: { host: '::1', port: 2375 },
    });
    expect(parseEngineAddress('npipe:////./pipe/docker_engine', { tls: false })).toEqual({
      address: { socketPath: '\\\\.\\pipe\\docker_engine' },
    });
    // A pasted megabyte is cut in the message.
    const long = parseEngineAddress(`bogus://${'x'.repeat(5000)}`, { tls: false });
    expect('problem' in long && long.problem.length).toBeLessThan(120);
  });

  test('the current docker context from config.json + contexts/meta/<sha256>/meta.json', async () => {
    const engine = await fake();
    await writeContext('colima-dev', engine.endpoint);
    const found = await discoverEngines({ env: {}, home, candidates: [] });
    expect(found).toEqual([
      expect.objectContaining({
        id: 'colima-dev',
        endpoint: engine.endpoint,
        explicit: true,
        problem: null,
      }),
    ]);
  });

  test('DOCKER_CONTEXT overrides config.json; "default" means no extra engine', async () => {
    const engine = await fake();
    await writeContext('other', engine.endpoint, false);
    await writeContext('ignored', 'unix:///nowhere.sock');
    const found = await discoverEngines({ env: { DOCKER_CONTEXT: 'other' }, home, candidates: [] });
    expect(found.map((c) => c.id)).toEqual(['other']);
    expect(
      await discoverEngines({ env: { DOCKER_CONTEXT: 'default' }, home, candidates: [] }),
    ).toEqual([]);
  });

  test('a context without metadata, or with TLS files, is listed unavailable with the reason', async () => {
    const docker = path.join(home, '.docker');
    await mkdir(docker, { recursive: true });
    await writeFile(path.join(docker, 'config.json'), JSON.stringify({ currentContext: 'gone' }));
    const [gone] = await discoverEngines({ env: {}, home, candidates: [] });
    expect(gone).toMatchObject({
      id: 'gone',
      address: null,
      problem: expect.stringContaining('has no metadata') as unknown,
    });

    const metaDir = await writeContext('remote', 'tcp://10.1.2.3:2376');
    await mkdir(metaDir.replace('/meta/', '/tls/') + '/docker', { recursive: true });
    const [remote] = await discoverEngines({ env: {}, home, candidates: [] });
    expect(remote).toMatchObject({ id: 'remote', problem: 'TLS engines are not supported yet' });
  });

  test('a broken config.json names no context', async () => {
    await mkdir(path.join(home, '.docker'), { recursive: true });
    await writeFile(path.join(home, '.docker', 'config.json'), '{not json');
    expect(await discoverEngines({ env: {}, home, candidates: [] })).toEqual([]);
  });

  test('config.json and meta.json of other shapes: no context, or a context without endpoint', async () => {
    const docker = path.join(home, '.docker');
    await mkdir(docker, { recursive: true });
    for (const config of [{ currentContext: 42 }, [{ currentContext: 'x' }], null, 'x']) {
      await writeFile(path.join(docker, 'config.json'), JSON.stringify(config));
      expect(await discoverEngines({ env: {}, home, candidates: [] })).toEqual([]);
    }
    const metaDir = await writeContext('odd', 'unix:///nowhere.sock');
    for (const Endpoints of [[], { docker: null }, { docker: { Host: 7 } }, { docker: [] }]) {
      await writeFile(path.join(metaDir, 'meta.json'), JSON.stringify({ Name: 'odd', Endpoints }));
      const [found] = await discoverEngines({ env: {}, home, candidates: [] });
      expect(found?.problem).toMatch(/docker context "odd" names no docker endpoint/);
    }
    await writeFile(
      path.join(metaDir, 'meta.json'),
      JSON.stringify({ Endpoints: { docker: { Host: ' ' } } }),
    );
    const [blank] = await discoverEngines({ env: {}, home, candidates: [] });
    expect(blank?.problem).toMatch(/names no docker endpoint/);
  });
});

describe('well-known sockets', () => {
  test('Linux: default, rootless Docker, Podman and rootless Podman sockets', () => {
    const list = implicitCandidates({ XDG_RUNTIME_DIR: '/run/user/1000' }, '/home/u', 'linux');
    expect(list.map((c) => [c.id, c.endpoint])).toEqual([
      ['docker', 'unix:///var/run/docker.sock'],
      ['docker-rootless', 'unix:///run/user/1000/docker.sock'],
      ['podman', 'unix:///run/podman/podman.sock'],
      ['podman-rootless', 'unix:///run/user/1000/podman/podman.sock'],
    ]);
    expect(implicitCandidates({}, '/home/u', 'linux').map((c) => c.id)).toEqual([
      'docker',
      'podman',
    ]);
  });

  test('macOS: Docker Desktop, Colima, Rancher Desktop and Podman machine sockets in HOME', () => {
    const ends = implicitCandidates({}, '/Users/u', 'darwin').map((c) => c.endpoint);
    expect(ends).toEqual(
      expect.arrayContaining([
        'unix:///Users/u/.docker/run/docker.sock',
        'unix:///Users/u/.colima/default/docker.sock',
        'unix:///Users/u/.rd/docker.sock',
        'unix:///Users/u/.local/share/containers/podman/machine/podman.sock',
      ]),
    );
  });

  test("Windows: Docker Desktop's named pipe", () => {
    expect(implicitCandidates({}, 'C:\\Users\\u', 'win32')[0]).toEqual({
      id: 'docker',
      endpoint: 'npipe:////./pipe/docker_engine',
    });
  });

  test('missing well-known sockets are not listed; present ones are, with their kind', async () => {
    const engine = await fake(home, 'podman.sock');
    const found = await discoverEngines({
      env: {},
      home,
      candidates: [
        { id: 'docker', endpoint: `unix://${home}/absent/docker.sock` },
        { id: 'podman', endpoint: engine.endpoint, kind: 'podman' },
      ],
    });
    expect(found.map((c) => [c.id, c.kindHint, c.explicit])).toEqual([['podman', 'podman', false]]);
  });

  test('one socket reached twice (DOCKER_HOST, a symlinked dir) is listed once, most explicit first', async () => {
    const engine = await fake(home, 'docker.sock');
    await symlink(home, path.join(home, 'run-link'));
    const found = await discoverEngines({
      env: { DOCKER_HOST: `unix://${home}/run-link/docker.sock` },
      home,
      candidates: [{ id: 'docker', endpoint: engine.endpoint }],
    });
    expect(found.map((c) => c.id)).toEqual(['DOCKER_HOST']);
  });

  test('two different sockets under one name get distinct ids', async () => {
    const a = await fake(home, 'a.sock');
    const b = await fake(home, 'b.sock');
    const found = await discoverEngines({
      env: {},
      home,
      candidates: [
        { id: 'podman-machine', endpoint: a.endpoint },
        { id: 'podman-machine', endpoint: b.endpoint },
      ],
    });
    expect(found.map((c) => c.id)).toEqual(['podman-machine', 'podman-machine-2']);
  });
});
