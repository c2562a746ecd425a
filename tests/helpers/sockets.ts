// Spawns socket-holder child processes for tests and guarantees they are cleaned up.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const HOLDER = fileURLToPath(new URL('./socket-holder.mjs', import.meta.url));

export interface ListenSpec {
  protocol?: 'tcp' | 'udp';
  host: string;
  port?: number;
  ipv6Only?: boolean;
  reuseAddr?: boolean;
}

export interface HolderSpec {
  listen?: ListenSpec[];
  connect?: { host: string; port?: number; toIndex?: number }[];
  lifetimeMs?: number;
  /** The process name the holder takes (`process.title`, which Linux shows as its name). */
  title?: string;
  /** On SIGUSR2 the holder closes its TCP listeners and stays; then listens on these (each on the
   *  first listener's port unless it names one): `[]` = stopped listening, `[{host:'::1'}]` = moved. */
  onUsr2?: { listen: ListenSpec[] };
}

export interface OpenedSocket {
  protocol: 'tcp' | 'udp';
  host: string;
  port: number;
  localPort?: number;
  connection?: boolean;
}

export interface Holder {
  pid: number;
  sockets: OpenedSocket[];
  child: ChildProcess;
  /** Ends the process and waits until it has exited (its sockets are then closed). */
  stop(): Promise<void>;
}

const live = new Set<Holder>();

/** Starts a child process that holds the given loopback sockets; resolves once they are open. */
export async function holdSockets(spec: HolderSpec): Promise<Holder> {
  const child = spawn(process.execPath, [HOLDER, JSON.stringify({ lifetimeMs: 60_000, ...spec })], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const [first] = (await Promise.race([
    once(lines, 'line'),
    once(child, 'exit').then(() => {
      throw new Error('socket holder exited before opening its sockets');
    }),
  ])) as [string];
  lines.close();
  const report = JSON.parse(first) as { pid: number; sockets?: OpenedSocket[]; error?: string };
  if (report.error) {
    child.kill('SIGKILL');
    throw new Error(`socket holder could not open sockets: ${report.error}`);
  }
  const holder: Holder = {
    pid: report.pid,
    sockets: report.sockets ?? [],
    child,
    async stop() {
      live.delete(holder);
      await stopChild(child);
    },
  };
  live.add(holder);
  return holder;
}

/** SIGTERM, then SIGKILL after 2 s; resolves once the child has exited (its sockets closed). */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 2_000);
  await exited;
  clearTimeout(timer);
}

/** Stops every holder still running (call from afterEach/afterAll). */
export async function stopAllHolders(): Promise<void> {
  await Promise.all([...live].map((h) => h.stop()));
}
