// How long Porthole waits on a container engine, and how often it asks again (no imports: the
// container source reads them before it knows whether any engine exists).
export interface EngineTimeouts {
  /** GET /version, once per engine: Podman runs its runtimes to answer it (0.4-0.6 s measured). */
  versionMs: number;
  /** GET /containers/json and a container's inspect. */
  listMs: number;
  /** POST /containers/{id}/stop: the engine waits up to 10 s before it kills. */
  stopMs: number;
  /** How long a list is trusted when no event stream is live. */
  ttlMs: number;
  /** How soon an unavailable engine is asked again. */
  retryMs: number;
  /** How long a first list waits for the event stream to open (a list made before it is only
   *  trusted for the TTL, since a change in between would be missed). */
  eventsWaitMs: number;
  /** Reconnecting a lost event stream: first wait, doubled up to the max. */
  eventsBackoffMs: number;
  eventsMaxBackoffMs: number;
  /** How often discovery looks again for engines appearing or disappearing. */
  rediscoverMs: number;
}

export const DEFAULT_TIMEOUTS: EngineTimeouts = {
  versionMs: 3000,
  listMs: 1000,
  stopMs: 15_000,
  ttlMs: 10_000,
  retryMs: 10_000,
  eventsWaitMs: 250,
  eventsBackoffMs: 1000,
  eventsMaxBackoffMs: 30_000,
  rediscoverMs: 30_000,
};
