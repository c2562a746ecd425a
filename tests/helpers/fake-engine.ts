// A fake container engine for tests: a node:http server speaking the few Engine API calls Porthole
// makes, on a unix socket in a temp dir (or loopback tcp), replaying tests/fixtures/engines/*.json.
//
//   const engine = await startFakeEngine({ flavour: 'podman' });
//   const source = createContainerSource({ env: { DOCKER_HOST: engine.endpoint }, candidates: [] });
//   ... engine.count('/containers/json'), engine.pushEvent({...}), engine.mode = 'hang' ...
//   await engine.close(); // in afterEach: stops the server, ends streams, removes the temp dir
//
// Routes (an optional /v1.xx prefix is accepted everywhere): GET /version, GET /containers/json,
// GET /containers/{id}/json, POST /containers/{id}/stop, GET /events (held open; pushEvent writes).
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type FakeEngineFlavour = 'docker' | 'podman';

/** How the engine answers: normally, never (hang), with HTML, or with JSON of the wrong shape. */
export type FakeEngineMode = 'ok' | 'hang' | 'garbage' | 'wrong-shape';

export interface FakeEngineOptions {
  /** Which recorded answers to replay (`<flavour>-version.json`, `<flavour>-containers.json`). */
  flavour?: FakeEngineFlavour;
  /** Unix socket (default) or 127.0.0.1 on a free port, for `tcp://` endpoints. */
  listen?: 'unix' | 'tcp';
  /** Folder for the socket; default a new temp dir, removed by close(). */
  dir?: string;
  socketName?: string;
  /** False: GET /events answers 404, like an engine without an event stream. */
  events?: boolean;
  /** 'first-event': /events sends its headers only with the first event (Podman 5.2's compatible
   *  API did); default 'at-once', as Docker does. */
  eventHeaders?: 'at-once' | 'first-event';
}

export interface FakeRequest {
  method: string;
  /** The URL as sent, query included. */
  url: string;
  /** The route without version prefix and query: `/containers/json`. */
  route: string;
}

const FIXTURES = path.join(path.dirname(new URL(import.meta.url).pathname), '../fixtures/engines');

/** A recorded Engine API answer from tests/fixtures/engines/, parsed (a fresh copy each call). */
export function engineFixture<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8')) as T;
}

