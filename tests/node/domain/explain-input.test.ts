// `porthole explain` input: plain targets, IPv6 forms, bad input, which line wins, and hostile pastes.
import { describe, expect, test } from 'vitest';
import {
  isExplainInputError,
  MAX_INPUT_CHARS,
  parseExplainInput,
  type ExplainInput,
} from '../../../src-main/domain/explain-input.js';
import { canonicalIPv6, readUrl } from '../../../src-main/domain/explain-input-address.js';
import { classify } from '../../../src-main/domain/explain-input-reasons.js';

function ok(...words: string[]): ExplainInput {
  const parsed = parseExplainInput(words);
  if (isExplainInputError(parsed)) throw new Error(parsed.error);
  return parsed;
}
function refused(...words: string[]): string {
  const parsed = parseExplainInput(words);
  if (!isExplainInputError(parsed)) throw new Error(`parsed: ${JSON.stringify(parsed)}`);
  return parsed.error;
}
const target = (parsed: ExplainInput) => [parsed.target.host, parsed.target.port, parsed.situation];

describe('plain targets are reachability questions', () => {
  test('a bare port, :port, host:port, a URL with and without a port', () => {
    expect(ok('3000')).toEqual({
      input: '3000',
      target: { host: null, port: 3000, protocol: 'tcp' },
      situation: 'reachability',
      recogniser: 'port',
      assumedPort: false,
    });
    expect(target(ok(':8080'))).toEqual([null, 8080, 'reachability']);
    expect(target(ok('db.Internal:5432'))).toEqual(['db.internal', 5432, 'reachability']);
    expect(target(ok('http://localhost:3000/api'))).toEqual(['localhost', 3000, 'reachability']);
    expect(target(ok('http://localhost/api'))).toEqual(['localhost', 80, 'reachability']);
    expect(target(ok('https://example.com'))).toEqual(['example.com', 443, 'reachability']);
    expect(target(ok('postgresql://app:secret@db:6543/app'))).toEqual(['db', 6543, 'reachability']);
    expect(target(ok('postgres://app@db/app'))).toEqual(['db', 5432, 'reachability']);
    expect(ok('http://localhost:3000').recogniser).toBe('url');
  });

  test('host and port as two arguments, as nc takes them', () => {
    expect(target(ok('localhost', '3000'))).toEqual(['localhost', 3000, 'reachability']);
    expect(target(ok('::1', '3000'))).toEqual(['::1', 3000, 'reachability']);
  });

  test('IPv6 in brackets, canonicalised; bare or ambiguous IPv6 is refused with the right form', () => {
    expect(target(ok('[::1]:3000'))).toEqual(['::1', 3000, 'reachability']);
    expect(target(ok('[0:0:0:0:0:0:0:1]:3000'))).toEqual(['::1', 3000, 'reachability']);
    expect(target(ok('http://[::1]:5173/'))).toEqual(['::1', 5173, 'reachability']);
    expect(target(ok('[FE80:0:0:0:1:0:0:2]:80'))).toEqual(['fe80::1:0:0:2', 80, 'reachability']);
    expect(refused('::1')).toBe('"::1" is an IPv6 address with no port: write [::1]:PORT');
    expect(refused('::1:3000')).toMatch(/^"::1:3000" is an IPv6 address with no port/);
    expect(refused('fe80::1::2:3000')).toContain('put an IPv6 host in brackets, e.g. [::1]:3000');
    expect(refused('[::1]')).toContain('is not a port');
    expect(refused('[127.0.0.1]:80')).toContain('does not name a valid host');
    expect(refused('::1.3000')).toContain('put an IPv6 host in brackets');
  });

  test('ports out of range and hosts without a port get a clear error', () => {
    expect(refused('0')).toBe('port 0 is out of range (1-65535)');
    expect(refused('70000')).toBe('port 70000 is out of range (1-65535)');
    expect(refused('localhost:0')).toBe('"0" in "localhost:0" is not a port (a number 1-65535)');
    expect(refused('localhost:http')).toContain('"http" in "localhost:http" is not a port');
    expect(refused('localhost')).toBe('"localhost" has no port: write localhost:PORT');
    expect(refused('db.internal')).toBe('"db.internal" has no port: write db.internal:PORT');
    expect(refused('bad_host!:80')).toContain('does not name a valid host');
    expect(refused('foo://host/x')).toBe(
      '"foo://host/x" names no port, and foo: has no default: add :PORT',
    );
    expect(refused('http://:99999')).toContain('is not a URL with a valid host and port');
  });
});

