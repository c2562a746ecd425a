// Unit tests of the /proc/net table parser on handwritten kernel lines.
import { describe, expect, test } from 'vitest';
import { CollectorError } from '../../../../src-main/core/errors.js';
import {
  decodeProcAddress,
  parseProcNetLine,
  parseProcNetTable,
} from '../../../../src-main/core/collector/proc-net-table.js';

const TCP_HEADER =
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode                                                     ';
const TCP6_HEADER =
  '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';
const UDP_HEADER =
  '   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops            ';

describe('decodeProcAddress', () => {
  test('IPv4 words are little-endian', () => {
    expect(decodeProcAddress('0100007F')).toEqual({ address: '127.0.0.1', family: 4 });
    expect(decodeProcAddress('00000000')).toEqual({ address: '0.0.0.0', family: 4 });
    expect(decodeProcAddress('1701A8C0')).toEqual({ address: '192.168.1.23', family: 4 });
  });

  test('IPv6 is four little-endian words', () => {
    expect(decodeProcAddress('00000000000000000000000001000000')).toEqual({
      address: '::1',
      family: 6,
    });
    expect(decodeProcAddress('00000000000000000000000000000000')).toEqual({
      address: '::',
      family: 6,
    });
    // 2001:db8::5
    expect(decodeProcAddress('B80D0120000000000000000005000000')).toEqual({
      address: '2001:db8::5',
      family: 6,
    });
  });

  test('IPv4-mapped IPv6 is unwrapped to IPv4', () => {
    expect(decodeProcAddress('0000000000000000FFFF00000100007F')).toEqual({
      address: '127.0.0.1',
      family: 4,
    });
  });

  test('garbage is null', () => {
    expect(decodeProcAddress('XYZ')).toBeNull();
    expect(decodeProcAddress('0100007G')).toBeNull();
  });
});

