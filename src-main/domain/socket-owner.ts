// Node-free: who a socket belongs to, in words: the container behind it when one is known (its
// forwarder secondary), else the process. Rules, problem titles, tray, notices and the CLI use these.
import { containerLabel, imageShortName, type ContainerRef } from './container.js';
import { formatEndpoint } from './endpoint.js';
import { ownerLabel } from './labels.js';
import type { PortSocket } from './model.js';
import { unnamedHolder } from './unattributed.js';

type OwnerFacts = Pick<PortSocket, 'pid' | 'process'> &
  Partial<
    Pick<PortSocket, 'container' | 'forwardsTo' | 'published' | 'pids' | 'unattributedCause'>
  >;

/** `container db (postgres)`: the container first, for sentences about the container itself. */
export function containerName(c: Pick<ContainerRef, 'name' | 'image'>): string {
  return `container ${c.name} (${imageShortName(c.image)})`;
}

/**
 * The owner in a few words: `postgres (container db)` when a container is behind the socket, else
 * `node (PID 4121)`; null when neither a container nor a process is known.
 */
export function socketOwner(s: OwnerFacts): string | null {
  if (s.container) return containerLabel(s.container);
  return ownerLabel(s.pid, s.process);
}

/** socketOwner, or who holds it by why no process is named ("a process that refuses inspection"). */
export function socketOwnerOrUnknown(s: OwnerFacts): string {
  return socketOwner(s) ?? unnamedHolder(s.unattributedCause);
}

/** `via docker-proxy (PID 5040)`: the process holding a container's port, kept visible but secondary. */
export function forwarderNote(s: OwnerFacts): string | null {
  if (!s.container || s.published === 'engine') return null;
  const holder = ownerLabel(s.pid, s.process);
  return holder === null ? null : `via ${holder}`;
}

/** `docker-proxy (PID 5040) forwards 127.0.0.1:18090 to 172.17.0.2:8080`; null unless forwardsTo is known. */
export function forwardText(
  s: OwnerFacts & Pick<PortSocket, 'localAddress' | 'localPort'>,
): string | null {
  if (!s.forwardsTo) return null;
  const who = ownerLabel(s.pid, s.process) ?? 'a forwarder';
  const from = formatEndpoint(s.localAddress, s.localPort);
  return `${who} forwards ${from} to ${formatEndpoint(s.forwardsTo.address, s.forwardsTo.port)}`;
}

/**
 * The owner with everything known about it, in one phrase: `postgres (container db) via
 * docker-proxy (PID 5040)`, `docker-proxy (PID 5040) forwards 127.0.0.1:18090 to 172.17.0.2:8080`,
 * `published by container db (postgres) through the engine's NAT rules, no process holds it`, or
 * the process label; null when nothing is known.
 */
export function socketOwnerText(
  s: OwnerFacts & Pick<PortSocket, 'localAddress' | 'localPort'>,
): string | null {
  if (s.published === 'engine' && s.container) {
    return `published by ${containerName(s.container)} through the engine's NAT rules, no process holds it`;
  }
  if (s.container) {
    const via = forwarderNote(s);
    return via ? `${containerLabel(s.container)} ${via}` : containerLabel(s.container);
  }
  return forwardText(s) ?? ownerLabel(s.pid, s.process);
}

/** `postgres:16, compose shop/web`: the image and compose labels in brackets after a container's name. */
function containerDetails(c: ContainerRef): string {
  const compose =
    c.project && c.service
      ? `compose ${c.project}/${c.service}`
      : c.project
        ? `compose ${c.project}`
        : c.service
          ? `compose service ${c.service}`
          : null;
  return compose ? `${c.image}, ${compose}` : c.image;
}

/**
 * `container db (postgres:16, compose shop/web) publishes 127.0.0.1:18090 → 8080/tcp, via
 * docker-proxy (PID 5040)` (or `, through the engine's NAT rules (no process holds it)`); null
 * without a container.
 */
export function containerPublishText(
  s: OwnerFacts & Pick<PortSocket, 'localAddress' | 'localPort'>,
): string | null {
  const c = s.container;
  if (!c) return null;
  const from = formatEndpoint(s.localAddress, s.localPort);
  const how =
    s.published === 'engine'
      ? ", through the engine's NAT rules (no process holds it)"
      : forwarderNote(s)
        ? `, ${forwarderNote(s)}`
        : '';
  return `container ${c.name} (${containerDetails(c)}) publishes ${from} → ${c.containerPort}/${c.protocol}${how}`;
}
