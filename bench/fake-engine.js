// A fake Docker Engine API (20.10, API 1.41) on a unix socket in a temp dir, for the bench's
// `tick-engine` row: /_ping, /version, /v1.41/containers/json and an /events stream held open.
// It counts every request, so the bench can show that a steady tick asks the engine nothing.
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * @typedef {{Id: string, Names: string[], Image: string, State: string,
 *   Ports: {IP: string, PrivatePort: number, PublicPort: number, Type: string}[],
 *   Labels: Record<string, string>,
 *   NetworkSettings: {Networks: Record<string, {IPAddress: string}>}}} FakeContainer
 */

const VERSION = { Version: '20.10.24', ApiVersion: '1.41', MinAPIVersion: '1.12', Os: 'linux' };

/**
 * One container per listener given, publishing that listener's port on its host address, shaped
 * as Docker 20.10 lists them (tests/fixtures/engines/docker-containers.json).
 * @param {{protocol: 'tcp'|'udp', host: string, port: number}[]} listeners
 * @returns {FakeContainer[]}
 */
export function containersPublishing(listeners) {
  return listeners.map((l, i) => ({
    Id: (i + 1).toString(16).padStart(64, 'c'),
    Names: [`/bench-${i + 1}`],
    Image: 'porthole-bench:1',
    State: 'running',
    Ports: [{ IP: l.host, PrivatePort: 8080, PublicPort: l.port, Type: l.protocol }],
    Labels: { 'com.docker.compose.project': 'bench', 'com.docker.compose.service': `s${i + 1}` },
    NetworkSettings: {
      Networks: { bridge: { IPAddress: `172.17.${(i >> 8) & 255}.${(i & 255) + 2}` } },
    },
  }));
}

/**
 * Starts the engine; `close()` ends the held event streams, the server and the temp dir.
 * @param {FakeContainer[]} containers what /containers/json answers
 */
export async function startFakeEngine(containers) {
  const dir = mkdtempSync(path.join(tmpdir(), 'porthole-bench-engine-'));
  const socketPath = path.join(dir, 'docker.sock');
  /** @type {string[]} */
  const requests = [];
  const list = JSON.stringify(containers);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://engine');
    requests.push(`${req.method} ${url.pathname}`);
    const json = (/** @type {number} */ status, /** @type {string} */ body) => {
      res.writeHead(status, { 'Content-Type': 'application/json', 'Api-Version': '1.41' });
      res.end(body);
    };
    const route = url.pathname.replace(/^\/v1\.41(?=\/)/, '');
    if (req.method !== 'GET') json(405, '{"message":"method not allowed"}');
    else if (route === '/_ping') {
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Api-Version': '1.41' });
      res.end('OK');
    } else if (route === '/version') json(200, JSON.stringify(VERSION));
    else if (route === '/containers/json') json(200, list);
    else if (route === '/events') {
      // Docker sends the headers at once and then one JSON line per event: none come here.
      res.writeHead(200, { 'Content-Type': 'application/json', 'Api-Version': '1.41' });
      res.flushHeaders();
    } else json(404, '{"message":"page not found"}');
  });
  try {
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(socketPath, () => resolve(undefined));
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    /** The temp dir holding the socket (and nothing else). */
    dir,
    socketPath,
    /** Every request so far, `GET /v1.41/containers/json`, in order. */
    requests,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
