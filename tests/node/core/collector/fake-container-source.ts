// A ContainerSource for tests: publishes what the test says, counts calls, never talks to an engine.
import type {
  ContainerStopResult,
  EngineStatus,
  PublishedPort,
} from '../../../../src-main/domain/container.js';
import type {
  ContainerSource,
  PublishedPorts,
} from '../../../../src-main/core/containers/source.js';

export const DOCKER_AVAILABLE: EngineStatus = {
  id: 'docker',
  kind: 'docker',
  endpoint: 'unix:///var/run/docker.sock',
  state: 'available',
  reason: null,
  containers: 1,
};

export class FakeContainerSource implements ContainerSource {
  publishedCalls = 0;
  invalidations = 0;
  /** Calls to prepare(), published() and invalidate(), in order: shows invalidate came before the
   *  ask, and prepare before the sockets were read (`read`, logged by the test's inner collector). */
  readonly calls: ('prepare' | 'published' | 'invalidate' | 'read')[] = [];
  #current: PublishedPorts;

  constructor(ports: PublishedPort[] = [], engines: EngineStatus[] = [DOCKER_AVAILABLE]) {
    this.#current = { engines, ports };
  }

  /** What the engines publish from now on (a new result object, as a refreshed cache gives). */
  publish(ports: PublishedPort[], engines: EngineStatus[] = this.#current.engines): void {
    this.#current = { engines, ports };
  }

  published(): Promise<PublishedPorts> {
    this.publishedCalls += 1;
    this.calls.push('published');
    return Promise.resolve(this.#current);
  }

  prepare(): void {
    this.calls.push('prepare');
  }

  invalidate(): void {
    this.invalidations += 1;
    this.calls.push('invalidate');
  }

  stop(): Promise<ContainerStopResult> {
    return Promise.resolve({ ok: false, message: 'not in tests' });
  }

  close(): void {}
}
