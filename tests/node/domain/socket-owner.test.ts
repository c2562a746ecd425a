// Containers in words: one owner text per socket, the exposure fix, the engine notes and why a
// forwarder is not killed (domain/socket-owner.ts, exposure.ts, engine-notes.ts, container-actions.ts).
import { describe, expect, test } from 'vitest';
import type { EngineStatus } from '../../../src-main/domain/container.js';
import {
  containerStopCommand,
  engineKind,
  forwarderKillRefusal,
  isEngineForwarderName,
} from '../../../src-main/domain/container-actions.js';
import { engineNotes } from '../../../src-main/domain/engine-notes.js';
import { exposureFix, isExposed } from '../../../src-main/domain/exposure.js';
import { buildProblems } from '../../../src-main/domain/problem-list.js';
import { countProblems } from '../../../src-main/domain/problems.js';
import {
  containerPublishText,
  forwardText,
  forwarderNote,
  socketOwner,
  socketOwnerText,
} from '../../../src-main/domain/socket-owner.js';
import { watchOwnerText } from '../../../src-main/domain/watch-owner.js';
import { DB_CONTAINER, proxySocket } from '../../helpers/container-socket.js';
import { portSocket } from '../../helpers/port-socket.js';
import { T0, watch, watchState } from '../electron/state.js';

const DB = DB_CONTAINER;
const proxy = proxySocket();
const natOnly = portSocket({
  localAddress: '0.0.0.0',
  localPort: 18090,
  exposure: 'all-interfaces',
  pid: null,
  process: null,
  command: null,
  user: null,
  container: DB,
  published: 'engine',
});

describe('the owner of a socket in words', () => {
  test('a container first, its forwarder secondary', () => {
    expect(socketOwner(proxy)).toBe('postgres (container db)');
    expect(forwarderNote(proxy)).toBe('via docker-proxy (PID 5040)');
    expect(socketOwnerText(proxy)).toBe('postgres (container db) via docker-proxy (PID 5040)');
  });

  test('only where the forwarder sends it', () => {
    const bare = { ...proxy, container: null };
    expect(socketOwner(bare)).toBe('docker-proxy (PID 5040)');
    expect(forwarderNote(bare)).toBeNull();
    expect(socketOwnerText(bare)).toBe(
      'docker-proxy (PID 5040) forwards 127.0.0.1:18090 to 172.17.0.2:8080',
    );
    expect(
      forwardText({ ...bare, localAddress: '::1', forwardsTo: { address: 'fd00::2', port: 80 } }),
    ).toBe('docker-proxy (PID 5040) forwards [::1]:18090 to [fd00::2]:80');
  });

  test('published by the engine with no process', () => {
    expect(socketOwner(natOnly)).toBe('postgres (container db)');
    expect(forwarderNote(natOnly)).toBeNull();
    expect(socketOwnerText(natOnly)).toBe(
      "published by container db (postgres) through the engine's NAT rules, no process holds it",
    );
  });

  test('a plain process as before; nobody known is null', () => {
    expect(socketOwnerText(portSocket())).toBe('node (PID 4121)');
    expect(socketOwner(portSocket({ pid: null, process: null }))).toBeNull();
  });

  test("who's line: image, compose project/service, the port inside and the forwarder", () => {
    expect(containerPublishText(proxy)).toBe(
      'container db (postgres:16, compose shop/web) publishes 127.0.0.1:18090 → 8080/tcp, via docker-proxy (PID 5040)',
    );
    const plain = { ...DB, project: null, service: null };
    expect(containerPublishText({ ...natOnly, container: plain })).toBe(
      "container db (postgres:16) publishes 0.0.0.0:18090 → 8080/tcp, through the engine's NAT rules (no process holds it)",
    );
    expect(containerPublishText(portSocket())).toBeNull();
  });
});

