// The systeminformation normalizer on recorded samples of what si returns on each platform
// (tests/fixtures/si/*.json, produced by si's own parsers from raw tool output; see record.cjs).
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { PortSocket } from '../../../../src-main/domain/model.js';
import { snapshotOrder } from '../../../../src-main/domain/socket-order.js';
import {
  normalizeSiConnections,
  normalizeSiSnapshot,
  type SiConnection,
  type SiProcess,
} from '../../../../src-main/core/collector/si-normalize.js';

interface Sample {
  platform: string;
  connections: SiConnection[];
  processes: SiProcess[];
}

function loadSample(name: string): Sample {
  return JSON.parse(
    readFileSync(new URL(`../../../fixtures/si/${name}.json`, import.meta.url), 'utf8'),
  ) as Sample;
}

function find(sockets: PortSocket[], where: Partial<PortSocket>): PortSocket {
  const matches = sockets.filter((s) =>
    Object.entries(where).every(([k, v]) => s[k as keyof PortSocket] === v),
  );
  expect(matches, `one socket matching ${JSON.stringify(where)}`).toHaveLength(1);
  return matches[0]!;
}

function expectWellFormed(sockets: PortSocket[]): void {
  for (const s of sockets) {
    expect(['tcp', 'udp']).toContain(s.protocol);
    expect(typeof s.localPort).toBe('number');
    expect(s.localAddress).not.toMatch(/[[\]%*]/);
    if (s.remoteAddress !== null) expect(s.remoteAddress).not.toMatch(/[[\]%*]/);
    expect(s.remoteAddress === null).toBe(s.remotePort === null);
    expect(s.pids).toEqual(s.pid === null ? [] : [s.pid]);
    expect(s.inode).toBeNull();
  }
  const sorted = [...sockets].sort(snapshotOrder);
  expect(sockets).toEqual(sorted);
}

describe('linux via netstat', () => {
  const sample = loadSample('linux-netstat');
  const result = normalizeSiSnapshot(sample.connections, sample.processes, sample.platform);
  const sockets = result.sockets;

  test('every row becomes a well-formed, sorted socket', () => {
    expect(sockets).toHaveLength(sample.connections.length);
    expectWellFormed(sockets);
  });

  test('a 25-character name truncated by netstat comes back whole, with its command line and user', () => {
    const listener = find(sockets, { protocol: 'tcp', localPort: 3000, state: 'LISTEN' });
    expect(sample.connections.find((c) => c.localPort === '3000')?.process).toBe('my-long-dev-s');
    expect(listener).toMatchObject({
      family: 4,
      localAddress: '127.0.0.1',
      remoteAddress: null,
      pid: 23817,
      process: 'my-long-dev-server-binary',
      command: '/home/dev/.local/bin/my-long-dev-server-binary --port 3000',
      user: 'dev',
      exposure: 'loopback',
    });
  });

  test('a name with a space and a relative argv[0] get their real names (netstat said "." and "bin")', () => {
    expect(find(sockets, { localPort: 8443 })).toMatchObject({
      family: 6,
      localAddress: '::1',
      process: 'my server',
      command: './my server --listen ::1',
      exposure: 'loopback',
    });
    expect(find(sockets, { localPort: 8080, state: 'LISTEN' })).toMatchObject({
      family: 6,
      localAddress: '::',
      process: 'api-gateway',
      command: 'bin/api-gateway --port 8080',
      exposure: 'all-interfaces',
    });
  });

  test('an IPv4 connection on a tcp6 socket is IPv4, and connections have no exposure', () => {
    expect(find(sockets, { localPort: 8080, state: 'ESTABLISHED' })).toMatchObject({
      family: 4,
      localAddress: '127.0.0.1',
      remoteAddress: '127.0.0.1',
      remotePort: 40112,
      exposure: null,
    });
  });

  test('states, unattributed sockets and the UDP netstat path loses', () => {
    expect(find(sockets, { localPort: 52144 }).state).toBe('SYN_SENT');
    expect(find(sockets, { localPort: 5432, state: 'TIME_WAIT' }).pid).toBeNull();
    expect(find(sockets, { localPort: 6379 })).toMatchObject({
      pid: null,
      process: null,
      exposure: 'all-interfaces',
    });
    // 6379 has no visible owner; TIME_WAIT never has one and is not counted.
    expect(result.unattributed).toBe(1);
    // si greps netstat by state, so unconnected UDP (every UDP listener) is gone; only the connected one is left.
    expect(sockets.filter((s) => s.protocol === 'udp')).toEqual([
      expect.objectContaining({
        localAddress: '192.168.1.23',
        state: 'ESTABLISHED',
        remoteAddress: '192.168.1.1',
        remotePort: 53,
      }),
    ]);
  });
});

