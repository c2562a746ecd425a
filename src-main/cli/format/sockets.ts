// Human rendering of sockets: ss-like columns with exposure badges, friendlier addresses.
import { formatEndpoint, isWildcard } from '../../domain/endpoint.js';
import { isListener, type PortSocket } from '../../domain/model.js';
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

/** Listeners by port first, then connections; stable for the same snapshot. */
export function sortSockets(sockets: PortSocket[]): PortSocket[] {
  const rank = (s: PortSocket): number => (isListener(s) ? 0 : 1);
  return [...sockets].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      a.localPort - b.localPort ||
      a.protocol.localeCompare(b.protocol) ||
      a.family - b.family ||
      a.localAddress.localeCompare(b.localAddress) ||
      (a.remotePort ?? 0) - (b.remotePort ?? 0) ||
      (a.pid ?? 0) - (b.pid ?? 0),
  );
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
    s.pid === null ? '?' : String(s.pid),
    s.process ?? '?',
    s.user ?? '?',
    s.command ?? '',
  ]);
  return renderTable(columns, rows, { width: options.width, header: p.bold });
}
