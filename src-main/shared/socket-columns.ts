// Sockets as columns for browser mode's state answer: each field name once instead of once per
// socket (10,000 sockets: 2.8 MB → 1.3 MB), which the window also parses in about half the time.
import type { PortSocket } from '../domain/model.js';
import { isUnattributedCause } from '../domain/unattributed.js';

/**
 * Every PortSocket field, in column order. The optional `inode`, `pids`, `parent`, `container`,
 * `forwardsTo`, `published` and `unattributedCause` travel as null when absent and come back absent (undefined), as in
 * a snapshot sent as plain JSON; an inode of null means the same (unknown). Every record gets every field, so all share one shape.
 */
export const SOCKET_FIELDS = [
  'protocol',
  'family',
  'localAddress',
  'localPort',
  'remoteAddress',
  'remotePort',
  'state',
  'pid',
  'process',
  'command',
  'user',
  'exposure',
  'inode',
  'pids',
  'parent',
  'container',
  'forwardsTo',
  'published',
  'unattributedCause',
] as const satisfies readonly (keyof PortSocket)[];

/** Checked by the compiler: a PortSocket field added without a column here fails to build. */
type MissingColumns = Exclude<keyof PortSocket, (typeof SOCKET_FIELDS)[number]>;
export const EVERY_FIELD_HAS_A_COLUMN: [MissingColumns] extends [never] ? true : MissingColumns =
  true;

export interface SocketColumns {
  fields: readonly string[];
  rows: unknown[][];
}

export function packSockets(sockets: readonly PortSocket[]): SocketColumns {
  return {
    fields: SOCKET_FIELDS,
    rows: sockets.map((s) => [
      s.protocol,
      s.family,
      s.localAddress,
      s.localPort,
      s.remoteAddress,
      s.remotePort,
      s.state,
      s.pid,
      s.process,
      s.command,
      s.user,
      s.exposure,
      s.inode ?? null,
      s.pids ?? null,
      s.parent ?? null,
      s.container ?? null,
      s.forwardsTo ?? null,
      s.published ?? null,
      s.unattributedCause ?? null,
    ]),
  };
}

/** The sockets back, or null when `packed` is not columns in this field order (another version). */
export function unpackSockets(packed: unknown): PortSocket[] | null {
  if (typeof packed !== 'object' || packed === null) return null;
  const { fields, rows } = packed as { fields?: unknown; rows?: unknown };
  if (
    !Array.isArray(fields) ||
    fields.length !== SOCKET_FIELDS.length ||
    !SOCKET_FIELDS.every((name, i) => fields[i] === name) ||
    !Array.isArray(rows)
  ) {
    return null;
  }
  const sockets: PortSocket[] = [];
  for (const row of rows as unknown[]) {
    if (!Array.isArray(row) || row.length !== SOCKET_FIELDS.length) return null;
    const r = row as PortSocketRow;
    // One literal with every field: all records share one shape, which keeps later code fast.
    const s: PortSocket = {
      protocol: r[0],
      family: r[1],
      localAddress: r[2],
      localPort: r[3],
      remoteAddress: r[4],
      remotePort: r[5],
      state: r[6],
      pid: r[7],
      process: r[8],
      command: r[9],
      user: r[10],
      exposure: r[11],
      inode: r[12] ?? undefined,
      pids: r[13] ?? undefined,
      parent: r[14] ?? undefined,
      container: r[15] ?? undefined,
      forwardsTo: r[16] ?? undefined,
      published: r[17] ?? undefined,
      // Checked: the window turns a cause into words, and an unknown one reads as unknown.
      unattributedCause: isUnattributedCause(r[18]) ? r[18] : undefined,
    };
    sockets.push(s);
  }
  return sockets;
}

type PortSocketRow = [
  PortSocket['protocol'],
  PortSocket['family'],
  string,
  number,
  string | null,
  number | null,
  PortSocket['state'],
  number | null,
  string | null,
  string | null,
  string | null,
  PortSocket['exposure'],
  number | null,
  number[] | null,
  number | null,
  PortSocket['container'],
  PortSocket['forwardsTo'],
  PortSocket['published'] | null,
  PortSocket['unattributedCause'] | null,
];
