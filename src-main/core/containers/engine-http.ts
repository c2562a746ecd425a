// HTTP to one engine over node:http (unix socket, named pipe or plain tcp): one bounded request
// (timeout, size cap) or one event stream, with every failure told in plain words and what to do.
import http from 'node:http';
import type { EngineKind } from '../../domain/container.js';
import type { EngineAddress } from './engine-address.js';

/** What a request needs to know about its engine: where it is, and what kind (for the advice). */
export interface EngineTarget {
  address: EngineAddress;
  kind: EngineKind;
}

export type EngineErrorCause = 'permission' | 'not-running' | 'timeout' | 'not-api' | 'failed';

/** An engine that could not be asked; `message` is the `EngineStatus.reason` as the user reads it. */
export class EngineError extends Error {
  override readonly name = 'EngineError';
  constructor(
    message: string,
    readonly engineCause: EngineErrorCause,
  ) {
    super(message);
  }
}

export interface EngineRequest {
  method: 'GET' | 'POST';
  /** Path and query, e.g. `/v1.41/containers/json`. */
  path: string;
  timeoutMs: number;
  /** An answer longer than this is cut off and refused, so a broken engine cannot fill memory. */
  maxBytes: number;
}

export interface EngineReply {
  status: number;
  body: string;
}

/** Seconds as the messages say them: `1 s`, `0.2 s`, `15 s`. */
export function secondsText(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

function requestOptions(address: EngineAddress, method: string, path: string): http.RequestOptions {
  const where = 'host' in address ? { host: address.host, port: address.port } : address;
  // No agent: each call has its own short connection, and nothing pooled keeps Node alive.
  return { ...where, method, path, agent: false, headers: { Accept: 'application/json' } };
}

/** Sends one request and reads the whole answer. Rejects only with an `EngineError`. */
export function requestEngine(target: EngineTarget, request: EngineRequest): Promise<EngineReply> {
  return new Promise((resolve, reject) => {
    const req = http.request(requestOptions(target.address, request.method, request.path));
    const fail = (error: EngineError): void => {
      req.destroy();
      reject(error);
    };
    const timer = setTimeout(
      () =>
        fail(new EngineError(`did not answer within ${secondsText(request.timeoutMs)}`, 'timeout')),
      request.timeoutMs,
    );
    timer.unref();
    req.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(connectError(error, target));
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > request.maxBytes) {
          clearTimeout(timer);
          fail(
            new EngineError(
              `answered with more than ${Math.round(request.maxBytes / 1024)} KiB, which is not what the Docker API sends`,
              'not-api',
            ),
          );
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(connectError(error, target));
      });
    });
    req.end();
  });
}

/** A connection failure in words: what happened and what the user can do about it. */
export function connectError(error: NodeJS.ErrnoException, target: EngineTarget): EngineError {
  if (error instanceof EngineError) return error;
  const where =
    'host' in target.address
      ? `${target.address.host}:${target.address.port}`
      : target.address.socketPath;
  const start =
    target.kind === 'podman'
      ? 'start its socket (`systemctl start podman.socket`, with --user for rootless Podman)'
      : 'start Docker (`sudo systemctl start docker`, or Docker Desktop)';
  switch (error.code) {
    case 'EACCES':
    case 'EPERM':
      return new EngineError(
        target.kind === 'podman'
          ? `permission denied on ${where}: run with sudo, or use rootless Podman (\`systemctl --user enable --now podman.socket\`)`
          : `permission denied on ${where}: add yourself to the docker group (\`sudo usermod -aG docker $USER\`, then log in again) or run with sudo`,
        'permission',
      );
    case 'ENOENT':
      return new EngineError(
        `not running: there is no socket at ${where}; ${start}`,
        'not-running',
      );
    case 'ECONNREFUSED':
      return new EngineError(
        `not running: ${where} refused the connection; ${start}`,
        'not-running',
      );
    default:
      return new EngineError(
        `could not be reached at ${where} (${error.code ?? 'error'}: ${error.message})`,
        'failed',
      );
  }
}

export interface StreamHandlers {
  /** Headers arrived: the stream is live when `status` is 200. */
  onOpen(status: number): void;
  onLine(line: string): void;
  /** The stream ended or failed; called once, and not after `close()`. */
  onEnd(error: EngineError | null): void;
}

/** Longest event line kept; a longer one is dropped (an event is a few hundred bytes). */
const MAX_LINE = 64 * 1024;

/**
 * Opens a long-lived GET whose body is newline-delimited JSON, open until the engine ends it or
 * `close()` is called. No timeout: some engines (Podman 5.2's compatible API) send the headers only
 * with the first event, and a quiet stream is healthy. Its socket is unref'd: an open stream never
 * keeps Node alive.
 */
export function openEngineStream(
  target: EngineTarget,
  path: string,
  handlers: StreamHandlers,
): { close(): void } {
  let done = false;
  const finish = (error: EngineError | null): void => {
    if (done) return;
    done = true;
    req.destroy();
    handlers.onEnd(error);
  };
  const req = http.request(requestOptions(target.address, 'GET', path));
  req.on('socket', (socket) => socket.unref());
  req.on('error', (error: NodeJS.ErrnoException) => finish(connectError(error, target)));
  req.on('response', (res) => {
    handlers.onOpen(res.statusCode ?? 0);
    let pending = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      pending += chunk;
      let newline: number;
      while ((newline = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, newline).trim();
        pending = pending.slice(newline + 1);
        if (line && !done) handlers.onLine(line);
      }
      if (pending.length > MAX_LINE) pending = '';
    });
    res.on('end', () => finish(null));
    res.on('error', (error: NodeJS.ErrnoException) => finish(connectError(error, target)));
    res.on('close', () => finish(null));
  });
  req.end();
  return {
    close: () => {
      done = true;
      req.destroy();
    },
  };
}
