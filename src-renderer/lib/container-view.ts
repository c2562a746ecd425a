// Words and groupings for containers in the window: a badge's tooltip, compose text, the containers on a port.
import { forwarderKillRefusal } from '../../src-main/domain/container-actions.js';
import {
  containerLabel,
  type ContainerRef,
  type EngineStatus,
} from '../../src-main/domain/container.js';
import { engineNotes } from '../../src-main/domain/engine-notes.js';
import { upperFirst } from '../../src-main/domain/labels.js';
import type { PortSocket } from '../../src-main/domain/index.js';

/** `shop / db`, `shop`, or null without compose labels. */
export function composeText(c: Pick<ContainerRef, 'project' | 'service'>): string | null {
  if (c.project && c.service) return `${c.project} / ${c.service}`;
  return c.project ?? c.service ?? null;
}

/** `5432/tcp`: the port inside the container. */
export function insidePortText(c: Pick<ContainerRef, 'containerPort' | 'protocol'>): string {
  return `${c.containerPort}/${c.protocol}`;
}

/** A badge's tooltip: `postgres (container db) · image postgres:16 · compose shop / db`. */
export function containerTitle(c: ContainerRef): string {
  const compose = composeText(c);
  return [containerLabel(c), `image ${c.image}`, compose ? `compose ${compose}` : null]
    .filter(Boolean)
    .join(' · ');
}

/** One entry per container behind these sockets, with the sockets that are its, in first-seen order. */
export interface PortContainer {
  container: ContainerRef;
  sockets: PortSocket[];
}

export function containersOf(sockets: readonly PortSocket[]): PortContainer[] {
  const byId = new Map<string, PortContainer>();
  for (const s of sockets) {
    const c = s.container;
    if (!c) continue;
    const key = `${c.engine}\n${c.id}`;
    const entry = byId.get(key) ?? { container: c, sockets: [] };
    entry.sockets.push(s);
    byId.set(key, entry);
  }
  return [...byId.values()];
}

/** `docker (unix:///var/run/docker.sock)`, or the engine's ID alone when the snapshot does not list it. */
export function engineText(id: string, engines: readonly EngineStatus[]): string {
  const engine = engines.find((e) => e.id === id);
  return engine ? `${engine.id} (${engine.endpoint})` : id;
}

/** What stops a container from the window: its engine, its ID and the name shown. */
export interface ContainerStop {
  container: ContainerRef;
  /** Why its forwarder process is not stopped instead (the service refuses it), when one holds the port. */
  refusal: string | null;
}

/** The stop request a socket's actions make, or null when no container is behind it. */
export function containerStopOf(s: PortSocket): ContainerStop | null {
  if (!s.container) return null;
  return {
    container: s.container,
    refusal: s.pid === null ? null : forwarderKillRefusal(s.pid, s.process, [s]),
  };
}

/** `Container engine docker is unavailable`: the notice's one short line (the reason is behind "why?"). */
export function engineLine(e: Pick<EngineStatus, 'id'>): string {
  return `Container engine ${e.id} is unavailable`;
}

/** The notice's "why?": the words every layer uses for an unavailable engine, as a sentence. */
export function engineWhy(e: EngineStatus): string {
  const note = engineNotes([{ ...e, state: 'unavailable' }])[0]!;
  return `${upperFirst(note)}.`;
}
