// Hand-built snapshots and observations for the watch tests.
import type { PortSocket, Snapshot } from '../../../../src-main/domain/model.js';
import type { Observation } from '../../../../src-main/core/watches/watch-state.js';

export function listener(
  address: string,
  port: number,
  pid: number | null,
  process = 'node',
): PortSocket {
  return {
    protocol: 'tcp',
    family: address.includes(':') ? 6 : 4,
    localAddress: address,
    localPort: port,
    remoteAddress: null,
    remotePort: null,
    state: 'LISTEN',
    pid,
    process,
    command: null,
    user: null,
    exposure: address === '127.0.0.1' || address === '::1' ? 'loopback' : 'all-interfaces',
  };
}

export function snapshotOf(sockets: PortSocket[]): Snapshot {
  return { takenAt: 0, sockets, unattributed: 0, source: 'test', warnings: [] };
}

export function opened(
  at: number,
  pid: number | null = 4121,
  process: string | null = 'node',
  latencyMs = 3,
): Observation {
  return { at, open: true, latencyMs, pid, process, error: null };
}

export function refused(at: number, error = 'ECONNREFUSED'): Observation {
  return { at, open: false, latencyMs: null, pid: null, process: null, error };
}
