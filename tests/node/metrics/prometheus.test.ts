// Against a real Prometheus (Debian's `prometheus`): it scrapes `porthole metrics --watch` every
// second, and a query through its HTTP API sees porthole_watch_up go from 1 to 0 once the watched
// listener (a child process) closes.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { holdSockets, stopAllHolders } from '../../helpers/sockets.js';
import { cleanupConfigDirs, freshConfigDir, startCli, stopAllClis } from '../cli/run-cli.js';
import { findTool, missingTool } from './tools.js';

const temp = mkdtempSync(path.join(tmpdir(), 'porthole-prometheus-'));
let prometheus: ChildProcess | null = null;
let prometheusLog = '';

afterAll(async () => {
  if (prometheus && prometheus.exitCode === null && prometheus.signalCode === null) {
    const exited = once(prometheus, 'exit');
    prometheus.kill('SIGTERM');
    const timer = setTimeout(() => prometheus?.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
  await stopAllClis();
  await stopAllHolders();
  cleanupConfigDirs();
  rmSync(temp, { recursive: true, force: true });
});

/** A port free on 127.0.0.1 a moment ago (Prometheus cannot be asked to pick one and say which). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Polls `read` every 250 ms until it returns something other than undefined (bounded). */
async function poll<T>(what: string, read: () => Promise<T | undefined>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`${what}: not within ${timeoutMs} ms; prometheus said:\n${prometheusLog}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

interface QueryResult {
  status: string;
  data: { result: { metric: Record<string, string>; value: [number, string] }[] };
}

/** The instant value of a PromQL query's one series, or null when it has none. */
async function queryValue(base: string, promql: string): Promise<string | null> {
  const response = await fetch(`${base}/api/v1/query?query=${encodeURIComponent(promql)}`);
  const body = (await response.json()) as QueryResult;
  expect(body.status).toBe('success');
  return body.data.result[0]?.value[1] ?? null;
}

describe.skipIf(missingTool('prometheus', 'apt-get install prometheus'))(
  'a real Prometheus',
  () => {
    test('sees porthole_watch_up go from 1 to 0 when the watched listener closes', async () => {
      const holder = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
      const target = `127.0.0.1:${holder.sockets[0]!.port}`;
      const cli = startCli(
        ['metrics', '--listen', '127.0.0.1:0', '--watch', target],
        freshConfigDir(),
      );
      const exporter = new URL(await cli.nextLine(() => true, 15_000));

      const port = await freePort();
      const config = path.join(temp, 'prometheus.yml');
      writeFileSync(
        config,
        [
          'global:',
          '  scrape_interval: 1s',
          '  scrape_timeout: 1s',
          'scrape_configs:',
          '  - job_name: porthole',
          '    static_configs:',
          `      - targets: ['${exporter.host}']`,
          '',
        ].join('\n'),
      );
      prometheus = spawn(
        findTool('prometheus')!,
        [
          `--config.file=${config}`,
          `--storage.tsdb.path=${path.join(temp, 'data')}`,
          `--web.listen-address=127.0.0.1:${port}`,
          '--log.level=warn',
        ],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      prometheus
        .stderr!.setEncoding('utf8')
        .on('data', (chunk: string) => (prometheusLog += chunk));
      const base = `http://127.0.0.1:${port}`;
      await poll(
        'prometheus ready',
        async () => ((await fetch(`${base}/-/ready`)).ok ? true : undefined),
        30_000,
      );

      const up = `porthole_watch_up{job="porthole",target="${target}"}`;
      const value = (): Promise<string | undefined> =>
        queryValue(base, up).then((v) => v ?? undefined);
      expect(
        await poll('watch up (1)', async () => ((await value()) === '1' ? '1' : undefined), 30_000),
      ).toBe('1');
      // Prometheus scraped it: its own `up` for the job says so.
      expect(await queryValue(base, 'up{job="porthole"}')).toBe('1');

      await holder.stop();
      // Two failed probes 5 s apart make it down; then the next scrape carries the 0.
      expect(
        await poll(
          'watch down (0)',
          async () => ((await value()) === '0' ? '0' : undefined),
          40_000,
        ),
      ).toBe('0');
      expect(
        await queryValue(base, `porthole_watch_transitions_total{target="${target}",event="down"}`),
      ).toBe('1');

      expect(await cli.stop('SIGTERM')).toBe(0);
    }, 120_000);
  },
);
