// One API call over HTTP: content type, bounded body, JSON, the contract's validator, then the backend.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { toTransportError } from '../service/errors.js';
import { isChannel, parseRequest, type Channel, type Envelope } from '../shared/contract.js';
import { refuse, sendJson } from './responses.js';
import type { RouteContext } from './routes.js';

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

async function callChannel(
  ctx: RouteContext,
  channel: Channel,
  text: string,
): Promise<Envelope<unknown>> {
  let payload: unknown;
  if (text.trim() !== '') {
    try {
      payload = JSON.parse(text);
    } catch {
      return {
        ok: false,
        error: { code: 'invalid-request', message: `${channel}: the body is not valid JSON` },
      };
    }
  }
  const parsed = parseRequest(channel, payload);
  if (!parsed.ok) return parsed;
  try {
    return { ok: true, value: await ctx.backend.handle(channel, parsed.value) };
  } catch (error) {
    const transportError = toTransportError(error);
    if (transportError.code === 'failed') ctx.onError(error);
    return { ok: false, error: transportError };
  }
}

export async function handleApiCall(
  ctx: RouteContext,
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
  sendJson(res, 200, await callChannel(ctx, name, body.text));
}
