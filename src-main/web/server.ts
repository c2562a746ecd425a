// Browser mode's server: node:http on 127.0.0.1 only, with a fresh token, serving the window and its API.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InputError, describeError } from '../core/errors.js';
import type { PortholeBackend } from '../shared/contract.js';
import { newToken } from './auth.js';
import { EventStreams, type EventSourceBackend } from './event-stream.js';
import { refuse } from './responses.js';
import { route } from './routes.js';
import { defaultRendererDir } from '../app-files/static-files.js';

export type WebBackend = PortholeBackend & EventSourceBackend;

export interface WebServerOptions {
  backend: WebBackend;
  /** 0 (default): a random free port. */
  port?: number;
  /** Default: a new random token. */
  token?: string;
  /** Default: out/renderer in the package. */
  rendererDir?: string;
  heartbeatMs?: number;
  /** Number of open event streams, i.e. browser windows showing Porthole. */
  onClientsChange?: (count: number) => void;
  /** Unexpected failures (a handler bug): the client gets a `failed` envelope, this gets the error. */
  onError?: (error: unknown) => void;
}

export interface WebServer {
  /** `http://127.0.0.1:<port>/?token=<token>` */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new InputError(
            `port ${port} is already in use on ${HOST}: pick another with --port, or leave --port out for a free one`,
          ),
        );
      } else if (error.code === 'EACCES') {
        reject(
          new InputError(
            `not allowed to listen on port ${port}: ports below 1024 need privileges; pick another with --port`,
          ),
        );
      } else {
        reject(error);
      }
    };
    server.once('error', onError);
    // Loopback only: never 0.0.0.0 or ::, so nothing else on the network can reach the window.
    server.listen({ host: HOST, port, exclusive: true }, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? newToken();
  const onError = options.onError ?? (() => undefined);
  const streams = new EventStreams(options.backend, {
    heartbeatMs: options.heartbeatMs,
    onCount: options.onClientsChange,
  });
  let boundPort = 0;
  const ctx = {
    backend: options.backend,
    streams,
    token,
    rendererDir: options.rendererDir ?? defaultRendererDir(),
    port: () => boundPort,
    onError,
  };
  const server = createServer((req, res) => {
    route(ctx, req, res).catch((error: unknown) => {
      onError(error);
      if (res.headersSent) res.end();
      else refuse(res, false, 500, 'failed', `internal error: ${describeError(error)}`);
    });
  });
  boundPort = await listen(server, options.port ?? 0);
  return {
    url: `http://${HOST}:${boundPort}/?token=${token}`,
    port: boundPort,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        streams.closeAll();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
