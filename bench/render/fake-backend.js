// A stand-in for `porthole serve`: same HTTP protocol, serves the built window, answers from a fixed state.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { settingsView } from './state.js';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 */
function json(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * Starts the fake server on 127.0.0.1 (random port).
 * @param {{ root: string, state: () => unknown }} options  root: the built window (out/renderer)
 * @returns {Promise<{ origin: string, close(): Promise<void> }>}
 */
export async function startFakeBackend({ root, state }) {
  const resolvedRoot = path.resolve(root);
  /** @type {Set<import('node:http').ServerResponse>} */
  const streams = new Set();

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/api/events' && req.method === 'GET') {
      res.writeHead(200, {
        'Content-Type': 'text/event-stream',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
      });
      res.write(`data: ${JSON.stringify({ type: 'state', state: state() })}\n\n`);
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    if (url.pathname.startsWith('/api/') && req.method === 'POST') {
      const channel = decodeURIComponent(url.pathname.slice('/api/'.length));
      req.resume();
      req.on('end', () => {
        if (channel === 'porthole:state:get') json(res, 200, { ok: true, value: state() });
        else if (channel === 'porthole:settings:get')
          json(res, 200, { ok: true, value: settingsView() });
        else if (channel === 'porthole:history:query') json(res, 200, { ok: true, value: [] });
        else
          json(res, 200, {
            ok: false,
            error: { code: 'unavailable', message: `${channel} is not part of the render bench` },
          });
      });
      return;
    }
    if (req.method !== 'GET') return json(res, 405, { ok: false });
    const relative =
      url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
    const file = path.resolve(resolvedRoot, relative);
    if (!file.startsWith(resolvedRoot + path.sep)) return json(res, 403, { ok: false });
    readFile(file).then(
      (body) => {
        res.writeHead(200, {
          'Content-Type':
            TYPES[/** @type {keyof TYPES} */ (path.extname(file))] ?? 'application/octet-stream',
          'Cache-Control': 'no-store',
        });
        res.end(body);
      },
      () => json(res, 404, { ok: false }),
    );
  });

  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    origin: `http://127.0.0.1:${address.port}`,
    async close() {
      for (const res of streams) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}
