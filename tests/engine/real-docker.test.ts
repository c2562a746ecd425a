// Containers end to end against a real Docker Engine (issue 9): published ports through the built
// CLI, the forwarder PIDs /proc gives, and a --userland-proxy=false daemon for the DNAT case.
// Skipped, saying why, where dockerd cannot run (not root, not installed, another one running).
import { existsSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PortSocket } from '../../src-main/domain/model.js';
import type { Envelope } from '../../src-main/shared/contract.js';
import { DockerDaemon, engineGet } from '../helpers/docker-daemon.js';
import {
  dockerPreflight,
  dockerProxies,
  freePort,
  processAlive,
  proxyPid,
  TEST_IMAGE,
} from '../helpers/docker-facts.js';
import { holdSockets, stopAllHolders } from '../helpers/sockets.js';
import { cleanupConfigDirs, freshConfigDir, runCli } from '../node/cli/run-cli.js';
import { serve, type Served } from '../node/web/serve-process.js';
import {
  call,
  engineOf,
  httpStatus,
  listJson,
  porthole,
  refusal,
  shownInService,
  socketAt,
  whoJson,
  type EngineContainer,
  type ListJson,
} from './porthole-calls.js';

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

const NAME = `porthole-it-${process.pid}`;
const COMPOSE = {
  'com.docker.compose.project': 'porthole-it',
  'com.docker.compose.service': 'web',
};
const configDir = (): string => freshConfigDir();

afterAll(async () => {
  cleanupConfigDirs();
  await stopAllHolders();
  await first?.cleanup();
});

