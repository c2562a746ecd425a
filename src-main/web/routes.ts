// Browser mode's HTTP protocol: the same contract as Electron IPC, carried over loopback HTTP.
//
// Protocol (the renderer's HTTP transport follows exactly this):
// - The server binds 127.0.0.1 only. `porthole serve` prints `http://127.0.0.1:<port>/?token=<token>`
//   as the first line of stdout; the token is 32 random bytes, base64url, new on every start.
// - Every request: `Host` must be exactly `127.0.0.1:<port>` or `localhost:<port>` (else 421:
//   DNS rebinding); an `Origin` header, when present, must be `http://127.0.0.1:<port>` or
//   `http://localhost:<port>` (else 403); the token must match (else 401).
// - `GET /?token=T` sets the cookie `porthole_token=T; HttpOnly; SameSite=Strict; Path=/` and
//   serves index.html (`/` with the cookie alone works too). Other files come from out/renderer
//   and need the cookie. Without a built window, `/` says how to build it.
// - `POST /api/<channel>`, the channel name URL-encoded (`/api/porthole%3Awatches%3Aadd`),
//   `Content-Type: application/json`, body = the request as JSON (empty for requests without
//   payload), auth by the cookie or the header `X-Porthole-Token: T`. Answer: 200 with an
//   Envelope, `{"ok":true,"value":...}` or `{"ok":false,"error":{"code","message"}}`; an invalid
//   payload gives the code `invalid-request`. Unknown channel: 404; body over 64 KiB: 413;
//   another content type: 415.
// - `GET /api/state` (auth by the cookie or the header): `{"ok":true,"value":<PortholeState>,
//   "sockets":{"fields":[...],"rows":[[...]]},"instance":I,"seq":N}`: the state holding every
//   event numbered up to N, its snapshot's sockets sent as columns beside it (`value.snapshot.
//   sockets` is empty; shared/socket-columns.ts). index.html is served with `<link rel="preload"
//   as="fetch">` for it, so the state travels while the script loads.
// - `GET /api/events` (auth by the cookie, the header or `?token=`): Server-Sent Events. First
//   `event: ready` with `{"instance":I,"seq":N}` (this stream delivers every event numbered above
//   N), then one `id: <n>` + `data: <PortholeEvent JSON>` message per event, and a comment line
//   every 15 s. See event-stream.ts for how a window orders the two.
// - Hashed build files under `/assets/` never change: they are cached for a year (`immutable`), so
//   a window opened again compiles its script from the browser's code cache.
// - Responses carry a strict CSP, `X-Content-Type-Options: nosniff`, `Referrer-Policy:
//   no-referrer`; API answers also `Cache-Control: no-store`. Killing processes answers
//   `forbidden` unless the server was started with --allow-kill.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PortholeBackend } from '../shared/contract.js';
import { packSockets } from '../shared/socket-columns.js';
import { handleApiCall } from './api-call.js';
import { hasToken, hostAllowed, originAllowed, tokenCookie } from './auth.js';
import type { EventStreams } from './event-stream.js';
import { SECURITY_HEADERS, refuse, send, sendJson } from './responses.js';
import { NOT_BUILT_PAGE, readStatic } from './static-files.js';

export interface RouteContext {
  backend: PortholeBackend;
  streams: EventStreams;
  token: string;
  rendererDir: string;
  /** The bound port, known once the server listens. */
  port: () => number;
  onError: (error: unknown) => void;
}

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
  // The first load sets the cookie, so the window's own requests are authorized from then on.
  const cookie = index ? { 'Set-Cookie': tokenCookie(ctx.token) } : {};
  const file = await readStatic(ctx.rendererDir, url.pathname);
  if (file.kind === 'file') {
    const body = index ? withStatePreload(file.body) : file.body;
    send(res, 200, req.method === 'HEAD' ? '' : body, {
      'Content-Type': file.type,
      'Cache-Control': index ? 'no-store' : cacheControl(url.pathname),
      ...cookie,
    });
  } else if (file.kind === 'forbidden') {
    refuse(res, false, 403, 'forbidden', 'that path is outside the window');
  } else if (index) {
    send(res, 200, NOT_BUILT_PAGE, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      ...cookie,
    });
  } else {
    refuse(res, false, 404, 'not-found', 'not found');
  }
}

/** Vite names every file under assets/ by its content hash: a new build means new names. */
function cacheControl(pathname: string): string {
  return pathname.startsWith('/assets/') ? 'private, max-age=31536000, immutable' : 'no-cache';
}

/**
 * Starts the state's request with the page's own, instead of after the script has loaded and run
 * (the transport's first `GET /api/state` picks the preloaded answer up).
 */
export function withStatePreload(html: Buffer): Buffer {
  const text = html.toString('utf8');
  const at = text.indexOf('</head>');
  if (at < 0) return html;
  const link = '<link rel="preload" href="/api/state" as="fetch" crossorigin="anonymous" />\n  ';
  return Buffer.from(text.slice(0, at) + link + text.slice(at), 'utf8');
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

/** One request: border checks in order (Host, Origin, token), then the route. */
export async function route(
  ctx: RouteContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const port = ctx.port();
  const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
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
  const events = api && url.pathname === '/api/events';
  const sources = {
    cookie: true,
    header: api,
    query: events || url.pathname === '/',
  };
  if (!hasToken(req, url, ctx.token, sources)) {
    refuse(
      res,
      api,
      401,
      'unauthorized',
      'missing or wrong token: open the address porthole serve printed',
    );
    return;
  }
  if (api && url.pathname === '/api/state') {
    handleState(ctx, req, res);
    return;
  }
  if (events) {
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
    await handleApiCall(ctx, req, res, name);
    return;
  }
  await handleStatic(ctx, req, res, url);
}