describe('input with no port says what was expected', () => {
  test('empty and portless input', () => {
    expect(refused()).toMatch(/^nothing to explain: give a port \(3000\), host:port, a URL/);
    expect(refused('   ')).toMatch(/^nothing to explain/);
    expect(refused('it', 'does', 'not', 'work')).toBe(
      'no port found in "it does not work": give a port (3000), host:port, a URL or a pasted error line such as \'connect ECONNREFUSED 127.0.0.1:3000\'',
    );
  });

  test('a recognised error without a port names what was found and what to add', () => {
    expect(refused('OSError: [Errno 98] Address already in use')).toBe(
      'found an address already in use but no port in it: add the port (3000), host:port or the URL you opened',
    );
    expect(refused('localhost refused to connect.')).toMatch(
      /^found a refused connection on localhost/,
    );
    expect(refused('LOG:  could not bind IPv4 address "127.0.0.1": Address already in use')).toBe(
      'found an address already in use on 127.0.0.1 but no port in it: paste the HINT line after it too, which names the port',
    );
  });

  test('bare numbers inside a pasted message are not ports; a first or last argument is', () => {
    expect(refused('OSError:', '[Errno', '98]', 'Address', 'already', 'in', 'use')).toContain(
      'no port',
    );
    expect(refused('Errno', '98', 'Address', 'already', 'in', 'use')).toContain('no port');
    expect(target(ok('OSError: [Errno 98] Address already in use', '8000'))).toEqual([
      null,
      8000,
      'address-in-use',
    ]);
    // The host the message named stays; the argument gives the port.
    expect(target(ok('3000', 'localhost refused to connect.'))).toEqual([
      'localhost',
      3000,
      'connect-refused',
    ]);
    // A URL anywhere in the paste gives the port of a portless error.
    expect(target(ok('http://localhost:5173/ says: ERR_CONNECTION_REFUSED'))).toEqual([
      'localhost',
      5173,
      'connect-refused',
    ]);
  });
});

describe('order: the first line a recogniser reads wins, errors before plain targets', () => {
  test('errors win over a URL or endpoint earlier in the paste', () => {
    const paste =
      'curl http://localhost:3000\ncurl: (7) Failed to connect to localhost port 3001 after 0 ms: Connection refused';
    expect(target(ok(paste))).toEqual(['localhost', 3001, 'connect-refused']);
    expect(ok(paste).recogniser).toBe('curl');
  });

  test('of two errors, the earlier line wins', () => {
    const paste =
      'Error: connect ECONNREFUSED 127.0.0.1:5432\nError: listen EADDRINUSE: address already in use :::3000';
    expect(target(ok(paste))).toEqual(['127.0.0.1', 5432, 'connect-refused']);
    const reversed = paste.split('\n').reverse().join('\n');
    expect(target(ok(reversed))).toEqual(['::', 3000, 'address-in-use']);
  });

  test('a portless error line does not stop a later line that has the port', () => {
    const paste =
      "{ [Error: connect ECONNREFUSED]\n  code: 'ECONNREFUSED' }\nRedis connection to localhost:6379 failed - connect ECONNREFUSED";
    expect(target(ok(paste))).toEqual(['localhost', 6379, 'connect-refused']);
  });

  test('a specific recogniser beats the generic one on the same line', () => {
    // The generic reader would take the first endpoint, the client side; Go's reads the remote.
    expect(target(ok('read tcp 127.0.0.1:55146->127.0.0.1:5432: i/o timeout'))).toEqual([
      '127.0.0.1',
      5432,
      'timeout',
    ]);
  });

  test('an unquoted paste split into words by the shell reads as the line it was', () => {
    expect(target(ok('connect', 'ECONNREFUSED', '127.0.0.1:3000'))).toEqual([
      '127.0.0.1',
      3000,
      'connect-refused',
    ]);
    expect(ok('connect', 'ECONNREFUSED', '127.0.0.1:3000').input).toBe(
      'connect ECONNREFUSED 127.0.0.1:3000',
    );
  });

  test('an endpoint named in passing, with no error, is a reachability question', () => {
    expect(target(ok('is', 'http://127.0.0.1:8080/health', 'up?'))).toEqual([
      '127.0.0.1',
      8080,
      'reachability',
    ]);
    expect(ok('is http://127.0.0.1:8080/health up?').recogniser).toBe('endpoint-in-text');
  });

  test('terminal colours and Windows line ends do not hide a message', () => {
    const coloured =
      "\u001b[31mERROR\u001b[0m:    [Errno 98] error while attempting to bind on address ('127.0.0.1', 8000): address already in use\r\n";
    expect(target(ok(coloured))).toEqual(['127.0.0.1', 8000, 'address-in-use']);
  });

  test('udp only when the message says so', () => {
    expect(ok('listen udp4 0.0.0.0:53: bind: address already in use').target.protocol).toBe('udp');
    expect(ok('listen tcp 0.0.0.0:53: bind: address already in use').target.protocol).toBe('tcp');
  });
});

