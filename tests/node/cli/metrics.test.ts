// `porthole metrics` end to end: the first line, /metrics read back over real sockets, saved and
// --watch targets, the token rule off loopback, and a clean stop on SIGTERM and SIGINT.
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { holdSockets, stopAllHolders } from '../../helpers/sockets.js';
import { parseSamples, valueOf, type Sample } from '../metrics/prom-text.js';
import {
  cleanupConfigDirs,
  freshConfigDir,
  runCli,
  startCli,
  stopAllClis,
  type StreamingCli,
} from './run-cli.js';

afterEach(async () => {
  await stopAllClis();
  await stopAllHolders();
});
afterAll(() => cleanupConfigDirs());

const FIRST_LINE = /^http:\/\/127\.0\.0\.1:(\d{1,5})\/metrics$/;

/** Starts the exporter and reads its first line: the URL to scrape. */
async function exporter(
  args: string[],
  configDir = freshConfigDir(),
): Promise<{ cli: StreamingCli; url: string; port: number }> {
  const cli = startCli(['metrics', ...args], configDir);
  const url = await cli.nextLine(() => true, 15_000);
  const port = Number(new URL(url).port);
  return { cli, url, port };
}

async function scrape(url: string, headers: Record<string, string> = {}): Promise<Sample[]> {
  const response = await fetch(url, { headers });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseSamples(await response.text());
}

/** Scrapes until `check` holds (bounded); returns the last samples. */
async function scrapeUntil(
  url: string,
  check: (samples: Sample[]) => boolean,
  timeoutMs = 12_000,
): Promise<Sample[]> {
  const deadline = Date.now() + timeoutMs;
  let samples = await scrape(url);
  while (!check(samples)) {
    if (Date.now() > deadline)
      throw new Error(`not seen within ${timeoutMs} ms:\n${JSON.stringify(samples)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    samples = await scrape(url);
  }
  return samples;
}

/** True when `port` on 127.0.0.1 can be bound again (the exporter let it go). */
function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () =>
      server.close(() => resolve(true)),
    );
  });
}

describe('porthole metrics', () => {
  test('prints the URL first, serves the watched listener as up, and stops on SIGTERM freeing its port', async () => {
    const holder = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    const target = `127.0.0.1:${holder.sockets[0]!.port}`;
    const { cli, url, port } = await exporter(['--listen', '127.0.0.1:0', '--watch', target]);
    expect(url).toMatch(FIRST_LINE);
    expect(port).toBeGreaterThan(0);

    const samples = await scrapeUntil(
      url,
      (s) => valueOf(s, 'porthole_watch_up', { target }) === 1,
    );
    expect(valueOf(samples, 'porthole_watch_probe_seconds', { target })).toBeGreaterThanOrEqual(0);
    expect(valueOf(samples, 'porthole_collector_up')).toBe(1);
    // The holder's listener is among this machine's loopback TCP listeners (the first snapshot
    // comes before the exporter binds its own).
    expect(
      valueOf(samples, 'porthole_listeners', { protocol: 'tcp', exposure: 'loopback' }),
    ).toBeGreaterThanOrEqual(1);
    expect(valueOf(samples, 'porthole_collect_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(valueOf(samples, 'porthole_watch_transitions_total', { target, event: 'up' })).toBe(1);
    const health = await fetch(url.replace(/metrics$/, 'healthz'));
    expect([health.status, await health.text()]).toEqual([200, 'ok\n']);

    expect(await cli.stop('SIGTERM')).toBe(0);
    expect(cli.stderr()).not.toMatch(/error/i);
    expect(await portFree(port)).toBe(true);
  });

  test('runs the saved watches and follows settings as they change', async () => {
    const configDir = freshConfigDir();
    const holder = await holdSockets({ listen: [{ host: '127.0.0.1' }, { host: '127.0.0.1' }] });
    const [first, second] = holder.sockets.map((s) => String(s.port));
    expect((await runCli(['watch', first!, '--save', '--once'], configDir)).code).toBe(0);
    const { cli, url } = await exporter(['--listen', '127.0.0.1:0'], configDir);
    await scrapeUntil(url, (s) => valueOf(s, 'porthole_watch_up', { target: first! }) === 1);
    expect(cli.stderr()).toContain('serving metrics of 1 watch');
    expect((await runCli(['watch', second!, '--save', '--once'], configDir)).code).toBe(0);
    await scrapeUntil(url, (s) => valueOf(s, 'porthole_watch_up', { target: second! }) === 1);
    expect(await cli.stop('SIGINT')).toBe(0);
  });

  test('anything but loopback without --token-file exits 2 saying why, serving nothing', async () => {
    const result = await runCli(['metrics', '--listen', '0.0.0.0:0'], freshConfigDir());
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('porthole: --listen 0.0.0.0:0 is not a loopback address');
    expect(result.stderr).toContain('--token-file');
    expect(result.stderr).toContain('Authorization: Bearer');
  });

  test('with --token-file, requests need the bearer token', async () => {
    const configDir = freshConfigDir();
    const tokenFile = path.join(configDir, 'metrics.token');
    writeFileSync(tokenFile, 'k7Qp-metrics-secret\n', { mode: 0o600 });
    const cli = startCli(
      ['metrics', '--listen', '0.0.0.0:0', '--token-file', tokenFile],
      configDir,
    );
    const url = await cli.nextLine(() => true, 15_000);
    expect(url).toMatch(/^http:\/\/0\.0\.0\.0:\d+\/metrics$/);
    const local = url.replace('0.0.0.0', '127.0.0.1');
    expect((await fetch(local)).status).toBe(401);
    expect((await fetch(local, { headers: { Authorization: 'Bearer nope' } })).status).toBe(401);
    const samples = await scrape(local, { Authorization: 'Bearer k7Qp-metrics-secret' });
    expect(valueOf(samples, 'porthole_collector_up')).toBe(1);
    expect(cli.stderr()).toContain('bearer token required');
    expect(await cli.stop('SIGTERM')).toBe(0);
  });

  test.each([
    [['--listen', 'example.com:9464'], 'does not name an IP address'],
    [['--watch', 'http://x:1'], 'is a URL'],
    [['--token-file', '/nonexistent/porthole.token'], 'cannot read it'],
  ])('bad input %j exits 2 with a message', async (args, message) => {
    const result = await runCli(['metrics', ...args], freshConfigDir());
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
  });
});
