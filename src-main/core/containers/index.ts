// Container engines for the rest of Porthole: createContainerSource() and the records it speaks.
import { EngineContainerSource, type ContainerSourceOptions } from './container-source.js';
import type { ContainerSource } from './source.js';

export type { ContainerSource, PublishedPorts } from './source.js';
export type { ContainerSourceOptions } from './container-source.js';
export type { EngineTimeouts } from './engine-timeouts.js';
export type { CandidateSpec, EngineCandidate } from './engines.js';
export { DEFAULT_TIMEOUTS } from './engine-timeouts.js';
export { discoverEngines, implicitCandidates } from './engines.js';

/**
 * Every engine the user can reach, their published ports cached and kept fresh by event streams.
 * Options are seams for tests: env, home, platform, candidates (the well-known sockets), clock,
 * timeouts. Call close() when done; nothing it holds keeps Node alive meanwhile.
 */
export function createContainerSource(options: ContainerSourceOptions = {}): ContainerSource {
  return new EngineContainerSource(options);
}
