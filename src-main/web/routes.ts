// Browser mode's HTTP protocol: the same contract as Electron IPC, carried over loopback HTTP.
//
// Protocol (the renderer's HTTP transport follows exactly this):
// - The server binds 127.0.0.1 only. `porthole serve` prints `http://127.0.0.1:<port>/?token=<token>`
//   as the first line of stdout; the token is 32 random bytes, base64url, new on every start.
// - Every request: the request line must parse as a URL (else 400); `Host` must be exactly
//   `127.0.0.1:<port>` or `localhost:<port>` (else 421: DNS rebinding); an `Origin` header, when
//   present, must be `http://127.0.0.1:<port>` or `http://localhost:<port>` (else 403).
// - The token travels only in the header `X-Porthole-Token: T`, which the window sends on every
//   API call (else 401). Never a cookie and never the query: a cookie is not port-scoped (the
//   browser would hand it to every other server on 127.0.0.1), and a URL ends up in history.
// - `GET /` serves index.html; the page takes `?token=T` from its address, keeps it in
//   sessionStorage (a reload still works) and removes it from the address bar. A `?token=` that
//   is present but wrong is refused (401), so a stale link says so at once. The window's files
//   (out/renderer, public build output) need no token. Without a built window, `/` says how to
//   build it.
// - `POST /api/<channel>`, the channel name URL-encoded (`/api/porthole%3Awatches%3Aadd`),
//   `Content-Type: application/json`, body = the request as JSON (empty for requests without
//   payload). Answer: 200 with an Envelope, `{"ok":true,"value":...}` or
//   `{"ok":false,"error":{"code","message"}}`; an invalid payload gives the code
//   `invalid-request`. Unknown channel: 404; body over 64 KiB: 413; another content type: 415.
// - `GET /api/state`: `{"ok":true,"value":<PortholeState>,"sockets":{"fields":[...],"rows":[[...]]},
//   "instance":I,"seq":N}`: the state holding every event numbered up to N, its snapshot's sockets
//   sent as columns beside it (`value.snapshot.sockets` is empty; shared/socket-columns.ts).
// - `GET /api/events`: Server-Sent Events, read by the window with fetch (EventSource cannot send
//   the header). First `event: ready` with `{"instance":I,"seq":N}` (this stream delivers every
//   event numbered above N), then one `id: <n>` + `data: <PortholeEvent JSON>` message per event,
//   and a comment line every 15 s. See event-stream.ts for how a window orders the two.
// - Hashed build files under `/assets/` never change: they are cached for a year (`immutable`), so
//   a window opened again compiles its script from the browser's code cache.
// - Responses carry a strict CSP, `X-Content-Type-Options: nosniff`, `Referrer-Policy:
//   no-referrer`; API answers also `Cache-Control: no-store`. Killing processes answers
//   `forbidden` unless the server was started with --allow-kill.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PortholeBackend } from '../shared/contract.js';
import { packSockets } from '../shared/socket-columns.js';
import { handleApiCall } from './api-call.js';
import { tokensMatch } from '../core/platform/secret-compare.js';
import { hasTokenHeader, hostAllowed, originAllowed } from './auth.js';
import type { EventStreams } from './event-stream.js';
import { SECURITY_HEADERS, refuse, send, sendJson } from './responses.js';
import { NOT_BUILT_PAGE, readStatic } from '../app-files/static-files.js';

export interface RouteContext {
  backend: PortholeBackend;
  streams: EventStreams;
  token: string;
  rendererDir: string;
  /** The bound port, known once the server listens. */
  port: () => number;
  onError: (error: unknown) => void;
}

const WRONG_TOKEN = 'missing or wrong token: open the address porthole serve printed';

async function handleStatic(
  ctx: RouteContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    refuse(res, false, 405, 'method-not-allowed', 'only GET is allowed here');
    return;
  }
  const index = url.pathname === '/';
  const given = url.searchParams.get('token');
  if (index && given !== null && !tokensMatch(ctx.token, given)) {
    refuse(res, false, 401, 'unauthorized', WRONG_TOKEN);
    return;
  }
  const file = await readStatic(ctx.rendererDir, url.pathname);
  if (file.kind === 'file') {
    send(res, 200, req.method === 'HEAD' ? '' : file.body, {
      'Content-Type': file.type,
      'Cache-Control': index ? 'no-store' : cacheControl(url.pathname),
    });
  } else if (file.kind === 'forbidden') {
    refuse(res, false, 403, 'forbidden', 'that path is outside the window');
  } else if (index) {
    send(res, 200, NOT_BUILT_PAGE, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
    });
  } else {
    refuse(res, false, 404, 'not-found', 'not found');
  }
}

/** Vite names every file under assets/ by its content hash: a new build means new names. */
function cacheControl(pathname: string): string {
  return pathname.startsWith('/assets/') ? 'private, max-age=31536000, immutable' : 'no-cache';
}

/** `GET /api/state`: the state and the event number it reflects (see event-stream.ts). */
function handleState(ctx: RouteContext, req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET') {
    res.setHeader('Allow', 'GET');
    refuse(res, true, 405, 'method-not-allowed', 'the state is read with GET');
    return;
  }
  const { state, instance, seq } = ctx.streams.sequencedState();
  const snapshot = state.snapshot;
  sendJson(res, 200, {
    ok: true,
    value: snapshot ? { ...state, snapshot: { ...snapshot, sockets: [] } } : state,
    sockets: snapshot ? packSockets(snapshot.sockets) : null,
    instance,
    seq,
  });
}

/** The request line's target as a URL, or null when it does not parse (`GET http://[ HTTP/1.1`). */
function requestUrl(req: IncomingMessage, port: number): URL | null {
  try {
    return new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
  } catch {
    return null;
  }
}

/** One request: border checks in order (URL, Host, Origin, token for the API), then the route. */
export async function route(
  ctx: RouteContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const port = ctx.port();
  const url = requestUrl(req, port);
  if (url === null) {
    // Garbage from a client, not a fault of ours: a plain 400, nothing logged.
    refuse(res, false, 400, 'bad-request', 'malformed request target');
    return;
  }
  const api = url.pathname.startsWith('/api/');
  if (!hostAllowed(req, port)) {
    refuse(
      res,
      api,
      421,
      'forbidden',
      'unexpected Host header: use the address porthole serve printed',
    );
    return;
  }
  if (!originAllowed(req, port)) {
    refuse(res, api, 403, 'forbidden', 'requests from other sites are refused');
    return;
  }
  if (api && !hasTokenHeader(req, ctx.token)) {
    refuse(res, api, 401, 'unauthorized', WRONG_TOKEN);
    return;
  }
  if (api && url.pathname === '/api/state') {
    handleState(ctx, req, res);
    return;
  }
  if (api && url.pathname === '/api/events') {
    if (req.method !== 'GET') {
      res.setHeader('Allow', 'GET');
      refuse(res, true, 405, 'method-not-allowed', 'the event stream uses GET');
      return;
    }
    ctx.streams.open(req, res, SECURITY_HEADERS);
    return;
  }
  if (api) {
    let name: string;
    try {
      name = decodeURIComponent(url.pathname.slice('/api/'.length));
    } catch {
      refuse(res, true, 404, 'not-found', 'malformed channel name');
      return;
    }
    await handleApiCall(ctx.backend, ctx.onError, req, res, name);
    return;
  }
  await handleStatic(ctx, req, res, url);
}
