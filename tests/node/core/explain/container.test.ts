// container: the container that publishes the port, or skipped without an engine.
import { describe, expect, test } from 'vitest';
import { containerCheck } from '../../../../src-main/core/explain/checks/container.js';
import type { EngineStatus } from '../../../../src-main/domain/container.js';
import { containerRef, portSocket } from '../../../helpers/port-socket.js';
import { fakeContext } from './fake-context.js';

const docker: EngineStatus = {
  id: 'docker',
  kind: 'docker',
  endpoint: 'unix:///var/run/docker.sock',
  state: 'available',
  reason: null,
  containers: 1,
};
const published = portSocket({
  localPort: 5432,
  process: 'docker-proxy',
  pid: 5040,
  container: containerRef({ id: 'abc' }),
});

describe('container check', () => {
  test('no engine: skipped, saying so', async () => {
    const [f] = await containerCheck.run(fakeContext('5432', [published], { engines: [] }));
    expect(f).toMatchObject({ status: 'skipped', message: 'no container engine found' });
  });

  test('address in use by a published port: the container, image, internal port and stop command', async () => {
    const ctx = fakeContext('listen tcp :5432: bind: address already in use', [published], {
      engines: [docker],
    });
    const [f] = await containerCheck.run(ctx);
    expect(f?.status).toBe('problem');
    expect(f?.message).toContain('container db (postgres:16) publishes 127.0.0.1:5432 → 5432/tcp');
    expect(f?.fix).toContain('docker stop db');
    expect(f?.pids).toEqual([5040]);
  });

  test('an engine that answered, no container on the port: ok', async () => {
    const [f] = await containerCheck.run(
      fakeContext('3000', [portSocket()], { engines: [docker] }),
    );
    expect(f?.status).toBe('ok');
  });
});