describe('exposure of a container', () => {
  test('a NAT-published port on every interface counts as exposed; on 127.0.0.1 it does not', () => {
    expect(isExposed(natOnly)).toBe(true);
    expect(isExposed({ ...natOnly, exposure: null, state: 'UNKNOWN' })).toBe(true);
    expect(isExposed({ ...natOnly, localAddress: '127.0.0.1', exposure: 'loopback' })).toBe(false);
    const state = { conflicts: [], watches: [], acknowledgedExposures: [] };
    expect(countProblems({ ...state, sockets: [natOnly] })).toBe(1);
  });

  test('the fix says Docker bypasses ufw/firewalld and how to publish on 127.0.0.1', () => {
    const fix = exposureFix(proxySocket({ localAddress: '0.0.0.0', exposure: 'all-interfaces' }))!;
    expect(fix).toContain('container db (postgres) is published on every interface');
    expect(fix).toContain("Docker's published ports bypass ufw and firewalld rules");
    expect(fix).toContain('Docker inserts its own iptables rules ahead of them');
    expect(fix).toContain('`docker run -p 127.0.0.1:18090:8080 …`');
    expect(fix).toContain('compose `ports: ["127.0.0.1:18090:8080"]`');
    expect(exposureFix(proxy)).toBeNull(); // 127.0.0.1: not exposed
  });

  test('Podman wording for a podman engine, by the engine list or by its id', () => {
    const podman = { ...natOnly, container: { ...DB, engine: 'podman-rootless' } };
    const fix = exposureFix(podman)!;
    expect(fix).toContain("Podman's published ports");
    expect(fix).toContain('`podman run -p 127.0.0.1:18090:8080 …`');
    expect(fix).not.toContain('Docker');
    const engines: EngineStatus[] = [
      {
        id: 'work',
        kind: 'podman',
        endpoint: 'unix:///x',
        state: 'available',
        reason: null,
        containers: 1,
      },
    ];
    const viaContext = { ...natOnly, container: { ...DB, engine: 'work' } };
    expect(exposureFix(viaContext, engines)).toContain("Podman's published ports");
    expect(exposureFix(viaContext)).toContain("Docker's published ports");
  });

  test("the exposed problem names the container and carries the container's fix, a publish command", () => {
    const [p] = buildProblems({
      conflicts: [],
      watches: [],
      sockets: [natOnly],
      acknowledgedExposures: [],
    });
    expect(p!.title).toBe(
      '18090 · postgres (container db) · reachable from other machines on 0.0.0.0',
    );
    expect(p!.message).toBe(
      'container db (postgres) is published on every interface; other machines can reach port 18090.',
    );
    expect(p!.fix).toContain('-p 127.0.0.1:18090:8080');
    expect(p!.command).toBe('docker run -p 127.0.0.1:18090:8080 …');
  });
});

describe('engine notes', () => {
  test('one line per unavailable engine, with its reason', () => {
    const engines: EngineStatus[] = [
      {
        id: 'docker',
        kind: 'docker',
        endpoint: 'unix:///var/run/docker.sock',
        state: 'unavailable',
        reason: 'permission denied on /var/run/docker.sock: add yourself to the docker group',
        containers: 0,
      },
      {
        id: 'podman',
        kind: 'podman',
        endpoint: 'unix:///run/podman/podman.sock',
        state: 'available',
        reason: null,
        containers: 2,
      },
    ];
    expect(engineNotes(engines)).toEqual([
      'container engine docker (unix:///var/run/docker.sock) is unavailable: permission denied on /var/run/docker.sock: add yourself to the docker group; ports of its containers show their forwarding process only',
    ]);
    expect(engineNotes(undefined)).toEqual([]);
  });
});

describe('acting on a container, not its forwarder', () => {
  test('stop commands follow the engine', () => {
    expect(containerStopCommand(DB)).toBe('docker stop db');
    expect(containerStopCommand({ ...DB, engine: 'podman' })).toBe('podman stop db');
    expect(engineKind('desktop-linux')).toBe('docker');
    // A name no engine would give is never copied as shell text: the short ID stands in.
    expect(containerStopCommand({ ...DB, name: 'db; rm -rf ~' })).toBe(
      `docker stop ${DB.id.slice(0, 12)}`,
    );
  });

  test('engine forwarders, cut names included; the user own forwarders are not', () => {
    for (const name of [
      'docker-proxy',
      'conmon',
      'rootlessport',
      'rootlesskit',
      'dockerd',
      'com.docker.back',
      'vpnkit',
      'wslrelay.exe',
    ]) {
      expect(isEngineForwarderName(name), name).toBe(true);
    }
    for (const name of ['socat', 'ssh', 'kubectl', 'node', null]) {
      expect(isEngineForwarderName(name), String(name)).toBe(false);
    }
  });

  test('a forwarder of a known container: the message names it and says to stop the container', () => {
    expect(forwarderKillRefusal(5040, 'docker-proxy', [proxy])).toBe(
      'docker-proxy (PID 5040) forwards port 18090 for container db (postgres); stopping it would leave the container running — stop the container instead',
    );
  });

  test('engine forwarders with no known container are refused too; others are not', () => {
    expect(forwarderKillRefusal(77, 'conmon', [])).toMatch(
      /^conmon \(PID 77\) forwards ports for a container engine/,
    );
    expect(forwarderKillRefusal(812, 'dockerd', [])).toMatch(
      /^dockerd \(PID 812\) is the container engine itself/,
    );
    expect(forwarderKillRefusal(9, 'socat', [{ ...proxy, pid: 9, process: 'socat' }])).toBeNull();
    expect(forwarderKillRefusal(4121, 'node', [portSocket()])).toBeNull();
  });
});

describe("a watch's owner text", () => {
  test('names the container while its forwarder holds the port', () => {
    const { spec } = watch(18090, null);
    const state = watchState('up', T0, { owner: { pid: 5040, process: 'docker-proxy' } });
    expect(watchOwnerText(spec, state, [proxy])).toBe(
      'postgres (container db) via docker-proxy (PID 5040)',
    );
    expect(watchOwnerText(spec, state, [{ ...proxy, container: null }])).toBe(
      'docker-proxy (PID 5040)',
    );
  });
});
