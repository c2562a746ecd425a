// Endpoint text, wildcard/loopback tests and port parsing, without node:net.
import { expect, test } from 'vitest';
import {
  formatEndpoint,
  isLoopback,
  isWildcard,
  loopbackOf,
  parsePortNumber,
  targetText,
} from '../../../src-main/domain/endpoint.js';

test('endpoints bracket IPv6 and show a missing address as *', () => {
  expect(formatEndpoint('127.0.0.1', 3000)).toBe('127.0.0.1:3000');
  expect(formatEndpoint('::1', 3000)).toBe('[::1]:3000');
  expect(formatEndpoint(null, 53)).toBe('*:53');
  expect(formatEndpoint(null, null)).toBe('');
  expect(formatEndpoint('::', null)).toBe('[::]');
});

test('watch targets as typed: a bare port, host:port, [v6]:port', () => {
  expect(targetText({ host: null, port: 3000 })).toBe('3000');
  expect(targetText({ host: 'db.internal', port: 5432 })).toBe('db.internal:5432');
  expect(targetText({ host: '::1', port: 8080 })).toBe('[::1]:8080');
});

test('wildcards, loopback and ports', () => {
  expect([4, 6].map((f) => loopbackOf(f as 4 | 6))).toEqual(['127.0.0.1', '::1']);
  expect(['0.0.0.0', '::', '127.0.0.1'].map(isWildcard)).toEqual([true, true, false]);
  expect(['127.0.0.53', '::1', '10.0.0.1', '1270::1'].map(isLoopback)).toEqual([
    true,
    true,
    false,
    false,
  ]);
  expect(['80', ' 65535 ', '65536', '-1', '8.5', '', null].map(parsePortNumber)).toEqual([
    80,
    65535,
    null,
    null,
    null,
    null,
    null,
  ]);
});
