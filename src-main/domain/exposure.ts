// Node-free: where a listener can be reached from, which listeners count as exposed, and the fix.
import { engineKind } from './container-actions.js';
import type { ContainerRef, EngineStatus } from './container.js';
import { isLoopback, isWildcard, loopbackOf } from './endpoint.js';
import { isListener, type Exposure, type PortSocket } from './model.js';
import { containerName } from './socket-owner.js';

/** Where a listener on this address can be reached from. */
export function classifyExposure(localAddress: string): Exposure {
  if (isLoopback(localAddress)) return 'loopback';
  if (isWildcard(localAddress)) return 'all-interfaces';
  return 'network';
}

/**
 * A listener other machines can reach: bound to every interface or to a network address. A port an
 * engine publishes by NAT with no process (`published: 'engine'`) counts too: it is reachable all the same.
 */
export function isExposed(s: PortSocket): boolean {
  if (s.published === 'engine') {
    const exposure = s.exposure ?? classifyExposure(s.localAddress);
    return exposure === 'all-interfaces' || exposure === 'network';
  }
  return isListener(s) && (s.exposure === 'all-interfaces' || s.exposure === 'network');
}

/** Identity of an exposed listener for acknowledgements: `tcp:0.0.0.0:5432`. */
export function exposureKey(
  socket: Pick<PortSocket, 'protocol' | 'localAddress' | 'localPort'>,
): string {
  return `${socket.protocol}:${socket.localAddress}:${socket.localPort}`;
}

/** One line on what to do about an exposed listener; null when it is loopback-only. */
export function exposureFix(
  socket: Pick<PortSocket, 'localAddress' | 'localPort' | 'family' | 'process' | 'container'>,
  engines: readonly EngineStatus[] = [],
): string | null {
  const exposure = classifyExposure(socket.localAddress);
  if (exposure === 'loopback') return null;
  if (socket.container) return containerExposureFix(socket, socket.container, engines);
  const who = socket.process ?? 'the process';
  const loop = loopbackOf(socket.family);
  if (exposure === 'all-interfaces') {
    return `${who} accepts connections on every interface; if only this machine needs port ${socket.localPort}, bind it to ${loop} (e.g. --host ${loop}) or firewall it.`;
  }
  return `${who} listens on network address ${socket.localAddress}; other machines on that network can reach port ${socket.localPort}. Bind to ${loop} if that is not intended.`;
}

/**
 * A container's published port: the engine's own firewall rules come before ufw's and firewalld's,
 * so "firewall it" is no advice; publishing on 127.0.0.1 is.
 */
function containerExposureFix(
  socket: Pick<PortSocket, 'localAddress' | 'localPort'>,
  c: ContainerRef,
  engines: readonly EngineStatus[],
): string {
  const where = isWildcard(socket.localAddress)
    ? 'on every interface'
    : `on network address ${socket.localAddress}`;
  const mapping = `127.0.0.1:${socket.localPort}:${c.containerPort}`;
  const podman = engineKind(c.engine, engines) === 'podman';
  const run = loopbackPublishCommand(socket.localPort, c, engines);
  const bypass = podman
    ? "Podman's published ports are forwarded by its own firewall rules (netavark or CNI), which ufw and firewalld rules may not cover"
    : "Docker's published ports bypass ufw and firewalld rules (Docker inserts its own iptables rules ahead of them)";
  return `${containerName(c)} is published ${where}, so other machines can reach port ${socket.localPort}; ${bypass}. If only this machine needs it, publish it on 127.0.0.1: \`${run}\`, or in compose \`ports: ["${mapping}"]\`.`;
}

/**
 * `docker run -p 127.0.0.1:18090:8080 …`: the container's port published for this machine only;
 * with `bothFamilies`, on ::1 too (`-p [::1]:18090:8080`), so IPv6-first clients reach it.
 */
export function loopbackPublishCommand(
  hostPort: number,
  c: Pick<ContainerRef, 'engine' | 'containerPort'>,
  engines: readonly EngineStatus[] = [],
  bothFamilies = false,
): string {
  const v4 = `-p 127.0.0.1:${hostPort}:${c.containerPort}`;
  const v6 = bothFamilies ? ` -p [::1]:${hostPort}:${c.containerPort}` : '';
  return `${engineKind(c.engine, engines)} run ${v4}${v6} …`;
}
