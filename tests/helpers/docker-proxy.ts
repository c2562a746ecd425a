// Starts Docker's real docker-proxy without a daemon (fd 3 open, as dockerd starts it) for tests,
// on a free loopback port, and guarantees every one started is stopped.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { accessSync, constants } from 'node:fs';
import net from 'node:net';
import dgram from 'node:dgram';
import type { Readable } from 'node:stream';
import { stopChild } from './sockets.js';

/** Where Debian's docker.io puts it; PORTHOLE_DOCKER_PROXY points elsewhere. */
export const DOCKER_PROXY = process.env.PORTHOLE_DOCKER_PROXY ?? '/usr/sbin/docker-proxy';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** True when docker-proxy can run here. */
export const dockerProxyFound = executable(DOCKER_PROXY);

/** Why docker-proxy tests are skipped, for their names (empty when they run). */
export const dockerProxySkipReason = dockerProxyFound
  ? ''
  : ` (SKIPPED: ${DOCKER_PROXY} not found; apt-get install docker.io, or set PORTHOLE_DOCKER_PROXY)`;

export interface ProxySpec {
  protocol?: 'tcp' | 'udp';
  /** Host address it listens on (127.0.0.1, ::1). */
  hostIp: string;
  /** Default: a port free on hostIp right now. */
  hostPort?: number;
  containerIp?: string;
  containerPort?: number;
}

export interface RunningProxy {
  pid: number;
  protocol: 'tcp' | 'udp';
  hostIp: string;
  hostPort: number;
  containerIp: string;
  containerPort: number;
  /** Its command line as /proc shows it (arguments joined by spaces). */
  command: string;
  child: ChildProcess;
  /** Ends the process and waits until it has exited (its socket is then closed). */
  stop(): Promise<void>;
}

const live = new Set<RunningProxy>();

/** A port free on this address and protocol at this moment (the proxy may still lose a race). */
async function freePort(protocol: 'tcp' | 'udp', host: string): Promise<number> {
  if (protocol === 'udp') {
    const socket = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4');
    socket.bind(0, host);
    await once(socket, 'listening');
    const { port } = socket.address();
    socket.close();
    return port;
  }
  const server = net.createServer();
  server.listen(0, host);
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resolves on the `0` docker-proxy writes on fd 3 once it listens; rejects on its `1\n<error>`,
 *  when it exits first, or when it hangs. */
async function readyOrExit(child: ChildProcess, timeoutMs: number): Promise<void> {
  const ready = child.stdio[3] as Readable;
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      once(ready, 'data').then(([chunk]) => {
        const text = String(chunk);
        if (!text.startsWith('0'))
          throw new Error(`docker-proxy could not listen: ${text.replace(/^1\n/, '').trim()}`);
      }),
      once(child, 'error').then(([error]) => {
        throw error instanceof Error ? error : new Error(String(error));
      }),
      once(child, 'exit').then(([code]) => {
        throw new Error(
          `docker-proxy exited (${String(code)}) before it was ready: ${stderr.trim()}`,
        );
      }),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error('docker-proxy was not ready in time')),
          timeoutMs,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Starts docker-proxy listening on spec.hostIp; resolves once it says it is ready. */
export async function startDockerProxy(spec: ProxySpec): Promise<RunningProxy> {
  const protocol = spec.protocol ?? 'tcp';
  const containerIp = spec.containerIp ?? '172.17.0.2';
  const containerPort = spec.containerPort ?? 8080;
  let lastError: unknown = null;
  // A free port can be taken between the check and the proxy's bind: try a few.
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const hostPort = spec.hostPort ?? (await freePort(protocol, spec.hostIp));
    const args = [
      '-proto',
      protocol,
      '-host-ip',
      spec.hostIp,
      '-host-port',
      String(hostPort),
      '-container-ip',
      containerIp,
      '-container-port',
      String(containerPort),
    ];
    // Without fd 3 docker-proxy closes its own listener: dockerd always hands it one.
    const child = spawn(DOCKER_PROXY, args, { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
    const proxy: RunningProxy = {
      pid: child.pid ?? -1,
      protocol,
      hostIp: spec.hostIp,
      hostPort,
      containerIp,
      containerPort,
      command: [DOCKER_PROXY, ...args].join(' '),
      child,
      async stop() {
        live.delete(proxy);
        await stopChild(child);
      },
    };
    live.add(proxy);
    try {
      await readyOrExit(child, 10_000);
      return proxy;
    } catch (error) {
      lastError = error;
      await proxy.stop();
      if (spec.hostPort !== undefined) break;
    }
  }
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}

/** Stops every docker-proxy still running (call from afterEach/afterAll). */
export async function stopAllDockerProxies(): Promise<void> {
  await Promise.all([...live].map((proxy) => proxy.stop()));
}