describe('linux via ss', () => {
  const sample = loadSample('linux-ss');
  const result = normalizeSiSnapshot(sample.connections, sample.processes, sample.platform);
  const sockets = result.sockets;

  test('brackets, zone ids and ss wildcards are normalized', () => {
    expectWellFormed(sockets);
    expect(find(sockets, { localPort: 5432, state: 'LISTEN', family: 6 }).localAddress).toBe('::1');
    expect(find(sockets, { localPort: 53 }).localAddress).toBe('127.0.0.53');
    expect(find(sockets, { localPort: 8080, state: 'LISTEN' })).toMatchObject({
      family: 6,
      localAddress: '::',
      exposure: 'all-interfaces',
    });
    expect(find(sockets, { localPort: 8080, state: 'ESTABLISHED' })).toMatchObject({
      family: 4,
      localAddress: '127.0.0.1',
      remotePort: 40112,
    });
  });

  test("ss's SYN-SENT becomes SYN_SENT", () => {
    expect(sample.connections.some((c) => c.state === 'SYN-SENT')).toBe(true);
    expect(find(sockets, { localPort: 52144 }).state).toBe('SYN_SENT');
  });

  test('a process whose name has a space loses its PID on this path and is counted unattributed', () => {
    expect(find(sockets, { localPort: 8443 })).toMatchObject({
      pid: null,
      process: null,
      exposure: 'loopback',
    });
    expect(result.unattributed).toBe(2); // 8443 and the ownerless 6379
  });

  test('names come from the process list even where ss cut them', () => {
    expect(find(sockets, { localPort: 3000, state: 'LISTEN' })).toMatchObject({
      pid: 23817,
      process: 'my-long-dev-server-binary',
    });
    // ss lists both nginx processes; si keeps the first.
    expect(find(sockets, { localPort: 80 })).toMatchObject({
      pid: 26001,
      pids: [26001],
      process: 'nginx',
      user: 'www-data',
    });
  });
});

describe('darwin', () => {
  const sample = loadSample('darwin');
  const result = normalizeSiSnapshot(sample.connections, sample.processes, sample.platform);
  const sockets = result.sockets;

  test('`*` addresses follow the protocol family; tcp46 is a dual-stack IPv6 socket', () => {
    expectWellFormed(sockets);
    expect(find(sockets, { localPort: 3000, state: 'LISTEN' })).toMatchObject({
      family: 6,
      localAddress: '::',
      exposure: 'all-interfaces',
      process: 'my-long-dev-server-binary',
    });
    expect(
      sockets.filter((s) => s.localPort === 7000).map((s) => [s.family, s.localAddress]),
    ).toEqual([
      [4, '0.0.0.0'],
      [6, '::'],
    ]);
    expect(find(sockets, { localPort: 5432, family: 6 })).toMatchObject({
      localAddress: '::1',
      exposure: 'loopback',
      process: 'postgres',
    });
  });

  test('UDP without a peer is UNCONN and a listener', () => {
    expect(find(sockets, { protocol: 'udp', localPort: 5353, family: 4 })).toMatchObject({
      state: 'UNCONN',
      remoteAddress: null,
      exposure: 'all-interfaces',
      process: 'mDNSResponder',
      user: '_mdnsresponder',
    });
    expect(find(sockets, { protocol: 'udp', localPort: 61000 })).toMatchObject({
      localAddress: '127.0.0.1',
      exposure: 'loopback',
    });
  });

  test('full paths become names, with the command line kept', () => {
    expect(find(sockets, { localPort: 52100 })).toMatchObject({
      process: 'Google Chrome Helper',
      remoteAddress: '140.82.113.4',
      remotePort: 443,
    });
    expect(find(sockets, { localPort: 52100 }).command).toMatch(
      /Google Chrome Helper --type=utility/,
    );
    expect(find(sockets, { localPort: 52101 })).toMatchObject({
      family: 6,
      localAddress: '2001:db8::5',
      remoteAddress: '2606:4700::6810:85e5',
    });
    expect(result.unattributed).toBe(0);
  });
});

