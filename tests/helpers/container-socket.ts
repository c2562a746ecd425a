// Hand-made container data: the `db` container (postgres:16, compose shop/web) and its docker-proxy socket.
import type { ContainerRef } from '../../src-main/domain/container.js';
import type { PortSocket } from '../../src-main/domain/model.js';
import { portSocket } from './port-socket.js';

export const DB_CONTAINER: ContainerRef = {
  engine: 'docker',
  id: 'b'.repeat(64),
  name: 'db',
  image: 'postgres:16',
  containerPort: 8080,
  protocol: 'tcp',
  project: 'shop',
  service: 'web',
};

/** docker-proxy (PID 5040) holding 127.0.0.1:18090 for `db`, forwarding to 172.17.0.2:8080. */
export function proxySocket(over: Partial<PortSocket> = {}): PortSocket {
  return portSocket({
    localPort: 18090,
    pid: 5040,
    process: 'docker-proxy',
    command: '/usr/sbin/docker-proxy -proto tcp -host-ip 127.0.0.1 -host-port 18090',
    user: 'root',
    container: DB_CONTAINER,
    forwardsTo: { address: '172.17.0.2', port: 8080 },
    ...over,
  });
}
