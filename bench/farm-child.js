// Socket-farm child: opens its share of loopback listeners, UDP sockets and connections, reports
// them as one JSON line, then holds them until stdin closes, SIGTERM, or its lifetime ends.
import net from 'node:net';
import dgram from 'node:dgram';
import { createInterface } from 'node:readline';
import { setTimeout } from 'node:timers';

/** @type {{listenTcp: number, udp: number, connections: number, offset: number, lifetimeMs: number}} */
const spec = JSON.parse(process.argv[2] ?? '{}');
/** @type {{close(): void}[]} */
const servers = [];
/** @type {net.Socket[]} */
const peers = [];
/** @type {Map<string, {close(): void}>} */
const byKey = new Map();
const listeners = [];
const hosts = ['127.0.0.1', '::1'];

/** @param {string} host */
function listenTcp(host) {
  return new Promise((resolve, reject) => {
    const server = net.createServer((sock) => peers.push(sock));
    server.once('error', reject);
    server.listen({ host, port: 0, backlog: 1024 }, () => {
      const address = /** @type {net.AddressInfo} */ (server.address());
      servers.push(server);
      byKey.set(`tcp ${host} ${address.port}`, server);
      resolve({ protocol: 'tcp', host, port: address.port });
    });
  });
}

/** @param {string} host */
function bindUdp(host) {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4');
    socket.once('error', reject);
    socket.bind({ address: host, port: 0 }, () => {
      servers.push(socket);
      byKey.set(`udp ${host} ${socket.address().port}`, socket);
      resolve({ protocol: 'udp', host, port: socket.address().port });
    });
  });
}

/** @param {{host: string, port: number}} target */
function connectTcp(target) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(target, () => {
      peers.push(sock);
      resolve(undefined);
    });
    sock.once('error', reject);
  });
}

/** Resets connections (RST, so no TIME_WAIT lingers into the next round) and closes the rest. */
function shutdown() {
  for (const sock of peers) sock.resetAndDestroy();
  for (const server of servers) server.close();
  process.exit(0);
}

try {
  for (let i = 0; i < spec.listenTcp; i++)
    listeners.push(await listenTcp(hosts[(i + spec.offset) % 2] ?? ''));
  for (let i = 0; i < spec.udp; i++)
    listeners.push(await bindUdp(hosts[(i + spec.offset) % 2] ?? ''));
  const tcp = listeners.filter((l) => l.protocol === 'tcp');
  for (let i = 0; i < spec.connections && tcp.length > 0; i++) {
    await connectTcp(tcp[i % tcp.length]);
  }
  // Wait (bounded) until the server side has accepted every connection, so both ends exist.
  for (let i = 0; i < 200 && peers.length < 2 * spec.connections; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  process.stdout.write(JSON.stringify({ pid: process.pid, listeners, peers: peers.length }) + '\n');
} catch (error) {
  process.stdout.write(JSON.stringify({ pid: process.pid, error: String(error) }) + '\n');
  process.exit(3);
}

setTimeout(shutdown, spec.lifetimeMs ?? 600_000).unref();
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
// Commands, one JSON line each: {"close":"tcp 127.0.0.1 4000"} closes that listener.
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const { close } = JSON.parse(line);
  const handle = byKey.get(close);
  if (handle) handle.close();
  byKey.delete(close);
  process.stdout.write(
    JSON.stringify({ closed: close, found: Boolean(handle), at: Date.now() }) + '\n',
  );
});
lines.on('close', shutdown);
