// Property tests of browser mode's HTTP border over the real service: any body on any contract
// channel comes back as a JSON envelope with a known code, and a refusal changes nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CHANNELS, parseRequest, type Channel } from '../../../src-main/shared/contract.js';
import { MAX_BODY_BYTES } from '../../../src-main/web/api-call.js';
import { TOKEN_HEADER } from '../../../src-main/web/auth.js';
import { startWebServer, type WebBackend, type WebServer } from '../../../src-main/web/server.js';
import {
  ERROR_CODES,
  HUGE_STRING,
  anyPayload,
  hostileRequest,
  prototypeKeys,
  validRequestFor,
} from '../../helpers/border-payloads.js';
import { cleanUp, serviceState, startService, type Started } from '../service/service-fixture.js';

const RUNS = 100;

let started: Started;
let server: WebServer;
let rendererDir: string;
let backendCalls = 0;
const unexpected: unknown[] = [];
let watchId: string;

beforeAll(async () => {
  started = await startService({ start: false, transport: 'http' });
  watchId = (await started.service.handle('porthole:watches:add', { target: '62893' })).spec.id;
  const { service } = started;
  const counting: WebBackend = {
    handle: (channel, request) => {
      backendCalls += 1;
      return service.handle(channel, request);
    },
    onEvent: (listener) => service.onEvent(listener),
    state: () => service.state(),
  };
  rendererDir = mkdtempSync(path.join(tmpdir(), 'porthole-web-props-'));
  server = await startWebServer({
    backend: counting,
    rendererDir,
    onError: (error) => unexpected.push(error),
  });
});

afterAll(async () => {
  await server.close();
  await cleanUp();
  rmSync(rendererDir, { recursive: true, force: true });
});

/** What a client can put on the wire: JSON (big ints as strings, as a client would), or nothing. */
function serialize(payload: unknown): string {
  try {
    return (
      JSON.stringify(payload, (_key, value: unknown) =>
        typeof value === 'bigint' ? value.toString() : value,
      ) ?? ''
    );
  } catch {
    return '';
  }
}

/** Bodies that are not JSON, or JSON that smuggles, or too big to read. */
const rawBody = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.constantFrom(
    '{',
    '[',
    'null',
    'NaN',
    'Infinity',
    '1e999',
    '-0',
    '"3000"',
    '{"__proto__":{"polluted":true}}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    '\u0000',
    '\ufeff{}',
    `"${HUGE_STRING}"`,
    `{"target":"${'y'.repeat(MAX_BODY_BYTES)}"}`,
  ),
);

function bodiesFor(channel: Channel): fc.Arbitrary<string> {
  const hostile = hostileRequest(channel, validRequestFor(channel, watchId));
  return fc.oneof(anyPayload.map(serialize), hostile.map(serialize), rawBody);
}

/** What the server makes of a body: too big, not JSON, refused by the contract, or accepted. */
function expectation(channel: Channel, body: string): 'too-big' | 'refused' | 'accepted' {
  if (Buffer.byteLength(body) > MAX_BODY_BYTES) return 'too-big';
  let payload: unknown;
  try {
    payload = body.trim() === '' ? undefined : JSON.parse(body);
  } catch {
    return 'refused';
  }
  return parseRequest(channel, payload).ok ? 'accepted' : 'refused';
}

function post(channel: Channel, body: string): Promise<Response> {
  return fetch(`http://127.0.0.1:${server.port}/api/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: server.token },
    body,
  });
}

describe.each(CHANNELS)('%s', (channel) => {
  test('any body: a JSON envelope; refused → invalid-request, backend untouched, nothing changed', async () => {
    await fc.assert(
      fc.asyncProperty(bodiesFor(channel), async (body) => {
        const before = serviceState(started);
        const prototype = prototypeKeys();
        const callsBefore = backendCalls;
        const response = await post(channel, body);
        const expected = expectation(channel, body);
        expect(response.status).toBe(expected === 'too-big' ? 413 : 200);
        expect(response.headers.get('content-type')).toMatch(/^application\/json/);
        const envelope = (await response.json()) as
          { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
        expect(prototypeKeys()).toEqual(prototype);
        if (expected !== 'accepted') {
          expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
          expect(backendCalls).toBe(callsBefore);
        }
        if (!envelope.ok) {
          expect(Object.keys(envelope.error).sort()).toEqual(['code', 'message']);
          expect(ERROR_CODES).toContain(envelope.error.code);
          // Accepted requests the core refuses say why; `failed` would be a handler bug.
          expect(envelope.error.code).not.toBe('failed');
          expect(serviceState(started)).toBe(before);
        }
      }),
      { numRuns: RUNS },
    );
    expect(unexpected).toEqual([]);
  });
});

test('the server still answers after every property run', async () => {
  const response = await post('porthole:state:get', '');
  expect(await response.json()).toMatchObject({ ok: true });
});
