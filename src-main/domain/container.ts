// Node-free: containers behind ports. The records the engine source, the collector, the rules, the
// CLI, the tray and the window share, and the words they all use ("postgres (container db)").
import type { PortSocket, Protocol } from './model.js';

export type EngineKind = 'docker' | 'podman';

/** One container engine Porthole found, and whether it answered this time. */
export interface EngineStatus {
  /** Stable, readable name: `docker`, `docker-rootless`, `podman`, `podman-rootless`, a docker
   *  context's name, or `DOCKER_HOST`. `ContainerRef.engine` points here. */
  id: string;
  kind: EngineKind;
  /** Where it is reached: `unix:///var/run/docker.sock`, `tcp://10.0.0.5:2375`, `npipe:////./pipe/docker_engine`. */
  endpoint: string;
  state: 'available' | 'unavailable';
  /** Why unavailable, in plain words with what to do ("permission denied on /var/run/docker.sock:
   *  add yourself to the docker group"); null when available. */
  reason: string | null;
  /** Running containers it listed (0 while unavailable). */
  containers: number;
}

/** The container behind a socket: a port its engine publishes. Shown by `--json` as `container`. */
export interface ContainerRef {
  /** `EngineStatus.id` of the engine that runs it. */
  engine: string;
  /** Full container ID. */
  id: string;
  /** Name without the leading slash. */
  name: string;
  /** Image as the engine names it (`postgres:16`, `docker.io/library/redis:7`, `sha256:…`). */
  image: string;
  /** The port inside the container. */
  containerPort: number;
  protocol: Protocol;
  /** Compose labels `com.docker.compose.project` / `.service` (Podman compose sets the same). */
  project: string | null;
  service: string | null;
}

/** Where a forwarder sends what it accepts, as its command line says. Shown by `--json` as `forwardsTo`. */
export interface ForwardTarget {
  address: string;
  port: number;
}

/** A port an engine says it publishes on the host: what the collector joins to sockets. */
export interface PublishedPort {
  protocol: Protocol;
  /** Host address as the engine says it (`0.0.0.0`, `::`, `127.0.0.1`); null when the engine
   *  leaves it out, which means all interfaces (Podman's compatible API). */
  hostAddress: string | null;
  hostPort: number;
  container: ContainerRef;
  /** The container's address on its network, where the engine says it (a DNAT entry's `forwardsTo`). */
  containerAddress: string | null;
}

/** Process names that hold a port on a container's (or another host's) behalf. */
export const FORWARDER_NAMES: readonly string[] = [
  'docker-proxy',
  'rootlessport',
  'rootlesskit',
  'conmon',
  'dockerd',
  'com.docker.backend',
  'vpnkit',
  'wslrelay',
  'socat',
  'ssh',
  'kubectl',
];

/** True for a process name that forwards ports for something else (the kernel may cut it to 15 characters). */
export function isForwarderName(process: string | null | undefined): boolean {
  if (!process) return false;
  const name = process.replace(/\.exe$/i, '');
  return FORWARDER_NAMES.some(
    (f) => f === name || (name.length === 15 && f.length > 15 && f.startsWith(name)),
  );
}

/** `postgres` from `docker.io/library/postgres:16.2`, `ghcr.io/acme/api@sha256:…` → `api`;
 *  an image known only by its ID → its first 12 hex digits. */
export function imageShortName(image: string): string {
  const id = /^sha256:([0-9a-f]{12})/i.exec(image);
  if (id) return id[1]!;
  const withoutDigest = image.split('@')[0]!;
  const lastPart = withoutDigest.split('/').pop() ?? withoutDigest;
  const colon = lastPart.indexOf(':');
  return colon > 0 ? lastPart.slice(0, colon) : lastPart;
}

/** `postgres (container db)`: how tray, window, CLI and notifications name a container. */
export function containerLabel(c: Pick<ContainerRef, 'name' | 'image'>): string {
  return `${imageShortName(c.image)} (container ${c.name})`;
}

/** The container behind a socket, or null (absent on snapshots from before containers). */
export function socketContainer(s: Pick<PortSocket, 'container'>): ContainerRef | null {
  return s.container ?? null;
}

/** How stopping a container through its engine went. */
export interface ContainerStopResult {
  ok: boolean;
  /** Plain words: "container db (postgres) stopped", "the engine docker did not answer in 10 s"… */
  message: string;
}
