// Discovery: every container engine the user can reach. DOCKER_HOST and the current docker context
// are explicit (listed even when broken, with the reason); the well-known sockets are implicit
// (listed only when the socket exists). The same socket reached twice is listed once.
import { homedir } from 'node:os';
import path from 'node:path';
import type { EngineKind } from '../../domain/container.js';
import { realpathOf, statOf } from '../platform/fs-callbacks.js';
import { currentDockerContext } from './docker-context.js';
import {
  addressText,
  parseEngineAddress,
  type EngineAddress,
  type ParsedAddress,
} from './engine-address.js';

/** One engine discovery found, before anyone asked it anything. */
export interface EngineCandidate {
  /** `EngineStatus.id`: `DOCKER_HOST`, a context's name, `docker`, `podman-rootless`… */
  id: string;
  /** The kind its name or path suggests; GET /version has the last word. */
  kindHint: EngineKind;
  /** As the user would write it: `unix:///var/run/docker.sock`, or the raw value when unusable. */
  endpoint: string;
  /** Where to connect, or null when `problem` says why Porthole cannot. */
  address: EngineAddress | null;
  problem: string | null;
  /** Set by the user (DOCKER_HOST, a context) rather than found at a well-known place. */
  explicit: boolean;
}

/** A well-known place an engine may listen: `{id: 'docker', endpoint: 'unix:///var/run/docker.sock'}`. */
export interface CandidateSpec {
  id: string;
  endpoint: string;
  kind?: EngineKind;
}

export interface DiscoveryOptions {
  env?: NodeJS.ProcessEnv;
  home?: string;
  platform?: NodeJS.Platform;
  /** Replaces the well-known sockets of `implicitCandidates` (tests point these at temp dirs). */
  candidates?: readonly CandidateSpec[];
}

/** The well-known engine sockets of a platform, most common first. */
export function implicitCandidates(
  env: NodeJS.ProcessEnv,
  home: string,
  platform: NodeJS.Platform,
): CandidateSpec[] {
  if (platform === 'win32') {
    return [
      { id: 'docker', endpoint: 'npipe:////./pipe/docker_engine' },
      { id: 'podman-machine', endpoint: 'npipe:////./pipe/podman-machine-default', kind: 'podman' },
    ];
  }
  const unix = (id: string, file: string, kind?: EngineKind): CandidateSpec =>
    kind ? { id, endpoint: `unix://${file}`, kind } : { id, endpoint: `unix://${file}` };
  if (platform === 'darwin') {
    const machine = path.join(home, '.local/share/containers/podman/machine');
    const tmp = env.TMPDIR?.trim();
    return [
      unix('docker', '/var/run/docker.sock'),
      unix('docker-desktop', path.join(home, '.docker/run/docker.sock')),
      unix('colima', path.join(home, '.colima/default/docker.sock')),
      unix('rancher-desktop', path.join(home, '.rd/docker.sock')),
      unix('podman-machine', path.join(machine, 'podman.sock'), 'podman'),
      unix('podman-machine', path.join(machine, 'qemu/podman.sock'), 'podman'),
      unix('podman-machine', path.join(machine, 'podman-machine-default/podman.sock'), 'podman'),
      ...(tmp
        ? [
            unix(
              'podman-machine',
              path.join(tmp, 'podman/podman-machine-default-api.sock'),
              'podman',
            ),
          ]
        : []),
    ];
  }
  const runtime = env.XDG_RUNTIME_DIR?.trim();
  return [
    unix('docker', '/var/run/docker.sock'),
    ...(runtime ? [unix('docker-rootless', path.join(runtime, 'docker.sock'))] : []),
    unix('podman', '/run/podman/podman.sock', 'podman'),
    ...(runtime
      ? [unix('podman-rootless', path.join(runtime, 'podman/podman.sock'), 'podman')]
      : []),
  ];
}

/** Every engine worth asking, in order: DOCKER_HOST, the current context, the well-known sockets. */
export async function discoverEngines(options: DiscoveryOptions = {}): Promise<EngineCandidate[]> {
  const env = options.env ?? process.env;
  const home = options.home ?? homedir();
  const platform = options.platform ?? process.platform;
  const found: EngineCandidate[] = [];

  const dockerHost = env.DOCKER_HOST?.trim();
  if (dockerHost) {
    const tls = Boolean(env.DOCKER_TLS_VERIFY?.trim() || env.DOCKER_CERT_PATH?.trim());
    found.push(candidate('DOCKER_HOST', dockerHost, parseEngineAddress(dockerHost, { tls }), true));
  }
  const context = await currentDockerContext(env, home);
  if (context) found.push(candidate(context.name, context.name, context.parsed, true));

  const specs = options.candidates ?? implicitCandidates(env, home, platform);
  const implicit = await Promise.all(specs.map((spec) => implicitCandidate(spec)));
  for (const c of implicit) if (c) found.push(c);
  return deduplicate(found);
}

function candidate(
  id: string,
  raw: string,
  parsed: ParsedAddress,
  explicit: boolean,
  kind?: EngineKind,
): EngineCandidate {
  const address = 'address' in parsed ? parsed.address : null;
  const endpoint = address ? addressText(address) : raw;
  return {
    id,
    kindHint: kind ?? (/podman/i.test(`${id} ${endpoint}`) ? 'podman' : 'docker'),
    endpoint,
    address,
    problem: 'problem' in parsed ? parsed.problem : null,
    explicit,
  };
}

async function implicitCandidate(spec: CandidateSpec): Promise<EngineCandidate | null> {
  const parsed = parseEngineAddress(spec.endpoint, { tls: false });
  if ('address' in parsed && 'socketPath' in parsed.address) {
    const missing = await statOf(parsed.address.socketPath).then(
      () => false,
      (error: NodeJS.ErrnoException) => error.code === 'ENOENT' || error.code === 'ENOTDIR',
    );
    // Nothing there: not installed or not started, and not worth a line. (A socket we may not even
    // stat is kept: the user should hear it needs permission.)
    if (missing) return null;
  }
  return candidate(spec.id, spec.endpoint, parsed, false, spec.kind);
}

/** One entry per socket (realpath: /var/run is /run) and per id: the first, most explicit, wins. */
async function deduplicate(candidates: EngineCandidate[]): Promise<EngineCandidate[]> {
  const keys = await Promise.all(candidates.map((c) => sameEngineKey(c)));
  const seenKeys = new Set<string>();
  const ids = new Set<string>();
  const result: EngineCandidate[] = [];
  candidates.forEach((c, i) => {
    const key = keys[i]!;
    if (seenKeys.has(key)) return;
    seenKeys.add(key);
    let id = c.id;
    for (let n = 2; ids.has(id); n++) id = `${c.id}-${n}`;
    ids.add(id);
    result.push({ ...c, id });
  });
  return result;
}

async function sameEngineKey(c: EngineCandidate): Promise<string> {
  if (!c.address) return `problem:${c.id}:${c.endpoint}`;
  if ('host' in c.address) return `tcp:${c.address.host.toLowerCase()}:${c.address.port}`;
  const socket = c.address.socketPath;
  if (socket.startsWith('\\\\')) return `pipe:${socket.toLowerCase()}`;
  return `unix:${await realpathOf(socket).catch(() => path.resolve(socket))}`;
}
