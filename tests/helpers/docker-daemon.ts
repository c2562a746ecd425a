// A real Docker Engine for tests: starts its own dockerd, builds a local busybox image, runs
// containers, and removes all of them, the image and the daemon at the end, even on failure.
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import {
  closeSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BUSYBOX, DOCKER_CLI, DOCKERD, processAlive, TEST_IMAGE } from './docker-facts.js';

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** GET over the engine's unix socket; rejects on a status >= 400 or after timeoutMs. */
export function engineGet<T>(socketPath: string, urlPath: string, timeoutMs = 5_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = http.get({ socketPath, path: urlPath, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        if ((res.statusCode ?? 500) >= 400)
          reject(new Error(`${urlPath}: ${res.statusCode} ${body}`));
        else resolve((body.startsWith('{') || body.startsWith('[') ? JSON.parse(body) : body) as T);
      });
    });
    req.on('timeout', () => req.destroy(new Error(`${urlPath}: no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
  });
}

export interface DaemonOptions {
  /** false: `--userland-proxy=false` (dockerd holds the port, iptables DNAT carries traffic). */
  userlandProxy?: boolean;
  /** How long to wait for the API to answer. */
  timeoutMs?: number;
}

export interface RunOptions {
  name: string;
  /** `-p` values, e.g. `127.0.0.1:18081:8080` or `18082:9000/udp`. */
  publish: string[];
  labels?: Record<string, string>;
  /** The container's command; default: busybox httpd on 8080 that exits at once on SIGTERM. */
  command?: string[];
}

/** The container's command by default: a web server whose PID 1 ends on SIGTERM (docker stop). */
const HTTPD = [
  '/bin/busybox',
  'sh',
  '-c',
  'trap "exit 0" TERM; /bin/busybox httpd -f -p 8080 & wait',
];

/** The one daemon this process started; the exit guards stop it. */
let current: DockerDaemon | null = null;

export class DockerDaemon {
  readonly socketPath: string;
  /** For DOCKER_HOST. */
  readonly host: string;
  private readonly containers = new Set<string>();
  private images = new Set<string>();

  private constructor(
    readonly dir: string,
    private readonly child: ChildProcess,
    readonly userlandProxy: boolean,
  ) {
    this.socketPath = path.join(dir, 'docker.sock');
    this.host = `unix://${this.socketPath}`;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Starts dockerd with its own data root, exec root, pidfile and socket under a temp folder. */
  static async start(options: DaemonOptions = {}): Promise<DockerDaemon> {
    if (current) throw new Error(`a test dockerd is already running (PID ${current.pid})`);
    const dir = mkdtempSync(path.join(tmpdir(), 'porthole-dockerd-'));
    const log = openSync(path.join(dir, 'dockerd.log'), 'w');
    const userlandProxy = options.userlandProxy ?? true;
    const child = spawn(
      DOCKERD,
      [
        `--userland-proxy=${userlandProxy}`,
        '--data-root',
        path.join(dir, 'data'),
        '--exec-root',
        path.join(dir, 'exec'),
        '--pidfile',
        path.join(dir, 'docker.pid'),
        '-H',
        `unix://${path.join(dir, 'docker.sock')}`,
      ],
      { stdio: ['ignore', log, log] },
    );
    closeSync(log);
    const daemon = new DockerDaemon(dir, child, userlandProxy);
    current = daemon;
    installExitGuards();
    try {
      await daemon.waitReady(options.timeoutMs ?? 30_000);
    } catch (error) {
      await daemon.cleanup();
      throw error;
    }
    return daemon;
  }

  /** The last lines dockerd wrote: what a failure message shows. */
  logTail(lines = 8): string {
    return readFileSafe(path.join(this.dir, 'dockerd.log'))
      .trim()
      .split('\n')
      .slice(-lines)
      .join('\n');
  }

  private async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null || this.child.signalCode !== null) {
        throw new Error(
          `dockerd exited (${this.child.exitCode ?? this.child.signalCode}) before its API answered:\n${this.logTail()}`,
        );
      }
      try {
        if ((await engineGet<string>(this.socketPath, '/_ping', 1_000)) === 'OK') return;
      } catch (error) {
        last = (error as Error).message;
      }
      await sleep(200);
    }
    throw new Error(
      `dockerd's API did not answer within ${timeoutMs} ms (${last}):\n${this.logTail()}`,
    );
  }

  /** Runs /usr/bin/docker against this daemon (arguments, never a shell); resolves with stdout. */
  docker(args: string[], timeoutMs = 60_000): Promise<string> {
    return new Promise((resolve, reject) => {
      execFile(
        DOCKER_CLI,
        args,
        { env: { ...process.env, DOCKER_HOST: this.host }, timeout: timeoutMs },
        (error, stdout, stderr) => {
          if (error)
            reject(new Error(`docker ${args.join(' ')}: ${stderr.trim() || error.message}`));
          else resolve(stdout.trim());
        },
      );
    });
  }

  /** `tar -c . | docker import - TAG` over a folder holding only the static busybox in bin/. */
  async importImage(tag = TEST_IMAGE): Promise<void> {
    const root = path.join(this.dir, 'image');
    mkdirSync(path.join(root, 'bin'), { recursive: true });
    copyFileSync(BUSYBOX, path.join(root, 'bin', 'busybox'));
    this.images.add(tag);
    const tar = spawn('tar', ['-C', root, '-c', '.'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const importer = spawn(DOCKER_CLI, ['import', '-', tag], {
      env: { ...process.env, DOCKER_HOST: this.host },
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let stderr = '';
    importer.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    tar.stdout.pipe(importer.stdin);
    const [[tarCode], [importCode]] = (await Promise.all([
      once(tar, 'close'),
      once(importer, 'close'),
    ])) as [[number | null], [number | null]];
    if (tarCode !== 0 || importCode !== 0) {
      throw new Error(`tar | docker import ${tag} failed (${tarCode}, ${importCode}): ${stderr}`);
    }
  }

  /** `docker run -d` of the test image; resolves with the full container ID. */
  async run(options: RunOptions): Promise<string> {
    const args = ['run', '-d', '--name', options.name];
    for (const p of options.publish) args.push('-p', p);
    for (const [key, value] of Object.entries(options.labels ?? {}))
      args.push('-l', `${key}=${value}`);
    // Tracked by name first: a run that fails after creating the container still gets removed.
    this.containers.add(options.name);
    const id = await this.docker([...args, TEST_IMAGE, ...(options.command ?? HTTPD)]);
    this.containers.add(id);
    return id;
  }

  /** Removes every container and image it made, stops dockerd and deletes its folder. */
  async cleanup(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const containers = [...this.containers];
      if (containers.length > 0)
        await this.docker(['rm', '-f', ...containers]).catch(() => undefined);
      for (const image of this.images)
        await this.docker(['rmi', '-f', image]).catch(() => undefined);
      await this.stopDaemon();
    }
    this.containers.clear();
    this.images.clear();
    removeFolder(this.dir);
    if (current === this) current = null;
  }

  private async stopDaemon(): Promise<void> {
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    const stopped = await Promise.race([exited.then(() => true), sleep(20_000).then(() => false)]);
    if (!stopped) {
      killManagedContainerd(this.dir);
      this.child.kill('SIGKILL');
      await exited;
    }
  }

  /** The synchronous last resort of the exit guards: no awaiting in an 'exit' handler. */
  cleanupSync(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const env = { ...process.env, DOCKER_HOST: this.host };
      const containers = [...this.containers];
      if (containers.length > 0)
        spawnSync(DOCKER_CLI, ['rm', '-f', ...containers], { env, timeout: 15_000 });
      this.child.kill('SIGTERM');
      const deadline = Date.now() + 15_000;
      while (processAlive(this.pid) && Date.now() < deadline) spawnSync('sleep', ['0.2']);
      if (processAlive(this.pid)) {
        killManagedContainerd(this.dir);
        this.child.kill('SIGKILL');
      }
    }
    removeFolder(this.dir);
    current = null;
  }
}

function readFileSafe(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** dockerd starts its own containerd under the exec root; SIGKILLing dockerd would orphan it. */
function killManagedContainerd(dir: string): void {
  const pid = Number(readFileSafe(path.join(dir, 'exec', 'containerd', 'containerd.pid')).trim());
  if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) process.kill(pid, 'SIGKILL');
}

function removeFolder(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  } catch (error) {
    // A mount left by a daemon that had to be killed: say so rather than hide it.
    process.stderr.write(`could not remove ${dir}: ${(error as Error).message}\n`);
  }
}

let guarded = false;

function installExitGuards(): void {
  if (guarded) return;
  guarded = true;
  process.once('exit', () => current?.cleanupSync());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      current?.cleanupSync();
      process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
    });
  }
}
