// stop(engine, id) against the fake engine: each answer of POST /containers/{id}/stop in words,
// the ID checked before any request, unknown or unavailable engines, and the cache invalidated.
import { afterEach, expect, test } from 'vitest';
import {
  createContainerSource,
  type ContainerSource,
} from '../../../../src-main/core/containers/index.js';
import { startFakeEngine, type FakeEngine } from '../../../helpers/fake-engine.js';

const WEB_ID = '8c8887df8c144149b2b7ceca4ca48a007bdb57bbeaae5d746188c5ec8c6ab955';
const engines: FakeEngine[] = [];
const sources: ContainerSource[] = [];
afterEach(async () => {
  for (const s of sources.splice(0)) s.close();
  await Promise.all(engines.splice(0).map((e) => e.close()));
});

async function setUp(
  timeouts: { versionMs?: number; stopMs?: number } = {},
): Promise<{ engine: FakeEngine; source: ContainerSource }> {
  const engine = await startFakeEngine();
  engines.push(engine);
  const source = createContainerSource({
    env: {},
    home: '/nonexistent',
    candidates: [{ id: 'docker', endpoint: engine.endpoint }],
    timeouts,
  });
  sources.push(source);
  return { engine, source };
}

test('204: "container web (porthole-test:1) stopped", and the next list no longer has it', async () => {
  const { engine, source } = await setUp();
  await source.published();
  expect(await source.stop('docker', WEB_ID)).toEqual({
    ok: true,
    message: 'container web (porthole-test:1) stopped',
  });
  expect(engine.stops).toEqual([WEB_ID]);
  const after = await source.published();
  expect(after.ports.some((p) => p.container.name === 'web')).toBe(false);
});

test('a short ID works, and a container not yet in the cache is named through inspect', async () => {
  const { engine, source } = await setUp();
  await source.published();
  // Started a moment ago: the engine lists it, the cache does not know it yet.
  const newId = 'c'.repeat(64);
  engine.containers.push({ Id: newId, Names: ['/cache'], Image: 'redis:7' });
  expect(await source.stop('docker', newId.slice(0, 12))).toEqual({
    ok: true,
    message: 'container cache (redis:7) stopped',
  });
  expect(engine.count(`/containers/${newId.slice(0, 12)}/json`)).toBe(1);
  expect(engine.stops).toEqual([newId.slice(0, 12)]);
});

test("304: already stopped (ok); 404: no such container; 500: the engine's own message", async () => {
  const { engine, source } = await setUp();
  await source.published();
  engine.stopStatus.set(WEB_ID, 304);
  expect(await source.stop('docker', WEB_ID)).toEqual({
    ok: true,
    message: 'container web (porthole-test:1) was already stopped',
  });
  const unknown = 'a'.repeat(64);
  expect(await source.stop('docker', unknown)).toEqual({
    ok: false,
    message: 'no such container: aaaaaaaaaaaa (it may have been removed)',
  });
  engine.stopStatus.set(WEB_ID, 500);
  expect(await source.stop('docker', WEB_ID)).toEqual({
    ok: false,
    message: `could not stop container web (porthole-test:1): cannot stop container: ${WEB_ID}: engine says no`,
  });
});

test('stop() invalidates the cache even when the engine sent no event', async () => {
  const { engine, source } = await setUp();
  await source.published();
  const lists = engine.count('/containers/json');
  engine.stopStatus.set(WEB_ID, 304);
  await source.stop('docker', WEB_ID);
  await source.published();
  expect(engine.count('/containers/json')).toBe(lists + 1);
});

test('an ID that is not 12-64 hex digits is refused before any request', async () => {
  const { engine, source } = await setUp();
  for (const bad of ['web', '../../version', 'abc', 'g'.repeat(12), 'a'.repeat(65), '']) {
    const result = await source.stop('docker', bad);
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/is not a container ID \(12 to 64 hex digits\)$/);
  }
  expect(engine.count()).toBe(0);
});

test('an unknown engine, or one that is unavailable, is named in the refusal', async () => {
  const { engine, source } = await setUp({ versionMs: 200 });
  expect(await source.stop('nope', WEB_ID)).toEqual({
    ok: false,
    message: 'no container engine named "nope" (engines: docker)',
  });
  engine.mode = 'hang';
  const result = await source.stop('docker', WEB_ID);
  expect(result).toEqual({
    ok: false,
    message: 'the engine docker is unavailable: did not answer within 0.2 s',
  });
  expect(engine.stops).toEqual([]);
});

test('an engine that does not answer the stop in time: the refusal says so', async () => {
  const { engine, source } = await setUp({ stopMs: 200 });
  await source.published();
  engine.mode = 'hang';
  expect(await source.stop('docker', WEB_ID)).toEqual({
    ok: false,
    message:
      'could not stop container web (porthole-test:1): the engine did not answer within 0.2 s',
  });
});

test('an engine that was unavailable is asked again when the user stops a container', async () => {
  const { engine, source } = await setUp({ versionMs: 200 });
  engine.mode = 'hang';
  expect((await source.published()).engines[0]!.state).toBe('unavailable');
  engine.mode = 'ok';
  expect(await source.stop('docker', WEB_ID)).toEqual({
    ok: true,
    message: 'container web (porthole-test:1) stopped',
  });
});
