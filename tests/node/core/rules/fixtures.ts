// Handwritten sockets and snapshots for the rule tests.
import { classifyExposure } from '../../../../src-main/domain/exposure.js';
import type { PortSocket, Snapshot, WatchSpec } from '../../../../src-main/domain/model.js';

/** A TCP listener (or UDP bound socket); family follows the address. */
export function listener(
  localAddress: string,
  localPort: number,
  pid: number | null,
  process: string | null,
  extra: Partial<PortSocket> = {},
): PortSocket {
  const protocol = extra.protocol ?? 'tcp';
  return {
    protocol,
    family: localAddress.includes(':') ? 6 : 4,
    localAddress,
    localPort,
    remoteAddress: null,
    remotePort: null,
    state: protocol === 'udp' ? 'UNCONN' : 'LISTEN',
    pid,
    process,
    command: process,
    user: pid === null ? null : 'dev',
    exposure: classifyExposure(localAddress),
    ...extra,
  };
}

/** An established TCP connection from localPort to remote. */
export function connection(
  localAddress: string,
  localPort: number,
  remoteAddress: string,
  remotePort: number,
  pid: number | null,
  process: string | null,
): PortSocket {
  return {
    ...listener(localAddress, localPort, pid, process),
    remoteAddress,
    remotePort,
    state: 'ESTABLISHED',
    exposure: null,
  };
}

export function snapshotOf(sockets: PortSocket[], takenAt = 1_000): Snapshot {
  return { takenAt, sockets, unattributed: 0, source: 'test', warnings: [] };
}

export function watch(
  id: string,
  port: number,
  expect: string | null,
  host: string | null = null,
): WatchSpec {
  return {
    id,
    target: { host, port },
    expect,
    intervalMs: 2_000,
    failuresToDown: 2,
    successesToUp: 1,
    label: null,
  };
}
