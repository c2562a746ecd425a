// createContainerSource against fake engines: the cache (steady calls make no request), event
// streams invalidating it and reconnecting, the TTL without events, rediscovery, and engines that
// are absent, hang or answer garbage — never an error, never a long wait, all asked in parallel.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  createContainerSource,
  type ContainerSource,
  type ContainerSourceOptions,
  type PublishedPorts,
} from '../../../../src-main/core/containers/index.js';
import {
  changesContainers,
  EngineEvents,
} from '../../../../src-main/core/containers/engine-events.js';
import {
  recordedEvents,
  startFakeEngine,
  type FakeEngine,
  type FakeEngineOptions,
} from '../../../helpers/fake-engine.js';

let home: string;
let now: number;
const engines: FakeEngine[] = [];
const sources: ContainerSource[] = [];

beforeEach(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'porthole-home-'));
  now = 1_000_000;
});
afterEach(async () => {
  for (const source of sources.splice(0)) source.close();
  await Promise.all(engines.splice(0).map((e) => e.close()));
  await rm(home, { recursive: true, force: true });
});

async function fake(options: FakeEngineOptions = {}): Promise<FakeEngine> {
  const engine = await startFakeEngine(options);
  engines.push(engine);
  return engine;
}

/** A source seeing only what the test gives it (no real sockets of this machine), on a fake clock. */
function source(options: ContainerSourceOptions = {}): ContainerSource {
  const created = createContainerSource({
    env: {},
    home,
    candidates: [],
    clock: () => now,
    ...options,
    timeouts: { listMs: 1000, eventsBackoffMs: 20, eventsMaxBackoffMs: 100, ...options.timeouts },
  });
  sources.push(created);
  return created;
}

/** Calls published() until `test` holds (bounded: 200 tries 10 ms apart), for changes that arrive
 *  in the background (an event, a retry). */
