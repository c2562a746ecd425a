// Test fixture process: opens the loopback sockets it is told to, prints them as one JSON line,
// and holds them until stdin closes, it is killed, or its lifetime ends (it never outlives a test run).
import net from 'node:net';
import dgram from 'node:dgram';

const spec = JSON.parse(process.argv[2] ?? '{}');
// A process name other than node (Linux's comm follows process.title), for tests of --expect.
if (typeof spec.title === 'string') process.title = spec.title;
const lifetimeMs = spec.lifetimeMs ?? 60_000;
const opened = [];
const handles = [];

function listenTcp({ host, port = 0, ipv6Only = false, backlog = 511 }) {
  return new Promise((resolve, reject) => {
    const server = net.createServer((sock) => handles.push(sock));
    server.once('error', reject);
    server.listen({ host, port, ipv6Only, backlog }, () => {
      handles.push(server);
      resolve({ protocol: 'tcp', host, port: server.address().port });
    });
  });
}

function bindUdp({ host, port = 0, reuseAddr = false }) {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket({ type: host.includes(':') ? 'udp6' : 'udp4', reuseAddr });
    socket.once('error', reject);
    socket.bind({ address: host, port }, () => {
      handles.push(socket);
      resolve({ protocol: 'udp', host, port: socket.address().port });
    });
  });
}

function connectTcp({ host, port }) {
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host, port }, () => {
      handles.push(sock);
      resolve({ protocol: 'tcp', host, port, localPort: sock.localPort, connection: true });
    });
    sock.once('error', reject);
  });
}

try {
  for (const item of spec.listen ?? []) {
    opened.push(item.protocol === 'udp' ? await bindUdp(item) : await listenTcp(item));
  }
  for (const item of spec.connect ?? []) {
    const port = item.port ?? opened[item.toIndex ?? 0]?.port;
    opened.push(await connectTcp({ host: item.host, port }));
  }
  process.stdout.write(JSON.stringify({ pid: process.pid, sockets: opened }) + '\n');
} catch (error) {
  process.stdout.write(
    JSON.stringify({ pid: process.pid, error: String(error?.code ?? error) }) + '\n',
  );
  process.exit(3);
}

// SIGUSR2: the process stays but its TCP listeners close, and it listens again on `onUsr2.listen`
// (each on the first listener's port unless it names one) — a server that stopped listening, or
// moved to another address or family.
process.on('SIGUSR2', async () => {
  const port = opened[0]?.port;
  for (const h of handles) if (h instanceof net.Server) h.close();
  for (const item of spec.onUsr2?.listen ?? []) await listenTcp({ port, ...item });
});

const timer = setTimeout(() => process.exit(0), lifetimeMs);
process.stdin.on('end', () => process.exit(0));
process.stdin.on('close', () => process.exit(0));
process.stdin.resume();
process.on('SIGTERM', () => {
  clearTimeout(timer);
  for (const h of handles) {
    if (typeof h.close === 'function') h.close();
    else h.destroy?.();
  }
  process.exit(0);
});
