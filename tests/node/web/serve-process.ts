// Test helpers for browser mode: spawn `porthole serve`, read its address, make raw HTTP requests.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { builtFile } from '../../helpers/built-output.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'porthole.cjs');

export interface Served {
  child: ChildProcess;
  url: string;
  port: number;
  token: string;
  configDir: string;
  stderr: () => string;
  /** Sends a signal and resolves with the exit code (SIGKILL after 5 s). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `porthole serve` with its own config dir; resolves with the first stdout line parsed. */
export async function serve(
  args: string[] = [],
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<Served> {
  builtFile('node/web/server.js');
  const configDir = mkdtempSync(path.join(tmpdir(), 'porthole-serve-'));
  const child = spawn(process.execPath, [BIN, 'serve', ...args], {
    cwd: ROOT,
    env: { ...process.env, PORTHOLE_CONFIG_DIR: configDir, NO_COLOR: '1', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const lines = createInterface({ input: child.stdout });
  const first = await Promise.race([
    once(lines, 'line').then(([line]) => line as string),
    exited.then((code) => {
      throw new Error(`porthole serve exited (${code}) before printing its address: ${stderr}`);
    }),
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`no address within 15 s: ${stderr}`)), 15_000).unref(),
    ),
  ]);
  lines.close();
  const match = /^http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+)$/.exec(first);
  return {
    child,
    url: first,
    port: Number(match?.[1] ?? 0),
    token: match?.[2] ?? '',
    configDir,
    stderr: () => stderr,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A request with exactly the headers given (fetch refuses to set Host, and normalizes paths). */
export function rawRequest(
  port: number,
  options: { path: string; method?: string; headers?: Record<string, string>; body?: string },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: options.path,
        method: options.method ?? 'GET',
        headers: options.headers,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Reads Server-Sent Events from a fetch response body, one parsed `data:` payload at a time. */
export function sseReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const pending: unknown[] = [];
  return {
    /** The next event matching, skipping others; rejects after `ms`. */
    async next(match: (event: unknown) => boolean = () => true, ms = 10_000): Promise<unknown> {
      const deadline = Date.now() + ms;
      for (;;) {
        const index = pending.findIndex(match);
        if (index >= 0) return pending.splice(0, index + 1).pop();
        pending.length = 0;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no matching event within ${ms} ms`);
        let timer: NodeJS.Timeout | undefined;
        const chunk = await Promise.race([
          reader.read(),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no matching event within ${ms} ms`)), left);
          }),
        ]).finally(() => clearTimeout(timer));
        if (chunk.done) throw new Error('the event stream ended');
        buffer += decoder.decode(chunk.value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = message
            .split('\n')
            .filter((line) => line.startsWith('data: '))
            .map((line) => line.slice(6))
            .join('\n');
          if (data) pending.push(JSON.parse(data));
        }
      }
    },
    cancel: () => reader.cancel(),
  };
}
