// ip-address.ts answers exactly as node:net's isIP/isIPv4/isIPv6, on edge cases and random input,
// and gives the groups and octets the address means.
import { isIP } from 'node:net';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ipFamily, ipv4Octets, ipv6Groups } from '../../../src-main/domain/ip-address.js';

const EDGES = [
  '',
  '.',
  ':',
  '::',
  ':::',
  '::::',
  '1',
  '1.2.3',
  '1.2.3.4',
  '1.2.3.4.5',
  '255.255.255.255',
  '256.1.1.1',
  '01.2.3.4',
  '1.02.3.4',
  '00.0.0.0',
  '0.0.0.0',
  '1..2.3',
  ' 1.2.3.4',
  '1.2.3.4 ',
  '1:2:3:4:5:6:7:8',
  '1:2:3:4:5:6:7',
  '1:2:3:4:5:6:7:8:9',
  '1::',
  '::1',
  '1::8',
  '1:2:3:4:5:6:7::',
  '::2:3:4:5:6:7:8',
  '1::3:4:5:6:7:8',
  '1::2:3:4:5:6:7:8',
  ':1::',
  '1:::2',
  '1::2::3',
  'fe80::1%eth0',
  'fe80::1%',
  'fe80::1%eth0%1',
  'fe80::1%e.t:h-0',
  'fe80::1%eth 0',
  '::ffff:127.0.0.1',
  '::ffff:127.0.0.256',
  '::127.0.0.1',
  '1:2:3:4:5:6:1.2.3.4',
  '1:2:3:4:5:6:7:1.2.3.4',
  '1:2:3:4:5::1.2.3.4',
  '1.2.3.4::',
  '::1.2.3.4:1',
  '12345::',
  '1:2:3:4:5:6:7:12345',
  'g::1',
  'FFFF::ABCD',
  '0000:0000:0000:0000:0000:0000:0000:0001',
  '[::1]',
  '::1 ',
  'localhost',
  '1.2.3.4%0',
];

describe('same answers as node:net', () => {
  test.each(EDGES)('%j', (text) => {
    expect(ipFamily(text)).toBe(isIP(text));
  });

  test('random text from the characters addresses are made of', () => {
    const char = fc.constantFrom(...'0123456789abcdefABCDEFgx:.:.:%-'.split(''));
    fc.assert(
      fc.property(
        fc.string({ unit: char, maxLength: 48 }),
        (text) => ipFamily(text) === isIP(text),
      ),
      { numRuns: 20_000 },
    );
  });

  test('random addresses, written with and without compression, with IPv4 tails and zones', () => {
    const group = fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16));
    const octet = fc.integer({ min: 0, max: 255 });
    const address = fc
      .tuple(
        fc.array(group, { minLength: 8, maxLength: 8 }),
        fc.nat(8),
        fc.nat(8),
        fc.option(fc.tuple(octet, octet, octet, octet)),
        fc.option(fc.constantFrom('eth0', 'lo', '1', 'en0.1')),
      )
      .map(([groups, from, length, v4, zone]) => {
        const kept = v4 ? groups.slice(0, 6) : groups;
        const end = Math.min(kept.length, from + length);
        const text =
          length > 0 && from < kept.length
            ? `${kept.slice(0, from).join(':')}::${kept.slice(end).join(':')}`
            : kept.join(':');
        const tail = v4 ? `${text.endsWith(':') ? '' : ':'}${v4.join('.')}` : '';
        return `${text}${tail}${zone ? `%${zone}` : ''}`;
      });
    fc.assert(
      fc.property(address, (text) => ipFamily(text) === isIP(text)),
      { numRuns: 20_000 },
    );
  });
});

test('the groups and octets an address means', () => {
  expect(ipv4Octets('127.0.0.1')).toEqual([127, 0, 0, 1]);
  expect(ipv4Octets('1.2.3')).toBeNull();
  expect(ipv6Groups('::1')).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
  expect(ipv6Groups('fe80::1%eth0')).toEqual([0xfe80, 0, 0, 0, 0, 0, 0, 1]);
  expect(ipv6Groups('::ffff:127.0.0.1')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x7f00, 1]);
  expect(ipv6Groups('1:2:3:4:5:6:7:8')).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  expect(ipv6Groups('1::')).toEqual([1, 0, 0, 0, 0, 0, 0, 0]);
  expect(ipv6Groups('1.2.3.4')).toBeNull();
});
