// `porthole explain` reads every real message in tests/fixtures/explain/messages.json as its source shows it.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  isExplainInputError,
  parseExplainInput,
  type ExplainSituation,
} from '../../../src-main/domain/explain-input.js';

interface Expected {
  situation: ExplainSituation;
  host: string | null;
  port: number;
  protocol: 'tcp' | 'udp';
  assumedPort?: boolean;
}
interface Message {
  id: string;
  source: string;
  url: string;
  text: string;
  expect: Expected;
}
interface NoPort {
  id: string;
  source: string;
  url: string;
  text: string;
  found: ExplainSituation;
}

const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/explain/messages.json', import.meta.url), 'utf8'),
) as { messages: Message[]; noPort: NoPort[] };

test('the fixture holds at least 25 real messages, each citing where it appears', () => {
  expect(fixture.messages.length).toBeGreaterThanOrEqual(25);
  for (const entry of [...fixture.messages, ...fixture.noPort]) {
    expect(entry.url, entry.id).toMatch(
      /^https:\/\/github\.com\/[^/]+\/[^/]+\/(issues|pull)\/\d+$/,
    );
    expect(entry.source, entry.id).not.toBe('');
  }
});

describe('real messages', () => {
  test.each(fixture.messages.map((m) => [m.id, m] as const))('%s', (_id, message) => {
    const parsed = parseExplainInput([message.text]);
    if (isExplainInputError(parsed)) throw new Error(parsed.error);
    const { assumedPort = false, ...target } = message.expect;
    expect({
      situation: parsed.situation,
      host: parsed.target.host,
      port: parsed.target.port,
      protocol: parsed.target.protocol,
    }).toEqual(target);
    expect(parsed.assumedPort).toBe(assumedPort);
    expect(parsed.input).toBe(message.text.trim());
  });
});

describe('real messages without a port are refused, saying what was found', () => {
  test.each(fixture.noPort.map((m) => [m.id, m] as const))('%s', (_id, message) => {
    const parsed = parseExplainInput([message.text]);
    if (!isExplainInputError(parsed)) throw new Error(`read a port: ${JSON.stringify(parsed)}`);
    const words: Record<ExplainSituation, string> = {
      'connect-refused': 'refused connection',
      'address-in-use': 'address already in use',
      'permission-denied': 'permission error',
      timeout: 'timeout',
      reachability: 'endpoint',
    };
    expect(parsed.error).toContain(
      `found a${message.found === 'address-in-use' ? 'n' : ''} ${words[message.found]}`,
    );
  });

  test('the same messages work once the port is given beside them', () => {
    for (const message of fixture.noPort) {
      const parsed = parseExplainInput(['3000', message.text]);
      if (isExplainInputError(parsed)) throw new Error(`${message.id}: ${parsed.error}`);
      expect([parsed.situation, parsed.target.port], message.id).toEqual([message.found, 3000]);
    }
  });
});