describe('parseProcNetLine', () => {
  test('IPv4 TCP listener', () => {
    const line =
      '   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 55123 1 000000009509d1e7 100 0 0 10 0';
    expect(parseProcNetLine(line, 'tcp', 4)).toEqual({
      protocol: 'tcp',
      family: 4,
      localAddress: '127.0.0.1',
      localPort: 8080,
      remoteAddress: null,
      remotePort: null,
      state: 'LISTEN',
      uid: 1000,
      inode: 55123,
    });
  });

  test('wildcard listener on every interface', () => {
    const line =
      '   1: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 179 1 000000009509d1e7 100 0 0 10 0';
    expect(parseProcNetLine(line, 'tcp', 4)).toMatchObject({
      localAddress: '0.0.0.0',
      localPort: 22,
      state: 'LISTEN',
      uid: 0,
      inode: 179,
    });
  });

  test('IPv4 established connection keeps its peer', () => {
    const line =
      '   3: 0100007F:C864 0100007F:0BB8 01 00000000:00000000 00:00000000 00000000  1000        0 66001 1 0000000000000000 20 4 30 10 -1';
    expect(parseProcNetLine(line, 'tcp', 4)).toMatchObject({
      localAddress: '127.0.0.1',
      localPort: 51300,
      remoteAddress: '127.0.0.1',
      remotePort: 3000,
      state: 'ESTABLISHED',
    });
  });

  test('IPv6 loopback listener and dual-stack wildcard', () => {
    const lo =
      '   0: 00000000000000000000000001000000:94C5 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 55695 1 000000009b388588 100 0 0 10 0';
    const any =
      '   1: 00000000000000000000000000000000:A135 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 54205 1 00000000a4d40b1e 100 0 0 10 0';
    expect(parseProcNetLine(lo, 'tcp', 6)).toMatchObject({
      family: 6,
      localAddress: '::1',
      localPort: 38085,
      remoteAddress: null,
      state: 'LISTEN',
    });
    expect(parseProcNetLine(any, 'tcp', 6)).toMatchObject({
      family: 6,
      localAddress: '::',
      localPort: 41269,
      state: 'LISTEN',
      inode: 54205,
    });
  });

  test('IPv4-mapped connection on a tcp6 socket is reported as IPv4', () => {
    const line =
      '   5: 0000000000000000FFFF00000100007F:A135 0000000000000000FFFF00000100007F:B78E 01 00000000:00000000 00:00000000 00000000     0        0 54208 1 0000000007356f9b 20 0 0 10 -1';
    expect(parseProcNetLine(line, 'tcp', 6)).toMatchObject({
      family: 4,
      localAddress: '127.0.0.1',
      localPort: 41269,
      remoteAddress: '127.0.0.1',
      remotePort: 46990,
      state: 'ESTABLISHED',
    });
  });

  test('TCP states by their kernel numbers, TIME_WAIT with inode 0', () => {
    const states: [string, string][] = [
      ['01', 'ESTABLISHED'],
      ['02', 'SYN_SENT'],
      ['03', 'SYN_RECV'],
      ['04', 'FIN_WAIT1'],
      ['05', 'FIN_WAIT2'],
      ['06', 'TIME_WAIT'],
      ['07', 'CLOSE'],
      ['08', 'CLOSE_WAIT'],
      ['09', 'LAST_ACK'],
      ['0A', 'LISTEN'],
      ['0B', 'CLOSING'],
      ['0C', 'SYN_RECV'],
      ['0F', 'UNKNOWN'],
    ];
    for (const [hex, state] of states) {
      const line = `   2: 0100007F:B1A4 0100007F:A95D ${hex} 00000000:00000000 03:000007FC 00000000     0        0 0 3 00000000f06507b2`;
      expect(parseProcNetLine(line, 'tcp', 4)?.state).toBe(state);
    }
    const timeWait =
      '   2: 0100007F:B1A4 0100007F:A95D 06 00000000:00000000 03:000007FC 00000000     0        0 0 3 00000000f06507b2';
    expect(parseProcNetLine(timeWait, 'tcp', 4)).toMatchObject({
      state: 'TIME_WAIT',
      inode: 0,
      remotePort: 43357,
    });
  });

  test('UDP: unbound peer is UNCONN, a connected socket is ESTABLISHED', () => {
    const unconn =
      ' 1245: 0100007F:CF22 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 55696 2 00000000e18e9ea0 0';
    const connected =
      ' 1300: 1701A8C0:A112 0101A8C0:0035 01 00000000:00000000 00:00000000 00000000   101        0 7001 2 00000000e18e9ea0 0';
    expect(parseProcNetLine(unconn, 'udp', 4)).toMatchObject({
      protocol: 'udp',
      localAddress: '127.0.0.1',
      localPort: 53026,
      remoteAddress: null,
      remotePort: null,
      state: 'UNCONN',
    });
    expect(parseProcNetLine(connected, 'udp', 4)).toMatchObject({
      localAddress: '192.168.1.23',
      remoteAddress: '192.168.1.1',
      remotePort: 53,
      state: 'ESTABLISHED',
      uid: 101,
    });
    const udp6 =
      ' 1245: 00000000000000000000000001000000:CF22 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 55696 2 00000000e18e9ea0 0';
    expect(parseProcNetLine(udp6, 'udp', 6)).toMatchObject({
      family: 6,
      localAddress: '::1',
      state: 'UNCONN',
    });
  });

  test('malformed lines are null, and an IPv4-width address in an IPv6 table is rejected', () => {
    expect(parseProcNetLine('', 'tcp', 4)).toBeNull();
    expect(parseProcNetLine('   0: zzzz', 'tcp', 4)).toBeNull();
    const v4 =
      '   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 55123 1 0 100 0 0 10 0';
    expect(parseProcNetLine(v4, 'tcp', 6)).toBeNull();
  });
});

describe('parseProcNetTable', () => {
  test('parses every data line and counts the odd ones', () => {
    const text = [
      TCP_HEADER,
      '   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 55123 1 000000009509d1e7 100 0 0 10 0',
      '   1: this line is broken',
      '   2: 0100007F:C864 0100007F:1F90 01 00000000:00000000 00:00000000 00000000  1000        0 66001 1 0000000000000000 20 4 30 10 -1',
      '',
    ].join('\n');
    const table = parseProcNetTable(text, 'tcp', 4);
    expect(table.entries.map((e) => e.inode)).toEqual([55123, 66001]);
    expect(table.skipped).toBe(1);
  });

  test('a header alone (no sockets) and empty text give no entries', () => {
    expect(parseProcNetTable(`${TCP6_HEADER}\n`, 'tcp', 6).entries).toEqual([]);
    expect(parseProcNetTable(`${UDP_HEADER}\n`, 'udp', 4).entries).toEqual([]);
    expect(parseProcNetTable('', 'udp', 6).entries).toEqual([]);
  });

  test('text without the kernel header is a parse CollectorError', () => {
    let caught: unknown = null;
    try {
      parseProcNetTable('hello\nworld\n', 'tcp', 4);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CollectorError);
    expect((caught as CollectorError).reason).toBe('parse');
    expect((caught as Error).message).toContain('/proc/net/tcp');
  });
});
