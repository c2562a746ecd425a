// Wraps a collector: forwarders' targets from their command lines, the container behind each
// published port (and the ports only an engine's DNAT holds), and how each engine answered.
import { isForwarderName } from '../../domain/container.js';
import { isListener, type PortSocket, type Snapshot } from '../../domain/model.js';
import { describeError } from '../errors.js';
import { attributeSockets } from '../containers/attribute.js';
import { ForwardTargets } from '../containers/forwarders.js';
import type { ContainerSource, PublishedPorts } from '../containers/source.js';
import type { Collector } from './collector.js';

export class ContainerCollector implements Collector {
  readonly #inner: Collector;
  readonly #containers: ContainerSource | null;
  readonly #targets = new ForwardTargets();
  /** isForwarderName per process name: thousands of sockets share a few dozen names. */
  readonly #forwarderNames = new Map<string, boolean>();
  /** Snapshots run one at a time: the fast path compares with the previous one. */
  #queue: Promise<unknown> = Promise.resolve();
  #lastInner: PortSocket[] | null = null;
  #lastForwarded: PortSocket[] = [];
  #lastPublished: PublishedPorts | null = null;
  #lastSockets: PortSocket[] = [];
  #forwarderPids: string | null = null;

  constructor(inner: Collector, containers: ContainerSource | null) {
    this.#inner = inner;
    this.#containers = containers;
  }

  get source(): Collector['source'] {
    return this.#inner.source;
  }

  snapshot(): Promise<Snapshot> {
    const run = this.#queue.then(() => this.#collect());
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #collect(): Promise<Snapshot> {
    // Finding the engines (files and sockets to look at) goes on while the sockets are read; asking
    // them waits until then, since a changed forwarder invalidates the source first.
    this.#containers?.prepare?.();
    const snapshot = await this.#inner.snapshot();
    // The collector hands back the same list when the kernel's tables did not move: so do we.
    const sameSockets = snapshot.sockets === this.#lastInner;
    if (!sameSockets) {
      this.#lastForwarded = this.#withForwards(snapshot.sockets);
      this.#noticeForwarderPids(snapshot.sockets);
    }
    const { published, warning } = await this.#published();
    let sockets = this.#lastSockets;
    if (!sameSockets || published !== this.#lastPublished) {
      sockets = attributeSockets(this.#lastForwarded, published?.ports ?? []);
    }
    this.#lastInner = snapshot.sockets;
    this.#lastPublished = published;
    this.#lastSockets = sockets;
    const result: Snapshot = { ...snapshot, sockets };
    if (warning) result.warnings = [...snapshot.warnings, warning];
    if (published) result.engines = published.engines;
    return result;
  }

  async #published(): Promise<{ published: PublishedPorts | null; warning: string | null }> {
    if (!this.#containers) return { published: null, warning: null };
    try {
      return { published: await this.#containers.published(), warning: null };
    } catch (error) {
      // The contract says it never throws; a snapshot without containers beats no snapshot.
      return {
        published: { engines: [], ports: [] },
        warning: `Container engines could not be asked: ${describeError(error)}`,
      };
    }
  }

  #isForwarder(process: string | null): boolean {
    if (process === null) return false;
    let known = this.#forwarderNames.get(process);
    if (known === undefined) {
      known = isForwarderName(process);
      if (this.#forwarderNames.size >= 4096) this.#forwarderNames.clear();
      this.#forwarderNames.set(process, known);
    }
    return known;
  }

  /** The list with `forwardsTo` on forwarders' listeners; the same list when none says where. */
  #withForwards(sockets: PortSocket[]): PortSocket[] {
    let out: PortSocket[] | null = null;
    for (let i = 0; i < sockets.length; i += 1) {
      const s = sockets[i]!;
      if (!this.#isForwarder(s.process)) continue;
      const target = this.#targets.of(s);
      if (target === null) continue;
      out ??= sockets.slice();
      out[i] = { ...s, forwardsTo: target };
    }
    this.#targets.endPass();
    return out ?? sockets;
  }

  /** A forwarder came or went: the engines' lists may be stale (an event missed), so ask again. */
  #noticeForwarderPids(sockets: readonly PortSocket[]): void {
    const pids = new Set<number>();
    for (const s of sockets) {
      if (!isListener(s) || !this.#isForwarder(s.process)) continue;
      for (const pid of s.pids && s.pids.length > 0 ? s.pids : s.pid === null ? [] : [s.pid])
        pids.add(pid);
    }
    const key = [...pids].sort((a, b) => a - b).join(',');
    if (this.#forwarderPids !== null && key !== this.#forwarderPids) this.#containers?.invalidate();
    this.#forwarderPids = key;
  }
}

/** A collector whose snapshots carry forwarders' targets and, with a source, containers and engines. */
export function withContainers(
  inner: Collector,
  containers: ContainerSource | null,
): ContainerCollector {
  return new ContainerCollector(inner, containers);
}
