// The exporter's HTTP border: GET /metrics and /healthz, behind a bearer token when one is set.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InputError, describeError } from '../core/errors.js';
import { formatEndpoint } from '../domain/endpoint.js';
import type { ListenAddress } from './listen-address.js';
import { bearerMatches } from './token.js';

export interface MetricsBackend {
  /** The text exposition and its content type. */
  text(): Promise<string>;
  readonly contentType: string;
  /** null when healthy, else why not (the collector is degraded). */
  unhealthy(): string | null;
}

export interface MetricsServer {
  host: string;
  port: number;
  close(): Promise<void>;
}

export interface MetricsServerOptions {
  address: ListenAddress;
  backend: MetricsBackend;
  /** null: no token (loopback only; the caller has checked). */
  token: string | null;
  onError?: (error: unknown) => void;
}

/** A Host naming this machine: without a token, a page whose name was rebound to 127.0.0.1 is refused. */
function loopbackHost(req: IncomingMessage): boolean {
  const host = (req.headers.host ?? '').toLowerCase().replace(/:\d+$/, '');
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function send(res: ServerResponse, status: number, body: string, headers = {}): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(body);
}

async function answer(
  options: MetricsServerOptions,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const { token, backend } = options;
  if (token === null ? !loopbackHost(req) : !bearerMatches(req.headers.authorization, token)) {
    if (token === null)
      send(res, 403, 'not allowed: the Host must be localhost or a loopback address\n');
    else
      send(res, 401, 'a bearer token is required\n', {
        'WWW-Authenticate': 'Bearer realm="porthole"',
      });
    return;
  }
  const path = (req.url ?? '/').split('?')[0];
  if (path !== '/metrics' && path !== '/healthz') {
    send(res, 404, 'not found: try /metrics or /healthz\n');
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, 405, 'only GET\n', { Allow: 'GET, HEAD' });
    return;
  }
  if (path === '/healthz') {
    const why = backend.unhealthy();
    send(res, why === null ? 200 : 503, why === null ? 'ok\n' : `degraded: ${why}\n`);
    return;
  }
  const body = await backend.text();
  send(res, 200, req.method === 'HEAD' ? '' : body, { 'Content-Type': backend.contentType });
}

function listen(server: Server, { host, port }: ListenAddress): Promise<number> {
  const where = formatEndpoint(host, port);
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      const why =
        error.code === 'EADDRINUSE'
          ? `${where} is already in use: pick another with --listen`
          : error.code === 'EACCES'
            ? `not allowed to listen on ${where}: ports below 1024 need privileges`
            : error.code === 'EADDRNOTAVAIL'
              ? `${host} is not an address of this machine`
              : null;
      reject(why ? new InputError(`--listen: ${why}`) : error);
    };
    server.once('error', onError);
    server.listen({ host, port, exclusive: true }, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  const onError = options.onError ?? (() => undefined);
  const server = createServer((req, res) => {
    answer(options, req, res).catch((error: unknown) => {
      onError(error);
      if (res.headersSent) res.end();
      else send(res, 500, `internal error: ${describeError(error)}\n`);
    });
  });
  const port = await listen(server, options.address);
  return {
    host: options.address.host,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
