// One engine as the source keeps it: who it is, its cached container list (trusted while its event
// stream is live, else for a TTL), and why it is unavailable (retried in the background when due).
import type { Clock } from '../../domain/model.js';
import type { EngineStatus, PublishedPort } from '../../domain/container.js';
import { describeError } from '../errors.js';
import {
  engineIdentity,
  listContainers,
  type ContainerList,
  type EngineIdentity,
} from './engine-client.js';
import { EngineEvents } from './engine-events.js';
import type { EngineTarget } from './engine-http.js';
import type { EngineCandidate } from './engines.js';
import type { EngineTimeouts } from './engine-timeouts.js';

/** One empty list, so an engine with nothing published answers the same array every time. */
const NO_PORTS: PublishedPort[] = [];
export { DEFAULT_TIMEOUTS, type EngineTimeouts } from './engine-timeouts.js';

export class WatchedEngine {
  identity: EngineIdentity | null = null;
  private generation = 0;
  private list: { generation: number; listedAt: number; data: ContainerList } | null = null;
  private failure: { reason: string; at: number; generation: number } | null = null;
  private inFlight: Promise<void> | null = null;
  private events: EngineEvents | null = null;
  private closed = false;

  constructor(
    readonly candidate: EngineCandidate,
    private readonly timeouts: EngineTimeouts,
    private readonly clock: Clock,
    /** False after the source is closed: list without opening streams. */
    private readonly streaming: boolean,
  ) {}

  /** Where to send requests, or null when discovery already knows it cannot be used. */
  target(): EngineTarget | null {
    const address = this.candidate.address;
    return address ? { address, kind: this.identity?.kind ?? this.candidate.kindHint } : null;
  }

  /**
   * Brings the cache up to date when it is stale; never throws. A steady engine costs nothing; an
   * unavailable one is asked again in the background when due, so a caller never waits on it twice.
   * `askUnavailable`: ask an unavailable engine now and wait (a user's stop deserves a fresh try).
   */
  async refresh(askUnavailable = false): Promise<void> {
    if (this.candidate.problem || this.closed) return;
    if (this.failure && askUnavailable) return this.update();
    if (this.failure) {
      const due = this.clock() - this.failure.at >= this.timeouts.retryMs;
      if (due || this.failure.generation !== this.generation) void this.update();
      return;
    }
    if (this.cacheValid()) return;
    await this.update();
  }

  /** Forget the list: the next refresh asks again. */
  invalidate(): void {
    this.generation++;
  }

  status(): EngineStatus {
    const reason =
      this.candidate.problem ?? this.failure?.reason ?? (this.list ? null : 'not asked yet');
    return {
      id: this.candidate.id,
      kind: this.identity?.kind ?? this.candidate.kindHint,
      endpoint: this.candidate.endpoint,
      state: reason === null ? 'available' : 'unavailable',
      reason,
      containers: reason === null ? (this.list?.data.containers ?? 0) : 0,
    };
  }

  ports(): PublishedPort[] {
    return this.failure ? NO_PORTS : (this.list?.data.ports ?? NO_PORTS);
  }

  /** Name and image of a listed container, by full ID or a prefix of it. */
  containerNamed(id: string): { name: string; image: string } | null {
    for (const [fullId, names] of this.list?.data.names ?? []) {
      if (fullId.startsWith(id.toLowerCase())) return names;
    }
    return null;
  }

  close(): void {
    this.closed = true;
    this.events?.close();
    this.events = null;
  }

  private cacheValid(): boolean {
    const list = this.list;
    if (!list || list.generation !== this.generation) return false;
    return this.events?.live === true || this.clock() - list.listedAt < this.timeouts.ttlMs;
  }

  private update(): Promise<void> {
    this.inFlight ??= this.ask().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async ask(): Promise<void> {
    const target = this.target();
    if (!target) return;
    try {
      if (!this.identity) this.identity = await engineIdentity(target, this.timeouts.versionMs);
      const identity = this.identity;
      if (this.streaming && !this.events && !this.closed) {
        this.events = new EngineEvents(
          { address: target.address, kind: identity.kind },
          identity.prefix,
          {
            minBackoffMs: this.timeouts.eventsBackoffMs,
            maxBackoffMs: this.timeouts.eventsMaxBackoffMs,
          },
          () => this.invalidate(),
        );
        this.events.start();
        // List only once the stream is live, so no change between the list and the stream is lost.
        await this.events.waitLive(this.timeouts.eventsWaitMs);
      }
      const generation = this.generation;
      const data = await listContainers(
        { address: target.address, kind: identity.kind },
        this.candidate.id,
        identity.prefix,
        this.timeouts.listMs,
      );
      this.list = { generation, listedAt: this.clock(), data };
      this.failure = null;
    } catch (error) {
      this.list = null;
      this.failure = {
        reason: describeError(error),
        at: this.clock(),
        generation: this.generation,
      };
    }
  }
}
