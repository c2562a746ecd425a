// One API call over HTTP: method, channel, content type, bounded body, JSON, then the shared dispatch.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dispatch } from '../service/dispatch.js';
import {
  isChannel,
  type Channel,
  type Envelope,
  type PortholeBackend,
} from '../shared/contract.js';
import { refuse, sendJson } from './responses.js';

export const MAX_BODY_BYTES = 64 * 1024;

type Body = { ok: true; text: string } | { ok: false; status: 413 };

/** Reads at most MAX_BODY_BYTES; a larger body is refused without buffering it. */
function readBody(req: IncomingMessage): Promise<Body> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
    return Promise.resolve({ ok: false, status: 413 });
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        done = true;
        resolve({ ok: false, status: 413 });
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve({ ok: true, text: Buffer.concat(chunks).toString('utf8') });
    });
    req.on('error', reject);
  });
}

function isJson(req: IncomingMessage): boolean {
  const type = req.headers['content-type'] ?? '';
  return type.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/** The body's JSON (absent for an empty body), or the envelope that refuses it. */
function parseBody(channel: Channel, text: string): { payload: unknown } | Envelope<never> {
  if (text.trim() === '') return { payload: undefined };
  try {
    return { payload: JSON.parse(text) as unknown };
  } catch {
    return {
      ok: false,
      error: { code: 'invalid-request', message: `${channel}: the body is not valid JSON` },
    };
  }
}

export async function handleApiCall(
  backend: PortholeBackend,
  onError: (error: unknown) => void,
  req: IncomingMessage,
  res: ServerResponse,
  name: string,
): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    refuse(res, true, 405, 'method-not-allowed', 'API calls use POST');
    return;
  }
  if (!isChannel(name)) {
    refuse(res, true, 404, 'not-found', `unknown channel ${JSON.stringify(name)}`);
    return;
  }
  if (!isJson(req)) {
    refuse(res, true, 415, 'invalid-request', 'API calls need Content-Type: application/json');
    return;
  }
  const body = await readBody(req);
  if (!body.ok) {
    res.setHeader('Connection', 'close');
    refuse(res, true, 413, 'invalid-request', `request body over ${MAX_BODY_BYTES} bytes`);
    return;
  }
  const parsed = parseBody(name, body.text);
  sendJson(
    res,
    200,
    'payload' in parsed ? await dispatch(backend, name, parsed.payload, onError) : parsed,
  );
}