describe.skipIf(skipReason !== null)(title('a real Docker engine with the userland proxy'), () => {
  let daemon: DockerDaemon;
  const ports = { loop: 0, all: 0, udp: 0, split: 0, stop: 0, both: 0 };
  const ids = { loop: '', all: '', udp: '', split: '', stop: '', both: '' };
  const addresses = { loop: '', all: '', udp: '' };
  const served: Served[] = [];

  afterAll(async () => {
    for (const s of served) {
      await s.stop('SIGKILL');
      rmSync(s.configDir, { recursive: true, force: true });
    }
  });

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
    ports.split = await freePort('tcp');
    ids.split = await daemon.run({
      name: `${NAME}-split`,
      publish: [`127.0.0.1:${ports.split}:8080`],
    });
    ports.stop = await freePort('tcp');
    ids.stop = await daemon.run({
      name: `${NAME}-stop`,
      publish: [`127.0.0.1:${ports.stop}:8080`],
    });
    ports.both = await freePort('tcp');
    ids.both = await daemon.run({
      name: `${NAME}-both`,
      publish: [`127.0.0.1:${ports.both}:8080`, `[::1]:${ports.both}:8080`],
    });
    for (const key of ['loop', 'all', 'udp'] as const) {
      addresses[key] = await daemon.docker([
        'inspect',
        '--format',
        '{{.NetworkSettings.IPAddress}}',
        ids[key],
      ]);
    }
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

  test('a host process cannot take 127.0.0.1:P while a container publishes 0.0.0.0:P (the kernel refuses)', async () => {
    await expect(holdSockets({ listen: [{ host: '127.0.0.1', port: ports.all }] })).rejects.toThrow(
      /could not open sockets/,
    );
  });

  // ---- Porthole's container attribution (issue 9) ----

  test('list --json reports the test engine as available, with its running containers', async () => {
    expect(await engineOf(daemon)).toMatchObject({
      kind: 'docker',
      state: 'available',
      reason: null,
      containers: 6,
    });
  });

  test('list --json: each forwarder socket names its container and where it forwards', async () => {
    const engine = (await engineOf(daemon))?.id;
    expect(engine).toBeDefined();
    const sockets = await listJson(daemon);
    const compose = { project: 'porthole-it', service: 'web' };
    const none = { project: null, service: null };
    const cases = [
      ['tcp', '127.0.0.1', ports.loop, 'loop', 8080, compose],
      ['tcp', '0.0.0.0', ports.all, 'all', 8080, none],
      ['tcp', '::', ports.all, 'all', 8080, none],
      ['udp', '127.0.0.1', ports.udp, 'udp', 9000, none],
    ] as const;
    for (const [protocol, address, port, key, containerPort, labels] of cases) {
      expect(socketAt(sockets, protocol, address, port), `${protocol} ${address}:${port}`).toEqual(
        expect.objectContaining({
          pid: proxyPid(protocol, address, port),
          process: 'docker-proxy',
          container: {
            engine,
            id: ids[key],
            name: `${NAME}-${key}`,
            image: TEST_IMAGE,
            containerPort,
            protocol,
            ...labels,
          },
          forwardsTo: { address: addresses[key], port: containerPort },
        }),
      );
    }
  });

  test('who --json: the v4 and v6 forwarders of one container are one owner, not a conflict', async () => {
    const who = await whoJson(daemon, ports.all);
    // Even before the engine names the container: one parent, one target, one owner.
    expect(who.conflicts).toEqual([]);
    expect(who.sockets.map((s) => [s.pid, s.container?.id])).toEqual(
      expect.arrayContaining([
        [proxyPid('tcp', '0.0.0.0', ports.all), ids.all],
        [proxyPid('tcp', '::', ports.all), ids.all],
      ]),
    );
  });

  test('who names the container in place of docker-proxy', async () => {
    const text = await porthole(daemon, ['who', String(ports.loop)]);
    expect(text).toContain(`${NAME}-loop`);
    expect(text).toContain('porthole-test');
  });

  test('watch --expect container:NAME is met by that container and broken by another name', async () => {
    const run = async (expectation: string) => {
      const args = ['watch', String(ports.loop), '--expect', expectation, '--once', '--json'];
      const out = await porthole(daemon, args);
      return out
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { event: string; detail: string });
    };
    expect((await run(`container:${NAME}-loop`)).map((e) => e.event)).toEqual(['up']);
    const broken = await run('container:someone-else');
    expect(broken.map((e) => e.event)).toEqual(['up', 'owner-changed']);
    expect(broken[1]!.detail).toContain('expected container:someone-else');
  });

  test('the exposure rule flags the all-interfaces container with the ufw bypass hint; loopback is not flagged', async () => {
    const exposed = await porthole(daemon, ['who', String(ports.all)]);
    expect(exposed).toMatch(/exposed/);
    expect(exposed).toContain(`${NAME}-all`);
    expect(exposed).toMatch(/ufw/);
    expect(exposed).toContain(`127.0.0.1:${ports.all}`);
    expect(await porthole(daemon, ['who', String(ports.loop)])).not.toMatch(/exposed/);
  });

  test('a container on 127.0.0.1 only is half-reachable; the fix publishes its inside port on ::1 too', async () => {
    const text = await porthole(daemon, ['who', String(ports.loop)]);
    expect(text).toMatch(/half-reachable/);
    expect(text).toContain(`-p [::1]:${ports.loop}:8080`);
  });

  test('following that fix (-p 127.0.0.1:P:8080 -p [::1]:P:8080): both families answer, no problem is left', async () => {
    expect(await httpStatus('::1', ports.both)).toBeGreaterThanOrEqual(200);
    const who = await whoJson(daemon, ports.both);
    expect(who.conflicts).toEqual([]);
    expect(who.sockets.map((s) => s.pid).sort()).toEqual(
      [proxyPid('tcp', '127.0.0.1', ports.both), proxyPid('tcp', '::1', ports.both)].sort(),
    );
    expect(await porthole(daemon, ['who', String(ports.both)])).not.toMatch(/half-reachable/);
  });

  test('a host process on ::1 beside a container on 127.0.0.1: the conflict names the container', async () => {
    const holder = await holdSockets({ listen: [{ host: '::1', port: ports.split }] });
    try {
      const who = await whoJson(daemon, ports.split);
      const conflict = who.conflicts.find((c) => c.kind === 'shadowed');
      expect(conflict, JSON.stringify(who.conflicts)).toBeDefined();
      expect(conflict!.pids).toEqual(
        expect.arrayContaining([holder.pid, proxyPid('tcp', '127.0.0.1', ports.split)]),
      );
      expect(`${conflict!.summary}\n${conflict!.message}`).toContain(`${NAME}-split`);
      expect(`${conflict!.summary}\n${conflict!.message}`).toContain('porthole-test');
    } finally {
      await holder.stop();
    }
  });

  test('killing a docker-proxy PID is refused with the explanation; the forwarder lives', async () => {
    const browser = await serve(['--allow-kill'], { DOCKER_HOST: daemon.host });
    served.push(browser);
    const pid = proxyPid('tcp', '127.0.0.1', ports.loop)!;
    await shownInService(browser, ports.loop, ids.loop);
    const inspected = await call<{
      startToken: string | null;
      killable: boolean;
      reason: string | null;
    }>(browser, 'porthole:process:inspect', { pid });
    expect(inspected).toMatchObject({ ok: true, value: { killable: false } });
    const startToken = inspected.ok ? inspected.value.startToken : null;
    if (inspected.ok) expect(inspected.value.reason).toContain(`${NAME}-loop`);
    const message = refusal(
      await call(browser, 'porthole:process:kill', { pid, startToken, force: true }),
    );
    expect(message).toContain(`${NAME}-loop`);
    expect(message).toMatch(/container/);
    expect(processAlive(pid)).toBe(true);
  });

  test('browser mode without --allow-kill refuses to stop a container; it keeps running', async () => {
    const engine = (await engineOf(daemon))?.id ?? 'docker';
    const browser = await serve([], { DOCKER_HOST: daemon.host });
    served.push(browser);
    await shownInService(browser, ports.stop, ids.stop);
    const stopped = await call(browser, 'porthole:containers:stop', { engine, id: ids.stop });
    expect(stopped).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(refusal(stopped as Envelope<{ ok: boolean; message: string }>)).toContain(
      '--allow-kill',
    );
    expect(await daemon.docker(['inspect', '--format', '{{.State.Running}}', ids.stop])).toBe(
      'true',
    );
  });

  test('porthole:containers:stop stops the container through the engine and its port goes', async () => {
    const engine = (await engineOf(daemon))?.id;
    expect(engine).toBeDefined();
    const before = await whoJson(daemon, ports.stop);
    expect(before.sockets[0]?.container?.id).toBe(ids.stop);
    const browser = await serve(['--allow-kill'], { DOCKER_HOST: daemon.host });
    served.push(browser);
    await shownInService(browser, ports.stop, ids.stop);
    const stopped = await call<{ ok: boolean; message: string }>(
      browser,
      'porthole:containers:stop',
      { engine, id: ids.stop },
    );
    expect(stopped, JSON.stringify(stopped)).toMatchObject({ ok: true, value: { ok: true } });
    if (stopped.ok) expect(stopped.value.message).toContain(`${NAME}-stop`);
    expect(await daemon.docker(['inspect', '--format', '{{.State.Running}}', ids.stop])).toBe(
      'false',
    );
    // The engine removes the forwarder as the container stops; bounded wait for the table to follow.
    let remaining: PortSocket[] = before.sockets;
    for (let i = 0; i < 20 && remaining.length > 0; i++) {
      remaining = (await whoJson(daemon, ports.stop)).sockets;
      if (remaining.length > 0) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(remaining).toEqual([]);
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
    let firstHost = '';

    beforeAll(async () => {
      // One dockerd at a time: the first phase's daemon goes before this one starts.
      firstPid = first!.pid;
      firstDir = first!.dir;
      firstHost = first!.host;
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

    test('the first daemon, its containers and its folder are gone', () => {
      expect(processAlive(firstPid)).toBe(false);
      expect(existsSync(firstDir)).toBe(false);
      expect([...dockerProxies().keys()]).toEqual([]);
    });

    test('an engine that is gone is listed unavailable, with the reason; the snapshot is complete', async () => {
      const result = await runCli(['list', '--json'], configDir(), { DOCKER_HOST: firstHost });
      expect(result.code, result.stderr).toBe(0);
      const listed = JSON.parse(result.stdout) as ListJson;
      expect(listed.sockets.length).toBeGreaterThan(0);
      const engine = listed.engines?.find((e) => e.endpoint === firstHost);
      expect(engine).toMatchObject({ state: 'unavailable', containers: 0 });
      expect(engine?.reason).toEqual(expect.any(String));
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

    // ---- Porthole's container attribution (issue 9) ----

    test("dockerd's own sockets name the container", async () => {
      const engine = (await engineOf(daemon))?.id;
      expect(engine).toBeDefined();
      const sockets = await listJson(daemon);
      const cases = [
        ['tcp', ports.tcp, ids.tcp, `${NAME}-dnat`, 8080],
        ['udp', ports.udp, ids.udp, `${NAME}-dnat-udp`, 9000],
      ] as const;
      for (const [protocol, port, id, name, containerPort] of cases) {
        expect(socketAt(sockets, protocol, '0.0.0.0', port), `${protocol} ${port}`).toEqual(
          expect.objectContaining({
            pid: daemon.pid,
            process: 'dockerd',
            container: {
              engine,
              id,
              name,
              image: TEST_IMAGE,
              containerPort,
              protocol,
              project: null,
              service: null,
            },
          }),
        );
      }
    });

    test('entries with no process are published by the engine for the container; free does not offer the ports', async () => {
      const sockets = await listJson(daemon);
      const processless = sockets.filter(
        (s) => (s.localPort === ports.tcp || s.localPort === ports.udp) && s.pid === null,
      );
      for (const s of processless) {
        expect(s).toMatchObject({
          published: 'engine',
          container: { id: expect.any(String) as unknown },
        });
        expect([ids.tcp, ids.udp]).toContain(s.container?.id);
      }
      for (const [protocol, port] of [
        ['tcp', ports.tcp],
        ['udp', ports.udp],
      ] as const) {
        const args = ['free', '--near', String(port), '--count', '3', '--json'];
        const free = JSON.parse(
          await porthole(daemon, protocol === 'udp' ? [...args, '--udp'] : args),
        ) as { ports: number[] };
        expect(free.ports).not.toContain(port);
      }
    });

    test('the exposure rule flags the DNAT container on all interfaces with the ufw bypass hint', async () => {
      const text = await porthole(daemon, ['who', String(ports.tcp)]);
      expect(text).toMatch(/exposed/);
      expect(text).toContain(`${NAME}-dnat`);
      expect(text).toMatch(/ufw/);
    });

    test('the image is the local one', async () => {
      expect(await daemon.docker(['inspect', '--format', '{{.Config.Image}}', ids.tcp])).toBe(
        TEST_IMAGE,
      );
    });
  },
);
