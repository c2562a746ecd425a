// parseGoToPort: 1–65535 opens a port page; anything else says what is wrong with it.
import { describe, expect, test } from 'vitest';
import { parseGoToPort } from '../../../src-renderer/lib/go-to-port.js';

describe('parseGoToPort', () => {
  test.each([
    ['3000', 3000],
    [' 1 ', 1],
    ['65535', 65535],
    [':8080', 8080],
  ])('%j is port %i', (text, port) => {
    expect(parseGoToPort(text)).toEqual({ ok: true, port });
  });

  test.each([
    ['70000', /^70000 is out of range: a port is a number from 1 to 65535\.$/],
    ['0', /^0 is out of range/],
    ['99999999999999999999', /^999999999999… is out of range/],
    ['abc', /^"abc" is not a port number: a port is a number from 1 to 65535\.$/],
    ['30 00', /^"30 00" is not a port number/],
    ['-1', /^"-1" is not a port number/],
    ['', /^Type a port number/],
    ['   ', /^Type a port number/],
  ])('%j is refused', (text, message) => {
    const result = parseGoToPort(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });
});