async function publishedUntil(
  s: ContainerSource,
  test: (r: PublishedPorts) => boolean,
): Promise<PublishedPorts> {
  for (let tries = 0; tries < 200; tries++) {
    const result = await s.published();
    if (test(result)) return result;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('published() never showed the expected change');
}

const DB_ID = 'bf332e16dd326cb4cdf8f407f205c32953aa738cf6e5fc0a3ca2467732d8ae94';

describe('published ports and engine status', () => {
  test('a Docker engine at DOCKER_HOST: available, its containers and published ports', async () => {
    const engine = await fake();
    const result = await source({ env: { DOCKER_HOST: engine.endpoint } }).published();
    expect(result.engines).toEqual([
      {
        id: 'DOCKER_HOST',
        kind: 'docker',
        endpoint: engine.endpoint,
        state: 'available',
        reason: null,
        containers: 4,
      },
    ]);
    expect(
      result.ports.map((p) => `${p.container.engine}/${p.container.name}:${p.hostPort}`),
    ).toEqual([
      'DOCKER_HOST/dns:18092',
      'DOCKER_HOST/db:18091',
      'DOCKER_HOST/db:18091',
      'DOCKER_HOST/web:18090',
    ]);
  });

  test('Docker and Podman side by side, Podman known by its /version', async () => {
    const docker = await fake();
    const podman = await fake({ flavour: 'podman', socketName: 'podman.sock' });
    const result = await source({
      candidates: [
        { id: 'docker', endpoint: docker.endpoint },
        { id: 'podman-rootless', endpoint: podman.endpoint },
      ],
    }).published();
    expect(result.engines.map((e) => [e.id, e.kind, e.state, e.containers])).toEqual([
      ['docker', 'docker', 'available', 4],
      ['podman-rootless', 'podman', 'available', 2],
    ]);
    expect(
      result.ports
        .filter((p) => p.container.engine === 'podman-rootless')
        .map((p) => p.hostAddress),
    ).toEqual([null, '127.0.0.1']);
  });

  test('an engine that hangs is unavailable ("did not answer"), the others still answer, and the call is bounded', async () => {
    const hung = await fake();
    hung.mode = 'hang';
    const good = await fake();
    const garbage = await fake();
    garbage.mode = 'garbage';
    const s = source({
      env: { DOCKER_HOST: hung.endpoint },
      candidates: [
        { id: 'docker', endpoint: good.endpoint },
        { id: 'podman', endpoint: garbage.endpoint },
      ],
      timeouts: { versionMs: 300, listMs: 300 },
    });
    const result = await s.published();
    expect(result.engines.map((e) => [e.id, e.state, e.reason])).toEqual([
      ['DOCKER_HOST', 'unavailable', 'did not answer within 0.3 s'],
      ['docker', 'available', null],
      ['podman', 'unavailable', 'answered with something that is not the Docker API (not JSON)'],
    ]);
    expect(result.ports).toHaveLength(4);
    // Known unavailable: the next calls do not wait on it again before its retry is due.
    const asked = hung.count();
    await s.published();
    await s.published();
    expect(hung.count()).toBe(asked);
  });

  test('DOCKER_HOST with TLS is unavailable in words and never asked', async () => {
    const result = await source({
      env: { DOCKER_HOST: 'tcp://127.0.0.1:1', DOCKER_TLS_VERIFY: '1' },
    }).published();
    expect(result).toEqual({
      engines: [
        {
          id: 'DOCKER_HOST',
          kind: 'docker',
          endpoint: 'tcp://127.0.0.1:1',
          state: 'unavailable',
          reason: 'TLS engines are not supported yet',
          containers: 0,
        },
      ],
      ports: [],
    });
  });

  test('an absent DOCKER_HOST engine is unavailable, then available once it starts (retried when due)', async () => {
    const socketName = 'late.sock';
    const s = source({
      env: { DOCKER_HOST: `unix://${home}/${socketName}` },
      timeouts: { retryMs: 5000 },
    });
    const first = await s.published();
    expect(first.engines[0]).toMatchObject({
      state: 'unavailable',
      reason: expect.stringMatching(/^not running: there is no socket at /) as unknown,
    });
    const engine = await fake({ dir: home, socketName });
    now += 4999;
    await s.published();
    expect(engine.count()).toBe(0);
    now += 1;
    const later = await publishedUntil(s, (r) => r.engines[0]!.state === 'available');
    expect(later.engines[0]).toMatchObject({ state: 'available', containers: 4 });
  });
});

describe('the cache', () => {
  test('a steady series of published() calls makes no request at all', async () => {
    const engine = await fake();
    const s = source({ env: { DOCKER_HOST: engine.endpoint } });
    const first = await s.published();
    expect(engine.openStreams).toBe(1);
    const asked = engine.count();
    for (let i = 0; i < 20; i++) {
      now += 60_000; // a live stream is trusted however long it lasts (rediscovery reads files only)
      // The very same answer: the collector keeps its joined sockets and does no work.
      expect(await s.published()).toBe(first);
    }
    expect(engine.count()).toBe(asked);
  });

  test('a container event on the stream makes the next call list again, once', async () => {
    const engine = await fake();
    const s = source({ env: { DOCKER_HOST: engine.endpoint } });
    await s.published();
    const lists = engine.count('/containers/json');
    engine.containers = engine.containers.filter((c) => c.Id !== DB_ID);
    const stop = recordedEvents().find((e) => e.Action === 'stop')!;
    engine.pushEvent(stop);
    const result = await publishedUntil(s, (r) => r.ports.every((p) => p.container.name !== 'db'));
    const after = engine.count('/containers/json');
    expect(after).toBeGreaterThan(lists);
    expect(await s.published()).toBe(result);
    expect(engine.count('/containers/json')).toBe(after);
    expect(result.engines[0]!.containers).toBe(3);
  });

  test('which events change the list: start/die/stop/kill/destroy/pause/unpause/rename, containers only', () => {
    const relevant = recordedEvents().filter((e) => changesContainers(JSON.stringify(e)));
    expect(relevant).toHaveLength(recordedEvents().length);
    for (const action of ['destroy', 'pause', 'unpause', 'rename']) {
      expect(changesContainers(JSON.stringify({ Type: 'container', Action: action }))).toBe(true);
    }
    expect(changesContainers(JSON.stringify({ Type: 'container', Action: 'exec_start: sh' }))).toBe(
      false,
    );
    expect(changesContainers(JSON.stringify({ Type: 'image', Action: 'delete' }))).toBe(false);
    expect(changesContainers(JSON.stringify({ status: 'die' }))).toBe(true);
    expect(changesContainers('not json')).toBe(false);
  });

  test('a stream that ends is reopened with backoff, and the list is fetched again', async () => {
    const engine = await fake();
    const s = source({ env: { DOCKER_HOST: engine.endpoint } });
    await s.published();
    const lists = engine.count('/containers/json');
    engine.endEventStreams();
    await engine.until(() => engine.count('/events') >= 2 && engine.openStreams === 1);
    await s.published();
    expect(engine.count('/containers/json')).toBe(lists + 1);
  });

  test('a stream whose headers come only with the first event: TTL until then, trusted after', async () => {
    const engine = await fake({ eventHeaders: 'first-event' });
    const s = source({
      env: { DOCKER_HOST: engine.endpoint },
      timeouts: { ttlMs: 10_000, eventsWaitMs: 50 },
    });
    expect((await s.published()).engines[0]!.state).toBe('available');
    expect(engine.openStreams).toBe(1);
    now += 10_000;
    await s.published(); // not live yet: the TTL applies
    const lists = engine.count('/containers/json');
    expect(lists).toBe(2);
    engine.containers = engine.containers.filter((c) => c.Id !== DB_ID);
    engine.pushEvent({ Type: 'container', Action: 'die', id: DB_ID });
    await publishedUntil(s, (r) => r.engines[0]!.containers === 3);
    const settled = engine.count('/containers/json');
    now += 60_000; // live now: trusted past the TTL
    await s.published();
    expect(engine.count('/containers/json')).toBe(settled);
  });

  test('an engine without events falls back to the TTL', async () => {
    const engine = await fake({ events: false });
    const s = source({
      env: { DOCKER_HOST: engine.endpoint },
      timeouts: { ttlMs: 10_000, rediscoverMs: 1e9 },
    });
    await s.published();
    const lists = engine.count('/containers/json');
    now += 9_000;
    await s.published();
    expect(engine.count('/containers/json')).toBe(lists);
    now += 1_000;
    await s.published();
    expect(engine.count('/containers/json')).toBe(lists + 1);
  });

  test('invalidate() makes the next call list again', async () => {
    const engine = await fake();
    const s = source({ env: { DOCKER_HOST: engine.endpoint } });
    await s.published();
    const lists = engine.count('/containers/json');
    s.invalidate();
    await s.published();
    await s.published();
    expect(engine.count('/containers/json')).toBe(lists + 1);
  });

  test('rediscovery (at most every rediscoverMs) finds engines appearing and disappearing', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'porthole-engine-'));
    try {
      const endpoint = `unix://${dir}/docker.sock`;
      const s = source({
        candidates: [{ id: 'docker', endpoint }],
        timeouts: { rediscoverMs: 30_000 },
      });
      expect((await s.published()).engines).toEqual([]);
      const engine = await fake({ dir });
      now += 29_000;
      expect((await s.published()).engines).toEqual([]);
      now += 1_000;
      expect((await s.published()).engines.map((e) => [e.id, e.state])).toEqual([
        ['docker', 'available'],
      ]);
      await engine.close();
      now += 30_000;
      expect((await s.published()).engines).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('close() ends the streams; published() afterwards still lists, without a stream', async () => {
    const engine = await fake();
    const s = source({ env: { DOCKER_HOST: engine.endpoint } });
    await s.published();
    s.close();
    await engine.until(() => engine.openStreams === 0);
    const streams = engine.count('/events');
    const result = await s.published();
    expect(result.engines[0]!.state).toBe('available');
    expect(engine.count('/events')).toBe(streams);
  });

  test("an open event stream does not keep Node alive (its socket is unref'd)", async () => {
    const engine = await fake();
    engine.unref();
    // Only handles that keep the event loop alive are listed (unref'd ones are not).
    const pipes = (): number =>
      process.getActiveResourcesInfo().filter((r) => r === 'PipeWrap').length;
    const before = pipes();
    const s = source({ env: { DOCKER_HOST: engine.endpoint } });
    await s.published();
    expect(engine.openStreams).toBe(1);
    // The finished list request's socket may still be closing: wait (bounded) for it to go.
    await engine.until(() => pipes() <= before);
    expect(engine.openStreams).toBe(1);
  });

  test('a caller awaiting the stream is kept alive (a one-shot CLI must not exit mid-await)', async () => {
    const engine = await fake({ eventHeaders: 'first-event' });
    const events = new EngineEvents(
      { address: { socketPath: engine.socketPath! }, kind: 'docker' },
      '/v1.41',
      { minBackoffMs: 20, maxBackoffMs: 100 },
      () => undefined,
    );
    try {
      events.start();
      await engine.until(() => engine.openStreams === 1);
      const timers = (): number =>
        process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
      const before = timers();
      const waiting = events.waitLive(5000);
      // The stream's socket is unref'd; the wait itself must hold a ref'd timer.
      expect(timers()).toBe(before + 1);
      engine.pushEvent({ Type: 'container', Action: 'start' });
      expect(await waiting).toBe(true);
    } finally {
      events.close();
    }
  });
});
