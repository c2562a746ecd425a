// What a machine offers real-engine tests, read without an engine: whether dockerd can run here,
// the processes /proc shows (docker-proxy, dockerd) and free ports to publish on.
import { closeSync, existsSync, openSync, readFileSync, readdirSync, readSync } from 'node:fs';
import dgram from 'node:dgram';
import net from 'node:net';

export const DOCKERD = '/usr/sbin/dockerd';
/** The Debian package's CLI (Engine 20.10); another CLI may sit earlier on PATH. */
export const DOCKER_CLI = '/usr/bin/docker';
export const BUSYBOX = '/bin/busybox';
export const TEST_IMAGE = 'porthole-test:1';

const IPTABLES = ['/usr/sbin/iptables', '/sbin/iptables'];
const INSTALL_HINT = 'apt-get install docker.io busybox-static';

/** Why real-engine tests cannot run on this machine, or null when they can try. */
export function dockerPreflight(): string | null {
  if (process.platform !== 'linux') return `${process.platform} is not Linux`;
  if (process.getuid?.() !== 0) return 'not root (dockerd needs root)';
  for (const [file, what] of [
    [DOCKERD, 'dockerd'],
    [DOCKER_CLI, 'the docker CLI'],
    [BUSYBOX, 'busybox'],
  ] as const) {
    if (!existsSync(file)) return `${what} not found at ${file} (${INSTALL_HINT})`;
  }
  if (!IPTABLES.some((file) => existsSync(file))) return 'iptables not found (dockerd needs it)';
  if (!isStaticElf(BUSYBOX)) {
    return `${BUSYBOX} is dynamically linked and cannot run alone in an image (apt-get install busybox-static)`;
  }
  const other = runningDockerd();
  if (other !== null) {
    return `another dockerd is running (PID ${other}); these tests start their own and only one can run`;
  }
  return null;
}

/** An ELF file without a PT_INTERP program header needs no dynamic loader. */
function isStaticElf(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const header = Buffer.alloc(64);
    readSync(fd, header, 0, 64, 0);
    if (header.readUInt32BE(0) !== 0x7f454c46 || header[4] !== 2) return false;
    const phoff = Number(header.readBigUInt64LE(0x20));
    const phentsize = header.readUInt16LE(0x36);
    const phnum = header.readUInt16LE(0x38);
    const table = Buffer.alloc(phentsize * phnum);
    readSync(fd, table, 0, table.length, phoff);
    for (let i = 0; i < phnum; i++) if (table.readUInt32LE(i * phentsize) === 3) return false;
    return true;
  } finally {
    closeSync(fd);
  }
}

/** PID of a running dockerd, or null. */
export function runningDockerd(): number | null {
  for (const pid of listPids()) if (readProc(pid, 'comm')?.trim() === 'dockerd') return pid;
  return null;
}

export function listPids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

export function readProc(pid: number, file: string): string | null {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return null;
  }
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return readProc(pid, 'stat')?.split(') ')[1]?.startsWith('Z') !== true;
  } catch {
    return false;
  }
}

/** Command lines of live docker-proxy processes, by PID. */
export function dockerProxies(): Map<number, string[]> {
  const found = new Map<number, string[]>();
  for (const pid of listPids()) {
    if (readProc(pid, 'comm')?.trim() !== 'docker-proxy') continue;
    const argv = readProc(pid, 'cmdline')?.split('\0').filter(Boolean);
    if (argv) found.set(pid, argv);
  }
  return found;
}

/** The docker-proxy PID forwarding this host address and port, or null. */
export function proxyPid(protocol: 'tcp' | 'udp', hostIp: string, hostPort: number): number | null {
  for (const [pid, argv] of dockerProxies()) {
    const flag = (name: string): string | undefined => argv[argv.indexOf(name) + 1];
    if (
      flag('-proto') === protocol &&
      flag('-host-ip') === hostIp &&
      flag('-host-port') === String(hostPort)
    ) {
      return pid;
    }
  }
  return null;
}

/** A port the kernel just handed out on every address of the family pair (dual-stack ::), then freed. */
export async function freePort(protocol: 'tcp' | 'udp'): Promise<number> {
  if (protocol === 'tcp') {
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: '::', port: 0, ipv6Only: false }, resolve);
    });
    const { port } = server.address() as net.AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    return port;
  }
  const socket = dgram.createSocket({ type: 'udp6', ipv6Only: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind({ address: '::', port: 0 }, resolve);
  });
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(resolve));
  return port;
}
