// Container test data for the window: a compose postgres behind docker-proxy, a web container published by DNAT, engines.
import type { ContainerRef, EngineStatus } from '../../src-main/domain/container.js';
import type { PortSocket, Snapshot } from '../../src-main/domain/index.js';
import { listener } from './fakes.js';

export const DB: ContainerRef = {
  engine: 'docker',
  id: '3f2a9c1d4b5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8',
  name: 'db',
  image: 'postgres:16',
  containerPort: 5432,
  protocol: 'tcp',
  project: 'shop',
  service: 'db',
};

export const WEB: ContainerRef = {
  engine: 'podman',
  id: 'aa11bb22cc33dd44ee55ff6600112233445566778899aabbccddeeff00112233',
  name: 'web',
  image: 'docker.io/library/nginx:1.25',
  containerPort: 80,
  protocol: 'tcp',
  project: null,
  service: null,
};

export const DOCKER: EngineStatus = {
  id: 'docker',
  kind: 'docker',
  endpoint: 'unix:///var/run/docker.sock',
  state: 'available',
  reason: null,
  containers: 1,
};

export const PODMAN_DOWN: EngineStatus = {
  id: 'podman',
  kind: 'podman',
  endpoint: 'unix:///run/user/1000/podman/podman.sock',
  state: 'unavailable',
  reason:
    'connection refused on /run/user/1000/podman/podman.sock: start it with `systemctl --user start podman.socket`',
  containers: 0,
};

/** docker-proxy holding 127.0.0.1:15432 for container db. */
export function dbForwarder(over: Partial<PortSocket> = {}): PortSocket {
  return listener({
    localPort: 15432,
    pid: 812,
    process: 'docker-proxy',
    command:
      '/usr/sbin/docker-proxy -proto tcp -host-ip 127.0.0.1 -host-port 15432 -container-ip 172.17.0.2 -container-port 5432',
    user: 'root',
    inode: 9001,
    container: DB,
    forwardsTo: { address: '172.17.0.2', port: 5432 },
    ...over,
  });
}

/** Port 18080 on every interface, published by the engine's NAT: no process. */
export function webPublished(over: Partial<PortSocket> = {}): PortSocket {
  return listener({
    localAddress: '0.0.0.0',
    localPort: 18080,
    pid: null,
    process: null,
    command: null,
    user: null,
    exposure: 'all-interfaces',
    inode: null,
    container: WEB,
    published: 'engine',
    ...over,
  });
}

/** A snapshot of these sockets whose engines are `engines` (docker, available, by default). */
export function containerSnapshot(
  sockets: PortSocket[],
  takenAt: number,
  engines: EngineStatus[] = [DOCKER],
): Snapshot {
  return { takenAt, sockets, unattributed: 0, source: 'proc', warnings: [], engines };
}
