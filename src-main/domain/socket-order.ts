// The orders of sockets: the snapshot's (protocol, local port, family, address) and a total one for diffs.
import type { PortSocket } from './model.js';

/** Plain comparison, not localeCompare: this runs ~60,000 times for 5,000 sockets. Missing text sorts first. */
export function compareText(a: string | null | undefined, b: string | null | undefined): number {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Snapshot order: how the collector lists sockets and the CLI prints them. */
export function snapshotOrder(a: PortSocket, b: PortSocket): number {
  return (
    compareText(a.protocol, b.protocol) ||
    a.localPort - b.localPort ||
    a.family - b.family ||
    compareText(a.localAddress, b.localAddress) ||
    // Ties (connections to one listener) get a stable order too, so snapshots diff cleanly.
    compareText(a.remoteAddress, b.remoteAddress) ||
    (a.remotePort ?? -1) - (b.remotePort ?? -1) ||
    compareText(a.state, b.state) ||
    (a.pid ?? -1) - (b.pid ?? -1) ||
    (a.inode ?? 0) - (b.inode ?? 0)
  );
}

function compareNumber(a: number | null | undefined, b: number | null | undefined): number {
  return (a ?? -1) - (b ?? -1);
}

/**
 * Snapshot order (the collector's: protocol, local port, family, local address, ...), then the
 * remaining fields, so any two lists holding the same sockets sort to exactly the same order.
 */
export function canonicalOrder(a: PortSocket, b: PortSocket): number {
  return (
    snapshotOrder(a, b) ||
    compareNumber(a.inode, b.inode) ||
    compareText(a.process, b.process) ||
    compareText(a.command, b.command) ||
    compareText(a.user, b.user) ||
    compareText(a.exposure, b.exposure) ||
    compareText(a.pids?.join(','), b.pids?.join(','))
  );
}

/** Sorts in place (snapshot order) and returns the same array. */
export function sortSockets(sockets: PortSocket[]): PortSocket[] {
  return sockets.sort(snapshotOrder);
}
