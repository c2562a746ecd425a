// The exporter's border: --listen parsing and the loopback rule, the token file, and the HTTP server
// on a real loopback socket (routes, bearer check, Host check, health).
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { InputError } from '../../../src-main/core/errors.js';
import { metricsUrl, parseListenAddress } from '../../../src-main/metrics/listen-address.js';
import {
  startMetricsServer,
  type MetricsBackend,
  type MetricsServer,
} from '../../../src-main/metrics/server.js';
import { bearerMatches, readTokenFile } from '../../../src-main/metrics/token.js';

const dir = mkdtempSync(path.join(tmpdir(), 'porthole-metrics-'));
const servers: MetricsServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--listen', () => {
  test.each([
    ['127.0.0.1:9464', '127.0.0.1', 9464, true],
    ['localhost:9464', '127.0.0.1', 9464, true],
    ['[::1]:9464', '::1', 9464, true],
    ['127.0.0.2:0', '127.0.0.2', 0, true],
    ['[::ffff:127.0.0.1]:9464', '127.0.0.1', 9464, true],
    ['0.0.0.0:9464', '0.0.0.0', 9464, false],
    ['[::]:9464', '::', 9464, false],
    ['192.168.1.20:9100', '192.168.1.20', 9100, false],
  ])('%s binds %s port %i, loopback %s', (text, host, port, loopback) => {
    expect(parseListenAddress(text)).toEqual({ host, port, loopback });
  });

  test.each([
    ['9464', /is not HOST:PORT/],
    ['::1:9464', /is not HOST:PORT/],
    ['example.com:9464', /does not name an IP address/],
    ['127.0.0.1:70000', /out of range/],
    ['127.0.0.1:', /is not HOST:PORT/],
  ])('%s is refused', (text, message) => {
    expect(() => parseListenAddress(text)).toThrow(InputError);
    expect(() => parseListenAddress(text)).toThrow(message);
  });

  test('the URL brackets IPv6 hosts', () => {
    expect(metricsUrl('127.0.0.1', 9464)).toBe('http://127.0.0.1:9464/metrics');
    expect(metricsUrl('::1', 9464)).toBe('http://[::1]:9464/metrics');
  });
});

describe('--token-file', () => {
  const file = (name: string, text: string, mode = 0o600): string => {
    const at = path.join(dir, name);
    writeFileSync(at, text);
    chmodSync(at, mode);
    return at;
  };

  test('reads one token without surrounding white space, as Prometheus reads credentials_file', async () => {
    expect(await readTokenFile(file('ok', '  s3cret-token\n'))).toEqual({
      token: 's3cret-token',
      warnings: [],
    });
  });

  test('warns about a file other users can read', async () => {
    const { warnings } = await readTokenFile(file('open', 'tok\n', 0o644));
    expect(warnings).toEqual([expect.stringContaining('chmod 600')]);
  });

  test.each([
    ['empty', '\n', /is empty/],
    ['two', 'one two\n', /one token on one line/],
    ['lines', 'one\ntwo\n', /one token on one line/],
  ])('refuses a %s file', async (name, text, message) => {
    await expect(readTokenFile(file(name, text))).rejects.toThrow(message);
  });

  test('refuses a missing file, saying so', async () => {
    await expect(readTokenFile(path.join(dir, 'missing'))).rejects.toThrow(/cannot read it/);
  });

  test('bearer check: scheme case-insensitive, token exact', () => {
    expect(bearerMatches('Bearer abc', 'abc')).toBe(true);
    expect(bearerMatches('bearer abc', 'abc')).toBe(true);
    expect(bearerMatches('Bearer abcd', 'abc')).toBe(false);
    expect(bearerMatches('Basic abc', 'abc')).toBe(false);
    expect(bearerMatches('abc', 'abc')).toBe(false);
    expect(bearerMatches(undefined, 'abc')).toBe(false);
  });
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request, so the Host header can be anything. */
function get(port: number, urlPath: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<Reply>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: urlPath, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function backend(unhealthy: string | null = null): MetricsBackend {
  return {
    text: () => Promise.resolve('# TYPE porthole_collector_up gauge\nporthole_collector_up 1\n'),
    contentType: 'text/plain; version=0.0.4; charset=utf-8',
    unhealthy: () => unhealthy,
  };
}

async function start(token: string | null, unhealthy: string | null = null): Promise<number> {
  const server = await startMetricsServer({
    address: { host: '127.0.0.1', port: 0, loopback: true },
    backend: backend(unhealthy),
    token,
  });
  servers.push(server);
  return server.port;
}

describe('the HTTP server', () => {
  test('serves /metrics in the text format, /healthz, and nothing else', async () => {
    const port = await start(null);
    const metrics = await get(port, '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(metrics.body).toContain('porthole_collector_up 1');
    expect((await get(port, '/metrics?x=1')).status).toBe(200);
    expect(await get(port, '/healthz')).toMatchObject({ status: 200, body: 'ok\n' });
    expect((await get(port, '/')).status).toBe(404);
    expect((await get(port, '/metrics/x')).status).toBe(404);
    expect((await get(port, '/metrics', {}, 'POST')).status).toBe(405);
    expect(await get(port, '/metrics', {}, 'HEAD')).toMatchObject({ status: 200, body: '' });
  });

  test('/healthz is 503 with the reason while the collector is degraded', async () => {
    const port = await start(null, 'cannot read /proc/net/tcp');
    expect(await get(port, '/healthz')).toMatchObject({
      status: 503,
      body: 'degraded: cannot read /proc/net/tcp\n',
    });
  });

  test('without a token, a Host that does not name this machine is refused (DNS rebinding)', async () => {
    const port = await start(null);
    expect((await get(port, '/metrics', { Host: 'evil.example:9464' })).status).toBe(403);
    expect((await get(port, '/metrics', { Host: `localhost:${port}` })).status).toBe(200);
    expect((await get(port, '/metrics', { Host: '[::1]:9464' })).status).toBe(200);
  });

  test('with a token, every request needs Authorization: Bearer <token>', async () => {
    const port = await start('s3cret');
    const bare = await get(port, '/metrics');
    expect(bare.status).toBe(401);
    expect(bare.headers['www-authenticate']).toBe('Bearer realm="porthole"');
    expect(bare.body).not.toContain('porthole_collector_up');
    expect((await get(port, '/healthz')).status).toBe(401);
    expect((await get(port, '/metrics', { Authorization: 'Bearer wrong' })).status).toBe(401);
    const ok = await get(port, '/metrics', {
      Authorization: 'Bearer s3cret',
      Host: 'metrics.example:9464',
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('porthole_collector_up 1');
  });

  test('a taken port is refused in words', async () => {
    const port = await start(null);
    await expect(
      startMetricsServer({
        address: { host: '127.0.0.1', port, loopback: true },
        backend: backend(),
        token: null,
      }),
    ).rejects.toThrow(`--listen: 127.0.0.1:${port} is already in use`);
  });
});
