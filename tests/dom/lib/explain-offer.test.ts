// Whether a filter box holds an error to explain: every real error message of the parser's fixtures
// is, and the filters the window's own help and cards use are not.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { looksLikeError } from '../../../src-renderer/lib/explain-offer.js';

interface Fixture {
  id: string;
  text: string;
  expect: { situation: string };
}
const fixtures = JSON.parse(
  // jsdom's import.meta.url is not a file URL; the tests run from the project's root.
  readFileSync('tests/fixtures/explain/messages.json', 'utf8'),
) as { messages: Fixture[]; noPort: { text: string }[] };

describe('looksLikeError', () => {
  test('every real error message with a port is one', () => {
    const errors = fixtures.messages.filter((m) => m.expect.situation !== 'reachability');
    expect(errors.length).toBeGreaterThan(60);
    for (const m of errors) expect(looksLikeError(m.text), m.id).toBe(true);
  });

  test('a URL is one; an endpoint, a port or a message with no port is not', () => {
    expect(looksLikeError('http://localhost:3000/api')).toBe(true);
    expect(looksLikeError('  https://[::1]:8443/  ')).toBe(true);
    for (const text of ['localhost:3000', '[::1]:3000', '3000', ':8080', '0.0.0.0:80']) {
      expect(looksLikeError(text), text).toBe(false);
    }
    for (const m of fixtures.noPort) expect(looksLikeError(m.text), m.text).toBe(false);
  });

  test("the filter box's own words are filters", () => {
    // The placeholder's examples, the Overview cards' filters, the help's syntax.
    for (const text of [
      'port',
      ':3000',
      'process',
      '4121',
      'exposed',
      'conflict',
      'container:web',
      'image:postgres',
      'containers',
      'node -udp',
      'v6 listen',
      'unattributed',
      'time_wait',
      'refused',
      'EADDRINUSE',
      '   ',
    ]) {
      expect(looksLikeError(text), text).toBe(false);
    }
  });
});