describe('hostile input stays cheap and bounded', () => {
  // Patterns are linear by construction; these would hang a backtracking pattern long before
  // Vitest's timeout, and the cap keeps the echoed input bounded.
  const big = 100 * 1024;
  test.each([
    ['digits', '1'.repeat(big)],
    ['colons', ':'.repeat(big)],
    ['repeated prefixes', 'connect ECONNREFUSED '.repeat(big / 21)],
    ['brackets', '['.repeat(big)],
    ['almost-endpoints', '127.0.0.1:'.repeat(big / 10)],
    ['long words', `${'a'.repeat(big)} Address already in use`],
    ['many lines', 'x\n'.repeat(big / 2)],
    ['quotes', `bind(2) for "${'\\"'.repeat(big / 2)}`],
  ])('%s', (_name, text) => {
    const parsed = parseExplainInput([text]);
    expect(parsed.input.length).toBeLessThanOrEqual(MAX_INPUT_CHARS);
    if (isExplainInputError(parsed)) expect(parsed.error.length).toBeLessThan(400);
  });

  test('a real message after a long paste is still found within the cap', () => {
    const noise = 'at frame (file.js:1:1)\n'.repeat(500);
    expect(target(ok(`${noise}Error: connect ECONNREFUSED 127.0.0.1:3000`))).toEqual([
      '127.0.0.1',
      3000,
      'connect-refused',
    ]);
  });
});

describe('building blocks', () => {
  test('IPv6 canonical text (RFC 5952)', () => {
    expect(canonicalIPv6('0:0:0:0:0:0:0:1')).toBe('::1');
    expect(canonicalIPv6('::')).toBe('::');
    expect(canonicalIPv6('2001:DB8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1');
    expect(canonicalIPv6('::ffff:127.0.0.1')).toBe('::ffff:127.0.0.1');
    expect(canonicalIPv6('1:2:3:4:5:6:7:8')).toBe('1:2:3:4:5:6:7:8');
    expect(
      ['1::2::3', '12345::', '1:2:3', 'fe80::1%eth0', '::1.2.3.256', 'g::1'].map(canonicalIPv6),
    ).toEqual([null, null, null, null, null, null]);
  });

  test('URLs: credentials skipped, default ports by scheme, null port when unknown', () => {
    expect(readUrl('redis://:pw@cache:6380/0')).toEqual({ host: 'cache', port: 6380 });
    expect(readUrl('mongodb://db')).toEqual({ host: 'db', port: 27017 });
    expect(readUrl('tcp://127.0.0.31')).toEqual({ host: '127.0.0.31', port: null });
  });

  test('reasons: words first, then errno of Linux, macOS or Windows', () => {
    expect(classify('[WinError 10061] 無法連線')).toBe('connect-refused');
    expect(classify('(13: Permission denied)')).toBe('permission-denied');
    expect(classify('[Errno 48] Address already in use')).toBe('address-in-use');
    expect(classify("Can't connect (110)")).toBe('timeout');
    expect(classify('ServerSelectionTimeoutError: [Errno 111] Connection refused')).toBe(
      'connect-refused',
    );
    expect(classify('cannot assign requested address (99)')).toBeNull();
  });
});
