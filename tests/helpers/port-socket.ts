// One PortSocket builder for hand-made test data: a node listener on 127.0.0.1:3000 unless overridden.
import type { ContainerRef } from '../../src-main/domain/container.js';
import type { PortSocket } from '../../src-main/domain/model.js';

export function portSocket(over: Partial<PortSocket> = {}): PortSocket {
  return {
    protocol: 'tcp',
    family: 4,
    localAddress: '127.0.0.1',
    localPort: 3000,
    remoteAddress: null,
    remotePort: null,
    state: 'LISTEN',
    pid: 4121,
    process: 'node',
    command: 'node server.js --port 3000',
    user: 'dev',
    exposure: 'loopback',
    ...over,
  };
}

/** One ContainerRef builder: `postgres:16` as container `db` on Docker, port 5432, unless overridden. */
export function containerRef(over: Partial<ContainerRef> = {}): ContainerRef {
  return {
    engine: 'docker',
    id: 'd'.repeat(64),
    name: 'db',
    image: 'postgres:16',
    containerPort: 5432,
    protocol: 'tcp',
    project: null,
    service: null,
    ...over,
  };
}
