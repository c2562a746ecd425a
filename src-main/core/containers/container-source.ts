// The ContainerSource over real engines: discovery (looked at again at most every ~30 s), one
// WatchedEngine per engine asked in parallel, and stopping a container through its engine.
import type { ContainerStopResult, EngineStatus, PublishedPort } from '../../domain/container.js';
import { systemClock, type Clock } from '../../domain/model.js';
import { echoInput } from '../errors.js';
import { discoverEngines, type DiscoveryOptions, type EngineCandidate } from './engines.js';
import { DEFAULT_TIMEOUTS, type EngineTimeouts } from './engine-timeouts.js';
import type { WatchedEngine } from './engine-watch.js';
import type { ContainerSource, PublishedPorts } from './source.js';

export interface ContainerSourceOptions extends DiscoveryOptions {
  clock?: Clock;
  timeouts?: Partial<EngineTimeouts>;
  /** Follow each engine's event stream (default true). A one-shot command lists once instead:
   *  no stream to wait for, and nothing that keeps a socket-activated Podman service running. */
  stream?: boolean;
}

const CONTAINER_ID = /^[0-9a-f]{12,64}$/i;

function sameStatus(a: EngineStatus, b: EngineStatus | undefined): boolean {
  return (
    b !== undefined &&
    a.id === b.id &&
    a.kind === b.kind &&
    a.endpoint === b.endpoint &&
    a.state === b.state &&
    a.reason === b.reason &&
    a.containers === b.containers
  );
}

/** Same engine at the same place: a rediscovery that finds it keeps its cache and stream. */
function candidateKey(c: EngineCandidate): string {
  return JSON.stringify([c.id, c.endpoint, c.problem, c.address]);
}

export class EngineContainerSource implements ContainerSource {
  private engines: WatchedEngine[] = [];
  /** Loaded with the first engine discovery finds (see discover()). */
  private engineClass: typeof WatchedEngine | null = null;
  private discoveredAt: number | null = null;
  private discovering: Promise<void> | null = null;
  private closed = false;
  private last: { lists: PublishedPort[][]; answer: PublishedPorts } | null = null;
  private readonly timeouts: EngineTimeouts;
  private readonly clock: Clock;

  constructor(private readonly options: ContainerSourceOptions = {}) {
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.clock = options.clock ?? systemClock;
  }

  async published(): Promise<PublishedPorts> {
    await this.discoverWhenDue();
    const engines = this.engines;
    await Promise.all(engines.map((engine) => engine.refresh()));
    const statuses = engines.map((engine) => engine.status());
    const lists = engines.map((engine) => engine.ports());
    // The same answer object while nothing changed: the collector then keeps its joined sockets
    // (same array), so a steady tick does no attribution work at all.
    const last = this.last;
    if (
      last &&
      last.lists.length === lists.length &&
      lists.every((list, i) => list === last.lists[i]) &&
      statuses.every((status, i) => sameStatus(status, last.answer.engines[i]))
    ) {
      return last.answer;
    }
    const answer = { engines: statuses, ports: lists.flat() };
    this.last = { lists, answer };
    return answer;
  }

  invalidate(): void {
    for (const engine of this.engines) engine.invalidate();
  }

  prepare(): void {
    // discoverWhenDue() keeps the one discovery in flight, which published() then awaits.
    this.discoverWhenDue().catch(() => undefined);
  }

  async stop(engineId: string, id: string): Promise<ContainerStopResult> {
    if (typeof id !== 'string' || !CONTAINER_ID.test(id)) {
      return {
        ok: false,
        message: `${JSON.stringify(echoInput(String(id)))} is not a container ID (12 to 64 hex digits)`,
      };
    }
    await this.discoverWhenDue();
    const engine = this.engines.find((e) => e.candidate.id === engineId);
    if (!engine) {
      const known = this.engines.map((e) => e.candidate.id).join(', ') || 'none found';
      return {
        ok: false,
        message: `no container engine named ${JSON.stringify(echoInput(String(engineId)))} (engines: ${known})`,
      };
    }
    await engine.refresh(true);
    const status = engine.status();
    const target = engine.target();
    if (status.state === 'unavailable' || !target || !engine.identity) {
      return {
        ok: false,
        message: `the engine ${engineId} is unavailable: ${status.reason ?? ''}`,
      };
    }
    const prefix = engine.identity.prefix;
    // The HTTP client loads with the first engine found: a machine without one never pays for it.
    const { inspectContainer, stopContainer } = await import('./engine-client.js');
    const names =
      engine.containerNamed(id) ??
      (await inspectContainer(target, prefix, id, this.timeouts.listMs));
    const label = names ? `${names.name} (${names.image})` : id.slice(0, 12);
    const result = await stopContainer(target, prefix, id, label, this.timeouts.stopMs);
    engine.invalidate();
    return result;
  }

  close(): void {
    this.closed = true;
    for (const engine of this.engines) engine.close();
    // Engines made from now on list without streaming (published() after close still answers).
    const Engine = this.engineClass;
    if (Engine === null) return;
    this.engines = this.engines.map(
      (e) => new Engine(e.candidate, this.timeouts, this.clock, false),
    );
  }

  private async discoverWhenDue(): Promise<void> {
    const due =
      this.discoveredAt === null || this.clock() - this.discoveredAt >= this.timeouts.rediscoverMs;
    if (!due) return;
    this.discovering ??= this.discover().finally(() => {
      this.discovering = null;
    });
    await this.discovering;
  }

  private async discover(): Promise<void> {
    let candidates: EngineCandidate[];
    try {
      candidates = await discoverEngines(this.options);
    } catch {
      // Discovery reads files that may vanish mid-read: keep the engines already known.
      candidates = this.engines.map((e) => e.candidate);
    }
    this.discoveredAt = this.clock();
    // The engine client (node:http and the API's schemas) loads with the first engine found.
    if (candidates.length > 0 && this.engineClass === null)
      this.engineClass = (await import('./engine-watch.js')).WatchedEngine;
    const Engine = this.engineClass;
    const previous = new Map(this.engines.map((e) => [candidateKey(e.candidate), e]));
    this.engines = candidates.map((c) => {
      const key = candidateKey(c);
      const kept = previous.get(key);
      previous.delete(key);
      const streaming = !this.closed && this.options.stream !== false;
      return kept ?? new Engine!(c, this.timeouts, this.clock, streaming);
    });
    for (const gone of previous.values()) gone.close();
  }
}
