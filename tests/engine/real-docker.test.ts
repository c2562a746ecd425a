// Containers end to end against a real Docker Engine (issue 9): published ports through the built
// CLI, the forwarder PIDs /proc gives, and a --userland-proxy=false daemon for the DNAT case.
// Skipped, saying why, where dockerd cannot run (not root, not installed, another one running).
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PortSocket } from '../../src-main/domain/model.js';
import { DockerDaemon, engineGet } from '../helpers/docker-daemon.js';
import {
  dockerPreflight,
  dockerProxies,
  freePort,
  processAlive,
  proxyPid,
  TEST_IMAGE,
} from '../helpers/docker-facts.js';
import { cleanupConfigDirs, freshConfigDir, runCli } from '../node/cli/run-cli.js';

let skipReason = dockerPreflight();
let first: DockerDaemon | null = null;
if (skipReason === null) {
  try {
    first = await DockerDaemon.start();
  } catch (error) {
    // In CI, as root with the packages .ci/run installs, a daemon that does not start is a failure.
    if (process.env.CI === 'true') throw error;
    skipReason = `dockerd did not start: ${(error as Error).message}`;
  }
}
if (skipReason !== null) console.log(`Real Docker engine tests skipped: ${skipReason}`);
const title = (name: string): string => (skipReason ? `${name} (skipped: ${skipReason})` : name);

interface ListJson {
  sockets: PortSocket[];
}

interface EngineContainer {
  Id: string;
  Names: string[];
  Ports: { IP?: string; PrivatePort: number; PublicPort?: number; Type: string }[];
}

const NAME = `porthole-it-${process.pid}`;
const COMPOSE = {
  'com.docker.compose.project': 'porthole-it',
  'com.docker.compose.service': 'web',
};
const configDir = (): string => freshConfigDir();

/** `porthole list --json` with DOCKER_HOST pointing at the test daemon. */
async function listJson(daemon: DockerDaemon): Promise<PortSocket[]> {
  const result = await runCli(['list', '--json'], configDir(), { DOCKER_HOST: daemon.host });
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as ListJson).sockets;
}

function socketAt(
  sockets: readonly PortSocket[],
  protocol: 'tcp' | 'udp',
  address: string,
  port: number,
): PortSocket | undefined {
  return sockets.find(
    (s) =>
      s.protocol === protocol &&
      s.localAddress === address &&
      s.localPort === port &&
      s.remotePort === null,
  );
}

