// Starts `porthole serve` (browser mode) with a throwaway config dir and reads the URL it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../../bin/porthole.cjs', import.meta.url));
const URL_LINE = /^http:\/\/127\.0\.0\.1:(\d+)\/\?token=([^\s&]+)$/;

export interface Server {
  /** Exactly the first line `serve` printed: `http://127.0.0.1:<port>/?token=<token>`. */
  url: string;
  origin: string;
  port: number;
  token: string;
  configDir: string;
  child: ChildProcess;
  /** What the server wrote to stderr so far (for failure messages). */
  stderr(): string;
  stop(): Promise<void>;
}

/** Spawns the server; resolves once it printed its URL, rejects if it exits or stays silent. */
export async function startServer(
  args: string[] = [],
  timeoutMs = 20_000,
  /** More environment for the server (DOCKER_HOST for a fake engine). */
  env: Record<string, string> = {},
): Promise<Server> {
  const configDir = await mkdtemp(path.join(tmpdir(), 'porthole-e2e-config-'));
  const child = spawn(process.execPath, [BIN, 'serve', ...args], {
    env: { ...process.env, ...env, PORTHOLE_CONFIG_DIR: configDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errText = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    errText += chunk;
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(configDir, { recursive: true, force: true });
  };

  const lines = createInterface({ input: child.stdout });
  let timer: NodeJS.Timeout | undefined;
  try {
    const first = await Promise.race([
      once(lines, 'line').then(([line]) => String(line)),
      once(child, 'exit').then(([code]) => {
        throw new Error(
          `porthole serve exited (${String(code)}) before printing its URL: ${errText}`,
        );
      }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`porthole serve printed no URL in ${timeoutMs} ms: ${errText}`)),
          timeoutMs,
        );
      }),
    ]);
    const match = URL_LINE.exec(first.trim());
    if (!match)
      throw new Error(`porthole serve's first line is not its URL: ${JSON.stringify(first)}`);
    const port = Number(match[1]);
    return {
      url: first.trim(),
      origin: `http://127.0.0.1:${port}`,
      port,
      token: decodeURIComponent(match[2] ?? ''),
      configDir,
      child,
      stderr: () => errText,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  } finally {
    clearTimeout(timer);
    lines.close();
    // readline paused stdout on close; keep draining it so the child never blocks on a full pipe.
    child.stdout.resume();
  }
}
