// Soak child: either churns loopback listeners at random (open one, close one, bounded), or flaps one
// watched TCP port up and down on a fixed rhythm. Exits when stdin closes, on SIGTERM or at its lifetime.
import net from 'node:net';
import dgram from 'node:dgram';
import { createInterface } from 'node:readline';
import { setTimeout } from 'node:timers';

/**
 * @typedef {{mode: 'churn', seed: number, maxListeners: number, stepMs: number, lifetimeMs: number}} ChurnSpec
 * @typedef {{mode: 'flap', upMs: number, downMs: number, lifetimeMs: number}} FlapSpec
 * @typedef {{close(): void}} Closable
 */

/** @type {ChurnSpec | FlapSpec} */
const spec = JSON.parse(process.argv[2] ?? '{}');
/** @type {Closable[]} */
const open = [];
let stopped = false;

/** mulberry32: a seeded run churns the same way again. @param {number} seed */
function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** @param {string} host @param {number} port @returns {Promise<net.Server>} */
function listenTcp(host, port) {
  return new Promise((resolve, reject) => {
    const server = net.createServer((sock) => sock.resetAndDestroy());
    server.once('error', reject);
    server.listen({ host, port }, () => resolve(server));
  });
}

/** @param {string} host @returns {Promise<dgram.Socket>} */
function bindUdp(host) {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4');
    socket.once('error', reject);
    socket.bind({ address: host, port: 0 }, () => resolve(socket));
  });
}

/** @param {ChurnSpec} s */
async function churn(s) {
  const random = seeded(s.seed);
  let opened = 0;
  let closed = 0;
  while (!stopped) {
    // Lean towards opening while few are open and towards closing near the bound.
    const wantOpen = open.length < s.maxListeners && random() > open.length / s.maxListeners;
    if (wantOpen) {
      const host = random() < 0.5 ? '127.0.0.1' : '::1';
      try {
        open.push(random() < 0.8 ? await listenTcp(host, 0) : await bindUdp(host));
        opened += 1;
      } catch {
        // A refused bind (no ::1 here) is churn too: nothing opened, carry on.
      }
    } else if (open.length > 0) {
      const [victim] = open.splice(Math.floor(random() * open.length), 1);
      victim?.close();
      closed += 1;
    }
    process.stdout.write(JSON.stringify({ opened, closed, open: open.length }) + '\n');
    await new Promise((resolve) => setTimeout(resolve, s.stepMs * (0.5 + random())));
  }
}

/** @param {FlapSpec} s */
async function flap(s) {
  // The first listen picks the port; every later one takes the same number again.
  let server = await listenTcp('127.0.0.1', 0);
  const port = /** @type {net.AddressInfo} */ (server.address()).port;
  process.stdout.write(JSON.stringify({ port }) + '\n');
  let flips = 0;
  while (!stopped) {
    await new Promise((resolve) => setTimeout(resolve, s.upMs));
    await new Promise((resolve) => server.close(resolve));
    await new Promise((resolve) => setTimeout(resolve, s.downMs));
    if (stopped) break;
    // A churn child may have been handed this number meanwhile: wait for it to go, then take it back.
    for (;;) {
      try {
        server = await listenTcp('127.0.0.1', port);
        break;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, s.downMs));
      }
    }
    flips += 1;
    process.stdout.write(JSON.stringify({ port, flips }) + '\n');
  }
}

function shutdown() {
  stopped = true;
  for (const handle of open) handle.close();
  process.exit(0);
}

setTimeout(shutdown, spec.lifetimeMs).unref();
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
createInterface({ input: process.stdin }).on('close', shutdown);
try {
  await (spec.mode === 'flap' ? flap(spec) : churn(spec));
} catch (error) {
  process.stdout.write(JSON.stringify({ error: String(error) }) + '\n');
  process.exit(3);
}