/** The recorded Docker event lines (tests/fixtures/engines/docker-events.ndjson), parsed. */
export function recordedEvents(): Record<string, unknown>[] {
  return readFileSync(path.join(FIXTURES, 'docker-events.ndjson'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

interface ListedContainer {
  Id: string;
  Names?: string[];
  Image?: string;
}

export class FakeEngine {
  /** How every request is answered from now on. */
  mode: FakeEngineMode = 'ok';
  /** What GET /containers/json returns; edit freely (a successful stop removes the container). */
  containers: ListedContainer[];
  /** Every request received, in order (including /events). */
  readonly requests: FakeRequest[] = [];
  /** Container IDs POSTed to /stop, in order. */
  readonly stops: string[] = [];
  /** Forced status for POST /containers/{id}/stop by ID (304, 500…); otherwise 204 or 404. */
  readonly stopStatus = new Map<string, number>();
  /** Set by startFakeEngine: `unix:///tmp/…/docker.sock` or `tcp://127.0.0.1:PORT`. */
  endpoint = '';
  socketPath: string | null = null;
  private readonly streams = new Set<http.ServerResponse>();
  /** Streams whose headers wait for the first event. */
  private readonly pendingHeaders = new Set<http.ServerResponse>();
  private readonly sockets = new Set<Socket>();
  private readonly version: unknown;
  private unrefd = false;

  constructor(
    readonly server: http.Server,
    readonly flavour: FakeEngineFlavour,
    private readonly eventsEnabled: boolean,
    private readonly ownDir: string | null,
    private readonly lateHeaders = false,
  ) {
    this.version = engineFixture(`${flavour}-version.json`);
    this.containers = engineFixture<ListedContainer[]>(`${flavour}-containers.json`);
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      if (this.unrefd) socket.unref();
      socket.on('close', () => this.sockets.delete(socket));
    });
    server.on('request', (req, res) => this.answer(req, res));
  }

  /** Requests received so far whose route contains `part` (all requests without it). */
  count(part?: string): number {
    return part === undefined
      ? this.requests.length
      : this.requests.filter((r) => r.route.includes(part)).length;
  }

  /** /events streams open right now. */
  get openStreams(): number {
    return this.streams.size;
  }

  /** Writes one event line to every open /events stream. */
  pushEvent(event: Record<string, unknown>): void {
    const line = `${JSON.stringify(event)}\n`;
    for (const res of this.streams) {
      if (this.pendingHeaders.delete(res))
        res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write(line);
    }
  }

  /** Ends every open /events stream, as an engine restart would. */
  endEventStreams(): void {
    for (const res of this.streams) {
      if (this.pendingHeaders.delete(res))
        res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end();
    }
    this.streams.clear();
  }

  /** Waits (bounded, polling every 10 ms) until `test()` holds; throws after `ms` of not holding. */
  async until(test: () => boolean, ms = 5000): Promise<void> {
    for (let waited = 0; !test(); waited += 10) {
      if (waited >= ms) throw new Error(`fake engine: condition not met within ${ms} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Lets Node exit while the engine runs (server and connections unref'd), so a test can check
   *  that what the code under test holds open does not keep Node alive either. */
  unref(): void {
    this.unrefd = true;
    this.server.unref();
    for (const socket of this.sockets) socket.unref();
  }

  /** Stops the server, drops every connection (hung ones too) and removes its temp dir. */
  async close(): Promise<void> {
    this.endEventStreams();
    for (const socket of this.sockets) socket.destroy();
    if (this.server.listening) {
      const closed = once(this.server, 'close');
      this.server.close();
      await closed;
    }
    if (this.ownDir) await rm(this.ownDir, { recursive: true, force: true });
  }

  private answer(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = req.url ?? '/';
    const route = url.replace(/\?.*$/, '').replace(/^\/v\d+\.\d+(?=\/)/, '');
    const method = req.method ?? 'GET';
    this.requests.push({ method, url, route });
    req.resume();
    if (this.mode === 'hang') return; // never answered; close() destroys the connection
    if (this.mode === 'garbage')
      return void send(res, 200, '<html>not an engine</html>', 'text/html');
    if (this.mode === 'wrong-shape') return void json(res, 200, { hello: 'world' });

    const stop = /^\/containers\/([^/]+)\/stop$/.exec(route);
    const inspect = /^\/containers\/([^/]+)\/json$/.exec(route);
    if (method === 'GET' && route === '/version') return void json(res, 200, this.version);
    if (method === 'GET' && route === '/containers/json')
      return void json(res, 200, this.containers);
    if (method === 'GET' && route === '/events') return this.openEvents(res);
    if (method === 'GET' && inspect) return this.inspect(res, inspect[1]!);
    if (method === 'POST' && stop) return this.stop(res, stop[1]!);
    json(res, 404, { message: 'page not found' });
  }

  private find(id: string): ListedContainer | undefined {
    return this.containers.find((c) => c.Id.startsWith(id));
  }

  private inspect(res: http.ServerResponse, id: string): void {
    const found = this.find(id);
    if (!found) return void json(res, 404, { message: `No such container: ${id}` });
    json(res, 200, {
      Id: found.Id,
      Name: found.Names?.[0] ?? '',
      Image: 'sha256:0000000000000000000000000000000000000000000000000000000000000000',
      Config: { Image: found.Image ?? '' },
    });
  }

  private stop(res: http.ServerResponse, id: string): void {
    this.stops.push(id);
    const found = this.find(id);
    const status = this.stopStatus.get(id) ?? (found ? 204 : 404);
    if (status === 204 && found) {
      this.containers = this.containers.filter((c) => c !== found);
      const name = found.Names?.[0]?.replace(/^\//, '') ?? '';
      for (const action of ['kill', 'die', 'stop']) {
        this.pushEvent({
          Type: 'container',
          Action: action,
          id: found.Id,
          Actor: { ID: found.Id, Attributes: { name } },
        });
      }
    }
    if (status === 204 || status === 304) return void send(res, status, '', 'text/plain');
    if (status === 404) return void json(res, 404, { message: `No such container: ${id}` });
    json(res, status, { message: `cannot stop container: ${id}: engine says no` });
  }

  private openEvents(res: http.ServerResponse): void {
    if (!this.eventsEnabled) return void json(res, 404, { message: 'page not found' });
    this.streams.add(res);
    res.on('close', () => {
      this.streams.delete(res);
      this.pendingHeaders.delete(res);
    });
    if (this.lateHeaders) return void this.pendingHeaders.add(res);
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.flushHeaders();
  }
}

function send(res: http.ServerResponse, status: number, body: string, type: string): void {
  res.writeHead(status, { 'Content-Type': type });
  res.end(body);
}

function json(res: http.ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), 'application/json');
}

/** Starts a fake engine; always `close()` it (afterEach), even when the test fails. */
export async function startFakeEngine(options: FakeEngineOptions = {}): Promise<FakeEngine> {
  const server = http.createServer();
  const listen = options.listen ?? 'unix';
  const ownDir =
    listen === 'unix' && !options.dir
      ? await mkdtemp(path.join(tmpdir(), 'porthole-engine-'))
      : null;
  const engine = new FakeEngine(
    server,
    options.flavour ?? 'docker',
    options.events ?? true,
    ownDir,
    options.eventHeaders === 'first-event',
  );
  if (listen === 'tcp') {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('fake engine: no tcp address');
    engine.endpoint = `tcp://127.0.0.1:${address.port}`;
    return engine;
  }
  const socketPath = path.join(options.dir ?? ownDir!, options.socketName ?? 'docker.sock');
  server.listen(socketPath);
  await once(server, 'listening').catch(async (error: unknown) => {
    if (ownDir) await rm(ownDir, { recursive: true, force: true });
    throw error;
  });
  engine.socketPath = socketPath;
  engine.endpoint = `unix://${socketPath}`;
  return engine;
}