describe('win32', () => {
  const sample = loadSample('win32');
  const result = normalizeSiSnapshot(sample.connections, sample.processes, sample.platform);
  const sockets = result.sockets;

  test("si's parsed header row is dropped, not turned into a socket", () => {
    expect(sample.connections[0]?.protocol).toBe('proto');
    expect(result.dropped).toBe(1);
    expect(sockets).toHaveLength(sample.connections.length - 1);
    expectWellFormed(sockets);
  });

  test('listeners on 0.0.0.0 and [::] with image names, command lines and no user', () => {
    expect(find(sockets, { localPort: 5432, family: 4 })).toMatchObject({
      localAddress: '0.0.0.0',
      state: 'LISTEN',
      exposure: 'all-interfaces',
    });
    expect(find(sockets, { localPort: 135, family: 6 })).toMatchObject({
      localAddress: '::',
      remoteAddress: null,
      pid: 1024,
      process: 'svchost.exe',
    });
    expect(find(sockets, { localPort: 3000, state: 'LISTEN' })).toMatchObject({
      pid: 14220,
      process: 'node.exe',
      command: '"C:\\Program Files\\nodejs\\node.exe" C:\\Users\\dev\\app\\server.js --port 3000',
      user: null,
      exposure: 'loopback',
    });
    expect(find(sockets, { localPort: 5173 })).toMatchObject({
      localAddress: '::1',
      process: 'my long dev server.exe',
    });
    expect(find(sockets, { localPort: 445, family: 4 })).toMatchObject({
      pid: 4,
      process: 'System',
    });
  });

  test('TIME_WAIT has PID 0 on Windows: no owner, not unattributed', () => {
    expect(find(sockets, { localPort: 52360 })).toMatchObject({
      state: 'TIME_WAIT',
      pid: null,
      pids: [],
    });
    expect(result.unattributed).toBe(0);
  });

  test('UDP with a `*:*` peer is an unconnected listener', () => {
    expect(find(sockets, { protocol: 'udp', localPort: 1900, family: 6 })).toMatchObject({
      localAddress: '::1',
      remoteAddress: null,
      remotePort: null,
      state: 'UNCONN',
      exposure: 'loopback',
      process: 'svchost.exe',
    });
    expect(find(sockets, { localPort: 52410 }).state).toBe('SYN_SENT');
  });
});

describe('spellings si passes through unchanged', () => {
  const row = (over: Partial<SiConnection>): SiConnection => ({
    protocol: 'tcp',
    localAddress: '127.0.0.1',
    localPort: '80',
    peerAddress: '0.0.0.0',
    peerPort: '0',
    state: 'LISTEN',
    pid: 10,
    process: '',
    ...over,
  });

  test('LISTENING, ESTAB, FIN-WAIT-1, bracketed and zoned addresses, string PIDs', () => {
    const sockets = normalizeSiConnections(
      [
        row({ localAddress: '[::]', localPort: '81', peerAddress: '[::]', state: 'LISTENING' }),
        row({
          localPort: 82,
          peerAddress: '127.0.0.1',
          peerPort: '5000',
          state: 'ESTAB',
          pid: '11',
        }),
        row({ localPort: '83', peerAddress: '127.0.0.1', peerPort: 5001, state: 'FIN-WAIT-1' }),
        row({
          localAddress: 'fe80::1%en0',
          localPort: '84',
          peerAddress: '*',
          peerPort: '*',
          state: 'ÉCOUTER',
        }),
      ],
      null,
      'win32',
    );
    expect(sockets.map((s) => [s.localAddress, s.localPort, s.state, s.pid])).toEqual([
      ['::', 81, 'LISTEN', 10],
      ['127.0.0.1', 82, 'ESTABLISHED', 11],
      ['127.0.0.1', 83, 'FIN_WAIT1', 10],
      ['fe80::1', 84, 'LISTEN', 10],
    ]);
    expect(sockets[3]?.exposure).toBe('network');
  });

  test('rows that are not sockets are dropped; exact duplicates are merged', () => {
    const result = normalizeSiSnapshot(
      [
        row({}),
        row({}),
        row({ protocol: 'icmp' }),
        row({ localPort: '99999' }),
        row({ localAddress: 'Local' }),
      ],
      null,
      'linux',
    );
    expect(result.sockets).toHaveLength(1);
    expect(result.dropped).toBe(3);
  });

  test('without a process list, netstat names are used as base names and junk names are dropped', () => {
    const [a, b] = normalizeSiConnections(
      [
        row({ localPort: '1', process: '/usr/sbin/mDNSResponder' }),
        row({ localPort: '2', process: '.' }),
      ],
      null,
      'darwin',
    );
    expect(a).toMatchObject({ process: 'mDNSResponder', command: null, user: null });
    expect(b).toMatchObject({ process: null, pid: 10 });
  });
});
