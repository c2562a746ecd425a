// Human rendering of sockets: ss-like columns with exposure badges, friendlier addresses.
import { containerLabel } from '../../domain/container.js';
import { formatEndpoint, isWildcard } from '../../domain/endpoint.js';
import { containerPublishText, forwardText } from '../../domain/socket-owner.js';
import type { PortSocket } from '../../domain/model.js';
import type { Palette } from './color.js';
import { renderTable, type Cell, type Column } from './table.js';

/** `tcp`, `tcp6`, `udp`, `udp6`, as netstat names them. */
export function protoLabel(s: Pick<PortSocket, 'protocol' | 'family'>): string {
  return s.family === 6 ? `${s.protocol}6` : s.protocol;
}

/** `127.0.0.1:3000`, `[::1]:3000`, `*:5353` for either wildcard (the PROTO column tells the family). */
export function addressLabel(address: string, port: number | null): string {
  return isWildcard(address) ? `*:${port ?? '*'}` : formatEndpoint(address, port);
}

export function exposureBadge(s: PortSocket, p: Palette): Cell {
  switch (s.exposure) {
    case 'loopback':
      return { text: 'loopback', paint: p.green };
    case 'all-interfaces':
      return { text: 'EXPOSED all', paint: p.red };
    case 'network':
      return { text: 'EXPOSED net', paint: p.yellow };
    default:
      return '-';
  }
}

export interface SocketTableOptions {
  /** Adds PEER and STATE columns (for `list --all`). */
  connections: boolean;
  width: number | null;
  palette: Palette;
}

export function renderSocketTable(sockets: PortSocket[], options: SocketTableOptions): string {
  const p = options.palette;
  const columns: Column[] = [
    { header: 'PROTO' },
    { header: 'ADDRESS' },
    ...(options.connections ? [{ header: 'PEER' }, { header: 'STATE' }] : []),
    { header: 'EXPOSURE' },
    { header: 'PID', align: 'right' },
    { header: 'PROCESS' },
    { header: 'USER' },
    { header: 'COMMAND', shrink: true },
  ];
  const rows = sockets.map((s): Cell[] => [
    protoLabel(s),
    addressLabel(s.localAddress, s.localPort),
    ...(options.connections
      ? [s.remoteAddress === null ? '-' : addressLabel(s.remoteAddress, s.remotePort), s.state]
      : []),
    exposureBadge(s, p),
    s.pid === null ? (s.published === 'engine' ? '-' : '?') : String(s.pid),
    s.container ? containerLabel(s.container) : (s.process ?? '?'),
    s.user ?? (s.published === 'engine' ? '-' : '?'),
    commandCell(s),
  ]);
  return renderTable(columns, rows, { width: options.width, header: p.bold });
}

/**
 * A container's port names its image, the port inside and the forwarder, secondary (`postgres:16 →
 * 8080/tcp, via docker-proxy`); a forwarder with a known target leads with it (`→ 172.17.0.2:8080`).
 */
function commandCell(s: PortSocket): string {
  const c = s.container;
  if (c) {
    const inside = `${c.image} → ${c.containerPort}/${c.protocol}`;
    if (s.published === 'engine') return `${inside}, by the engine's NAT rules (no process)`;
    return s.process ? `${inside}, via ${s.process}` : inside;
  }
  const command = s.command ?? '';
  if (!s.forwardsTo) return command;
  const target = `→ ${formatEndpoint(s.forwardsTo.address, s.forwardsTo.port)}`;
  return command ? `${target}  ${command}` : target;
}

/** `who`'s lines under the table: one per container behind the port, or per forwarder whose target is known. */
export function containerLines(holders: readonly PortSocket[]): string[] {
  const lines = holders.map((s) => containerPublishText(s) ?? forwardText(s));
  return [...new Set(lines.filter((l): l is string => l !== null))];
}
