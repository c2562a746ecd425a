// Node-free: acting on a container's port: which engine command stops it, and why its forwarder
// process must not be killed instead (the service's kill and inspect, the rules' stop hints).
import {
  FORWARDER_NAMES,
  isForwarderName,
  type ContainerRef,
  type EngineKind,
  type EngineStatus,
} from './container.js';
import { ownerLabel } from './labels.js';
import { holdsPid, type PortSocket } from './model.js';
import { containerName } from './socket-owner.js';

/** The user's own forwarders: stopping them is the way to end the forward, so they may be killed. */
const USER_FORWARDERS: readonly string[] = ['socat', 'ssh', 'kubectl'];

/**
 * Processes a container engine runs to hold or route published ports (docker-proxy, conmon,
 * rootlessport, rootlesskit, dockerd, com.docker.backend, vpnkit, wslrelay). Killing one leaves
 * its container running and the engine's bookkeeping wrong (a port the engine thinks it holds),
 * so Porthole refuses to, container known or not.
 */
export const ENGINE_FORWARDER_NAMES: readonly string[] = FORWARDER_NAMES.filter(
  (name) => !USER_FORWARDERS.includes(name),
);

/** True for an engine's forwarder or daemon (names cut to 15 characters by Linux, `.exe` on Windows). */
export function isEngineForwarderName(process: string | null | undefined): boolean {
  return isForwarderName(process) && !USER_FORWARDERS.includes(process!.replace(/\.exe$/i, ''));
}

/** `docker` or `podman`: the engine's kind from the snapshot's engine list, else from its id. */
export function engineKind(engine: string, engines: readonly EngineStatus[] = []): EngineKind {
  const known = engines.find((e) => e.id === engine);
  if (known) return known.kind;
  return engine.toLowerCase().startsWith('podman') ? 'podman' : 'docker';
}

// Engines accept names of this shape only; anything else is named by its ID, never as shell text.
const CONTAINER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

/** `docker stop db`, `podman start db`: the engine's command for a container, safe to copy. */
export function containerCommand(
  verb: 'stop' | 'start',
  c: Pick<ContainerRef, 'engine' | 'name' | 'id'>,
  engines: readonly EngineStatus[] = [],
): string {
  const target = CONTAINER_NAME.test(c.name)
    ? c.name
    : c.id.replace(/[^0-9a-f]/gi, '').slice(0, 12);
  return `${engineKind(c.engine, engines)} ${verb} ${target}`;
}

/** `docker stop db` / `podman stop db`: the command that stops a container. */
export function containerStopCommand(
  c: Pick<ContainerRef, 'engine' | 'name' | 'id'>,
  engines: readonly EngineStatus[] = [],
): string {
  return containerCommand('stop', c, engines);
}

/**
 * Why a PID must not be killed because it forwards for a container engine, or null. `process` is
 * the PID's name as read now (the snapshot's may be older); `sockets` the current snapshot's.
 */
export function forwarderKillRefusal(
  pid: number,
  process: string | null,
  sockets: readonly PortSocket[],
): string | null {
  const held = sockets.filter((s) => holdsPid(s, pid));
  const name = process ?? held.find((s) => s.process)?.process ?? null;
  if (!isEngineForwarderName(name)) return null;
  const label = ownerLabel(pid, name);
  const daemon = name!.toLowerCase().startsWith('dockerd');
  const forContainer = held.find((s) => s.container);
  if (forContainer?.container) {
    const what = containerName(forContainer.container);
    const port = forContainer.localPort;
    return daemon
      ? `${label} is the container engine itself, holding port ${port} for ${what}; stopping it would stop the engine, not this container — stop the container instead`
      : `${label} forwards port ${port} for ${what}; stopping it would leave the container running — stop the container instead`;
  }
  return daemon
    ? `${label} is the container engine itself; stopping it would stop or orphan every container it runs — stop the container instead`
    : `${label} forwards ports for a container engine; stopping it would leave the container running and the engine's bookkeeping wrong — stop the container instead`;
}
