// The container words every layer shares: published by, forwards to, the forwarder refusal, the engine's stop command, the engine line.
import { describe, expect, test } from 'vitest';
import {
  containerStopCommand,
  engineKindOf,
  engineUnavailableLine,
  forwarderStopRefusal,
  forwardsToText,
  publishedByText,
  type EngineStatus,
} from '../../../src-main/domain/container.js';

const engine = (over: Partial<EngineStatus>): EngineStatus => ({
  id: 'docker',
  kind: 'docker',
  endpoint: 'unix:///var/run/docker.sock',
  state: 'available',
  reason: null,
  containers: 0,
  ...over,
});

describe('container texts', () => {
  test('published by and forwards to, IPv6 in brackets', () => {
    expect(publishedByText({ name: 'db' })).toBe('published by container db');
    expect(forwardsToText({ address: '172.17.0.2', port: 8080 })).toBe(
      'forwards to 172.17.0.2:8080',
    );
    expect(forwardsToText({ address: 'fd00::2', port: 80 })).toBe('forwards to [fd00::2]:80');
  });

  test('the refusal names the forwarder and the container', () => {
    expect(forwarderStopRefusal('docker-proxy', { name: 'db' })).toBe(
      'docker-proxy only forwards this port for container db; stopping it would leave the container running',
    );
    expect(forwarderStopRefusal(null, { name: 'db' })).toMatch(/^the forwarder only forwards/);
  });

  test('the stop command uses the name, or the short ID when the name is no plain engine name', () => {
    const id = '3f2a9c1d4b5e6f708192a3b4c5d6e7f8';
    expect(containerStopCommand({ name: 'shop-db_1.x', id }, 'docker')).toBe(
      'docker stop shop-db_1.x',
    );
    expect(containerStopCommand({ name: 'db; rm -rf ~', id }, 'podman')).toBe(
      'podman stop 3f2a9c1d4b5e',
    );
    expect(containerStopCommand({ name: '$(x)', id: 'sha256:;;' }, 'docker')).toBe(
      'docker stop a256',
    );
  });

  test('the engine kind comes from the listed engines, else from the engine ID', () => {
    const engines = [engine({ id: 'work', kind: 'podman' })];
    expect(engineKindOf({ engine: 'work' }, engines)).toBe('podman');
    expect(engineKindOf({ engine: 'podman-rootless' }, [])).toBe('podman');
    expect(engineKindOf({ engine: 'DOCKER_HOST' }, undefined)).toBe('docker');
    expect(engineUnavailableLine({ id: 'podman' })).toBe('Container engine podman is unavailable');
  });
});
