import { describe, expect, test } from 'vitest';
import { InputError } from '../../../../src-main/core/errors.js';
import { createWatchSpec } from '../../../../src-main/core/watches/watch-spec.js';
import { isLocalTarget, parseWatchTarget } from '../../../../src-main/core/watches/watch-target.js';
import { targetText } from '../../../../src-main/domain/endpoint.js';

describe('parseWatchTarget', () => {
  test.each([
    ['62893', null, 62893],
    [':62893', null, 62893],
    ['  3000 ', null, 3000],
    ['localhost:3000', 'localhost', 3000],
    ['LocalHost:3000', 'localhost', 3000],
    ['127.0.0.1:80', '127.0.0.1', 80],
    ['[::1]:8080', '::1', 8080],
    ['[0:0:0:0:0:0:0:1]:8080', '::1', 8080],
    ['db.internal:5432', 'db.internal', 5432],
    ['example.com:443', 'example.com', 443],
    ['my_db-1:5432', 'my_db-1', 5432],
    ['1', null, 1],
    [':65535', null, 65535],
  ])('%s → host %s, port %s', (text, host, port) => {
    expect(parseWatchTarget(text)).toEqual({ host, port });
  });

  test.each([
    ['70000', /port 70000 is out of range \(1-65535\)/],
    ['0', /port 0 is out of range/],
    ['db.internal:99999', /port 99999 is out of range/],
    ['abc', /"abc" is not a port/],
    ['db.internal:abc', /"abc" is not a port/],
    ['db.internal:80/path', /"80\/path" is not a port/],
    ['-1', /"-1" is not a port/],
    ['db.internal', /"db.internal" has no port/],
    ['localhost', /"localhost" has no port/],
    ['db.internal:', /has no port after ":"/],
    [':', /has no port after ":"/],
    ['[::1]', /"\[::1\]" has no port/],
    ['', /empty/],
    ['   ', /empty/],
    ['local host:80', /contains spaces/],
    ['3000 4000', /contains spaces/],
    ['::1:8080', /more than one ":".*brackets/],
    ['[::1:8080', /unclosed "\["/],
    ['[::1]8080', /":" and a port right after "\]"/],
    ['[abc]:80', /"abc" in brackets is not an IPv6 address/],
    ['[127.0.0.1]:80', /IPv4 hosts without brackets/],
    ['[fe80::1%eth0]:80', /zone id/],
    ['exa$mple.com:80', /contains "\$"/],
    ['db..internal:80', /not a valid host name/],
    ['-db.internal:80', /not a valid host name/],
    ['999.1.1.1:80', /not a valid IPv4 address/],
    ['1:80', /host "1" is not a valid IPv4 address/],
    ['http://example.com:80', /is a URL/],
  ])('%j is rejected', (text, message) => {
    expect(() => parseWatchTarget(text)).toThrow(InputError);
    expect(() => parseWatchTarget(text)).toThrow(message);
  });

  test('a host name longer than 253 characters is rejected', () => {
    const long = `${'a'.repeat(60)}.`.repeat(5) + 'com';
    expect(() => parseWatchTarget(`${long}:80`)).toThrow(/not a valid host name/);
  });
});

describe('targetText', () => {
  test.each([
    ['62893', '62893'],
    [':62893', '62893'],
    ['db.internal:5432', 'db.internal:5432'],
    ['[::1]:8080', '[::1]:8080'],
    ['localhost:3000', 'localhost:3000'],
  ])('%s prints as %s and reads back the same', (text, printed) => {
    expect(targetText(parseWatchTarget(text))).toBe(printed);
    expect(parseWatchTarget(printed)).toEqual(parseWatchTarget(text));
  });
});

describe('isLocalTarget', () => {
  test.each([
    ['62893', true],
    ['localhost:3000', true],
    ['127.0.0.1:80', true],
    ['127.0.0.53:53', true],
    ['[::1]:8080', true],
    ['db.internal:5432', false],
    ['example.com:443', false],
    ['10.0.0.5:80', false],
    ['localhost.example.com:80', false],
  ])('%s → %s', (text, local) => {
    expect(isLocalTarget(parseWatchTarget(text))).toBe(local);
  });
});

describe('createWatchSpec', () => {
  test('fills defaults and derives a stable id from the target', () => {
    expect(createWatchSpec({ target: '62893' })).toEqual({
      id: 'local:62893',
      target: { host: null, port: 62893 },
      expect: null,
      intervalMs: 5000,
      failuresToDown: 2,
      successesToUp: 1,
      label: null,
    });
    expect(createWatchSpec({ target: ':62893' }).id).toBe('local:62893');
    expect(createWatchSpec({ target: 'DB.internal:5432' }).id).toBe('db.internal:5432');
    expect(createWatchSpec({ target: '[::1]:8080' }).id).toBe('[::1]:8080');
  });

  test('keeps given options, trims text and treats empty text as none', () => {
    const spec = createWatchSpec({
      target: { host: 'db.internal', port: 5432 },
      expect: ' postgres ',
      intervalMs: 500,
      failuresToDown: 100,
      successesToUp: 3,
      label: '  ',
      id: ' primary-db ',
    });
    expect(spec).toMatchObject({
      id: 'primary-db',
      expect: 'postgres',
      intervalMs: 500,
      failuresToDown: 100,
      successesToUp: 3,
      label: null,
    });
    expect(createWatchSpec({ target: '1', id: '   ' }).id).toBe('local:1');
  });

  test('a hand-built target is validated and made canonical', () => {
    expect(createWatchSpec({ target: { host: '0:0::1', port: 80 } }).target).toEqual({
      host: '::1',
      port: 80,
    });
    expect(() => createWatchSpec({ target: { host: 'bad host', port: 80 } })).toThrow(/spaces/);
    expect(() => createWatchSpec({ target: { host: null, port: 70000 } })).toThrow(/70000/);
  });

  test.each([
    [{ intervalMs: 100 }, /interval 100 ms is out of range \(500 ms..24 h\)/],
    [{ intervalMs: 86_400_001 }, /interval 86400001 ms is out of range/],
    [{ intervalMs: 1.5 }, /interval must be a whole number, got 1.5/],
    [{ intervalMs: Number.NaN }, /interval must be a whole number/],
    [{ failuresToDown: 0 }, /failuresToDown 0 is out of range \(1..100\)/],
    [{ failuresToDown: 101 }, /failuresToDown 101 is out of range/],
    [{ successesToUp: 0 }, /successesToUp 0 is out of range/],
    [{ label: 'x'.repeat(201) }, /label must be at most 200 characters/],
  ])('%j is rejected', (options, message) => {
    expect(() => createWatchSpec({ target: '3000', ...options })).toThrow(InputError);
    expect(() => createWatchSpec({ target: '3000', ...options })).toThrow(message);
  });

  test('a non-text expect is rejected with the field named', () => {
    const input = { target: '3000', expect: 5 } as unknown as Parameters<typeof createWatchSpec>[0];
    expect(() => createWatchSpec(input)).toThrow(/expect must be text/);
  });
});
