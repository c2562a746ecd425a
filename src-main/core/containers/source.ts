// The contract between the container engines (engines, client, cache) and their users: the
// collector's attribution step, the service's stop channel, the CLI.
import type { ContainerStopResult, EngineStatus, PublishedPort } from '../../domain/container.js';

/** What every reachable engine publishes right now, and how each engine answered. */
export interface PublishedPorts {
  engines: EngineStatus[];
  ports: PublishedPort[];
}

export interface ContainerSource {
  /** Published ports of every running container on every engine found. Served from a cache that
   *  the engines' event streams keep fresh, so a steady tick costs no request. Never throws: an
   *  engine that is absent, slow or refusing shows as `unavailable` in `engines`. */
  published(): Promise<PublishedPorts>;
  /** Forget the cache: the next `published()` lists containers again (the collector calls it when a
   *  forwarder's PID set changed, in case the event stream missed it). */
  invalidate(): void;
  /** Starts finding the engines now, if that is due, so `published()` need not wait for it (the
   *  collector calls it before reading the sockets: the two wait on different things). Never throws. */
  prepare?(): void;
  /** Stops a running container through its engine (`POST /containers/{id}/stop`). Never throws. */
  stop(engine: string, id: string): Promise<ContainerStopResult>;
  /** Ends event streams and timers; `published()` after close lists once without streaming. */
  close(): void;
}
