// One PortSocket builder for hand-made test data: a node listener on 127.0.0.1:3000 unless overridden.
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