function httpStatusOnce(host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host, port, path: '/', timeout: 5_000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${host}:${port}`)));
    req.on('error', reject);
  });
}

/** The status of an HTTP answer on host:port (busybox httpd answers anything, even with a 404).
 *  A forwarder accepts before the container's server listens, so early resets are retried (bounded);
 *  a refused connection is not: nothing forwards that port. */
async function httpStatus(host: string, port: number): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await httpStatusOnce(host, port);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ECONNREFUSED' || attempt === 25) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

afterAll(async () => {
  cleanupConfigDirs();
  await first?.cleanup();
});

describe.skipIf(skipReason !== null)(title('a real Docker engine with the userland proxy'), () => {
  let daemon: DockerDaemon;
  const ports = { loop: 0, all: 0, udp: 0 };
  const ids = { loop: '', all: '', udp: '' };

  beforeAll(async () => {
    daemon = first!;
    await daemon.importImage();
    ports.loop = await freePort('tcp');
    ports.all = await freePort('tcp');
    ports.udp = await freePort('udp');
    ids.loop = await daemon.run({
      name: `${NAME}-loop`,
      publish: [`127.0.0.1:${ports.loop}:8080`],
      labels: COMPOSE,
    });
    ids.all = await daemon.run({ name: `${NAME}-all`, publish: [`${ports.all}:8080`] });
    ids.udp = await daemon.run({
      name: `${NAME}-udp`,
      publish: [`127.0.0.1:${ports.udp}:9000/udp`],
    });
  });

  test('the engine lists each container with the ports it publishes', async () => {
    const listed = await engineGet<EngineContainer[]>(daemon.socketPath, '/v1.41/containers/json');
    const byId = new Map(listed.map((c) => [c.Id, c]));
    expect(byId.get(ids.loop)?.Ports).toEqual([
      { IP: '127.0.0.1', PrivatePort: 8080, PublicPort: ports.loop, Type: 'tcp' },
    ]);
    expect(byId.get(ids.all)?.Ports).toEqual(
      expect.arrayContaining([
        { IP: '0.0.0.0', PrivatePort: 8080, PublicPort: ports.all, Type: 'tcp' },
        { IP: '::', PrivatePort: 8080, PublicPort: ports.all, Type: 'tcp' },
      ]),
    );
    expect(byId.get(ids.udp)?.Ports).toEqual([
      { IP: '127.0.0.1', PrivatePort: 9000, PublicPort: ports.udp, Type: 'udp' },
    ]);
  });

  test('published ports answer through docker-proxy', async () => {
    expect(await httpStatus('127.0.0.1', ports.loop)).toBeGreaterThanOrEqual(200);
    expect(await httpStatus('127.0.0.1', ports.all)).toBeGreaterThanOrEqual(200);
    expect(await httpStatus('::1', ports.all)).toBeGreaterThanOrEqual(200);
  });

  test('porthole list --json shows docker-proxy holding each published port, with the PID /proc gives', async () => {
    const sockets = await listJson(daemon);
    const expected = [
      ['tcp', '127.0.0.1', ports.loop],
      ['tcp', '0.0.0.0', ports.all],
      ['tcp', '::', ports.all],
      ['udp', '127.0.0.1', ports.udp],
    ] as const;
    for (const [protocol, address, port] of expected) {
      const pid = proxyPid(protocol, address, port);
      expect(pid, `a docker-proxy for ${protocol} ${address}:${port}`).not.toBeNull();
      expect(socketAt(sockets, protocol, address, port)).toMatchObject({
        pid,
        process: 'docker-proxy',
        command: expect.stringContaining(`-host-port ${port}`) as unknown,
      });
    }
    // One forwarder per address family for the all-interfaces container.
    expect(proxyPid('tcp', '0.0.0.0', ports.all)).not.toBe(proxyPid('tcp', '::', ports.all));
  });
});

describe.skipIf(skipReason !== null)(
  title('a real Docker engine with --userland-proxy=false'),
  () => {
    let daemon: DockerDaemon;
    const ports = { tcp: 0, udp: 0 };
    const ids = { tcp: '', udp: '' };
    let firstPid = 0;
    let firstDir = '';

    beforeAll(async () => {
      // One dockerd at a time: the first phase's daemon goes before this one starts.
      firstPid = first!.pid;
      firstDir = first!.dir;
      await first!.cleanup();
      daemon = await DockerDaemon.start({ userlandProxy: false });
      await daemon.importImage();
      ports.tcp = await freePort('tcp');
      ports.udp = await freePort('udp');
      ids.tcp = await daemon.run({ name: `${NAME}-dnat`, publish: [`${ports.tcp}:8080`] });
      ids.udp = await daemon.run({ name: `${NAME}-dnat-udp`, publish: [`${ports.udp}:9000/udp`] });
    });

    afterAll(async () => {
      await daemon?.cleanup();
    });

    test('the first daemon, its containers and its folder are gone', async () => {
      const { existsSync } = await import('node:fs');
      expect(processAlive(firstPid)).toBe(false);
      expect(existsSync(firstDir)).toBe(false);
      expect([...dockerProxies().keys()]).toEqual([]);
    });

    test('dockerd itself holds the IPv4 ports, TCP and UDP; IPv4 answers by DNAT, IPv6 is refused', async () => {
      const sockets = await listJson(daemon);
      for (const [protocol, port] of [
        ['tcp', ports.tcp],
        ['udp', ports.udp],
      ] as const) {
        expect(socketAt(sockets, protocol, '0.0.0.0', port)).toMatchObject({
          pid: daemon.pid,
          process: 'dockerd',
        });
        expect(
          sockets.filter((s) => s.localPort === port && s.family === 6 && s.pid !== null),
        ).toEqual([]);
      }
      expect(await httpStatus('127.0.0.1', ports.tcp)).toBeGreaterThanOrEqual(200);
      // Engine 20.10 without IPv6 NAT: no forwarder, so nothing answers on ::1.
      await expect(httpStatus('::1', ports.tcp)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      const listed = await engineGet<EngineContainer[]>(
        daemon.socketPath,
        '/v1.41/containers/json',
      );
      expect(listed.find((c) => c.Id === ids.tcp)?.Ports).toEqual([
        { IP: '0.0.0.0', PrivatePort: 8080, PublicPort: ports.tcp, Type: 'tcp' },
      ]);
      expect(listed.find((c) => c.Id === ids.udp)?.Ports).toEqual([
        { IP: '0.0.0.0', PrivatePort: 9000, PublicPort: ports.udp, Type: 'udp' },
      ]);
      expect([...dockerProxies().keys()]).toEqual([]);
    });

    test('the image is the local one', async () => {
      expect(await daemon.docker(['inspect', '--format', '{{.Config.Image}}', ids.tcp])).toBe(
        TEST_IMAGE,
      );
    });
  },
);
