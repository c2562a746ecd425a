// Published ports as the engines' recorded answers describe them (tests/fixtures/engines), for the attribution tests.
import type { ContainerRef, PublishedPort } from '../../../../src-main/domain/container.js';
import type { Protocol } from '../../../../src-main/domain/model.js';

export function containerRef(name: string, over: Partial<ContainerRef> = {}): ContainerRef {
  return {
    engine: 'docker',
    id: `${name}-0123456789abcdef`,
    name,
    image: 'porthole-test:1',
    containerPort: 8080,
    protocol: 'tcp',
    project: null,
    service: null,
    ...over,
  };
}

/** A port `name` publishes: `docker run -p [hostAddress:]hostPort:8080[/protocol]`. */
export function publishedPort(
  name: string,
  hostAddress: string | null,
  hostPort: number,
  over: { protocol?: Protocol; containerAddress?: string | null; container?: ContainerRef } = {},
): PublishedPort {
  const protocol = over.protocol ?? 'tcp';
  return {
    protocol,
    hostAddress,
    hostPort,
    container: over.container ?? containerRef(name, { protocol }),
    containerAddress: over.containerAddress === undefined ? '172.17.0.3' : over.containerAddress,
  };
}
