// Sockets as columns (browser mode's state answer): a lossless round trip, and refusal of other layouts.
import { describe, expect, test } from 'vitest';
import {
  packSockets,
  SOCKET_FIELDS,
  unpackSockets,
} from '../../../src-main/shared/socket-columns.js';
import type { PortSocket } from '../../../src-main/domain/index.js';
import { dbForwarder, webPublished } from '../container-fakes.js';
import { listener } from '../fakes.js';

const connection: PortSocket = {
  protocol: 'tcp',
  family: 6,
  localAddress: '::1',
  localPort: 51000,
  remoteAddress: '::1',
  remotePort: 5432,
  state: 'ESTABLISHED',
  pid: null,
  process: null,
  command: null,
  user: null,
  exposure: null,
};

describe('socket columns', () => {
  test('every field survives the trip through JSON, absent optional fields included', () => {
    const sockets = [
      listener({ localPort: 3000, pid: 10, pids: [10, 11], inode: 77 }),
      connection,
      listener({ localPort: 2024, pid: null, process: null, unattributedCause: 'refused' }),
    ];
    const back = unpackSockets(JSON.parse(JSON.stringify(packSockets(sockets))));
    expect(back).toEqual(sockets);
    expect(back![1]!.pids).toBeUndefined();
    // An unknown inode (null) reads the same as an absent one.
    expect(unpackSockets(packSockets([{ ...connection, inode: null }]))![0]!.inode).toBeUndefined();
    // Each field once, not once per socket.
    expect(JSON.stringify(packSockets(sockets)).match(/localAddress/g)).toHaveLength(1);
  });

  test('a container’s facts survive the trip: the badge, forwardsTo and a DNAT-only port in browser mode', () => {
    const sockets = [dbForwarder(), webPublished()];
    const back = unpackSockets(JSON.parse(JSON.stringify(packSockets(sockets))));
    expect(back![0]).toEqual(sockets[0]);
    expect(back![0]!.container?.name).toBe('db');
    expect(back![0]!.forwardsTo).toEqual({ address: '172.17.0.2', port: 5432 });
    expect(back![1]!.published).toBe('engine');
    expect(back![1]!.container?.name).toBe('web');
  });

  test('a cause this build does not know, or not a cause at all, comes back absent', () => {
    const packed = packSockets([listener({ localPort: 2024, pid: null, process: null })]);
    const at = SOCKET_FIELDS.indexOf('unattributedCause');
    for (const hostile of ['rootkit', 42, { toString: null }, ['kernel'], '__proto__']) {
      const row = [...packed.rows[0]!];
      row[at] = hostile;
      const [back] = unpackSockets(JSON.parse(JSON.stringify({ ...packed, rows: [row] })))!;
      expect(back!.unattributedCause, JSON.stringify(hostile)).toBeUndefined();
    }
  });

  test('columns in another order or shape are refused, not misread', () => {
    const packed = packSockets([connection]);
    expect(unpackSockets({ ...packed, fields: [...SOCKET_FIELDS].reverse() })).toBeNull();
    expect(unpackSockets({ ...packed, fields: SOCKET_FIELDS.slice(1) })).toBeNull();
    expect(unpackSockets({ fields: SOCKET_FIELDS, rows: [[1, 2]] })).toBeNull();
    expect(unpackSockets({ fields: SOCKET_FIELDS, rows: 'x' })).toBeNull();
    expect(unpackSockets(null)).toBeNull();
    expect(unpackSockets({ fields: SOCKET_FIELDS, rows: [] })).toEqual([]);
  });
});
