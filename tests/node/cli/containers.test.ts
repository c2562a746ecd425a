// The CLI and containers: the socket table and `who`'s lines name the container (forwarder
// secondary), `--json` always has container/forwardsTo/engines, and --container/--image filters.
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { palette } from '../../../src-main/cli/format/color.js';
import { listJson, socketJson } from '../../../src-main/cli/format/json.js';
import { containerLines, renderSocketTable } from '../../../src-main/cli/format/sockets.js';
import type { ContainerRef, EngineStatus } from '../../../src-main/domain/container.js';
import type { Snapshot } from '../../../src-main/domain/model.js';
import { DB_CONTAINER, proxySocket } from '../../helpers/container-socket.js';
import { portSocket } from '../../helpers/port-socket.js';
import { holdSockets, stopAllHolders } from '../../helpers/sockets.js';
import { cleanupConfigDirs, freshConfigDir, jsonLines, runCli } from './run-cli.js';

afterEach(stopAllHolders);
afterAll(cleanupConfigDirs);

const DB = DB_CONTAINER;
const proxy = proxySocket();
const nat = portSocket({
  localPort: 18091,
  pid: null,
  process: null,
  command: null,
  user: null,
  container: { ...DB, name: 'cache', image: 'redis:7', containerPort: 6379 },
  published: 'engine',
});
const table = (sockets = [proxy, nat]) =>
  renderSocketTable(sockets, { connections: false, width: null, palette: palette(false) });

describe('human output', () => {
  test('the PROCESS column names the container; the forwarder and the port inside follow', () => {
    const [, first, second] = table().split('\n');
    expect(first).toMatch(
      /5040\s+postgres \(container db\)\s+root\s+postgres:16 → 8080\/tcp, via docker-proxy$/,
    );
    expect(second).toMatch(
      / -\s+redis \(container cache\)\s+-\s+redis:7 → 6379\/tcp, by the engine's NAT rules \(no process\)$/,
    );
  });

  test('a forwarder with only its target known leads its command with it', () => {
    const [, row] = table([{ ...proxy, container: null }]).split('\n');
    expect(row).toMatch(/docker-proxy\s+root\s+→ 172\.17\.0\.2:8080 {2}\/usr\/sbin\/docker-proxy/);
  });

  test("who's lines: the container with image, compose, port inside and forwarder", () => {
    expect(containerLines([proxy, nat, portSocket()])).toEqual([
      'container db (postgres:16, compose shop/web) publishes 127.0.0.1:18090 → 8080/tcp, via docker-proxy (PID 5040)',
      "container cache (redis:7, compose shop/web) publishes 127.0.0.1:18091 → 6379/tcp, through the engine's NAT rules (no process holds it)",
    ]);
    expect(containerLines([{ ...proxy, container: null }])).toEqual([
      'docker-proxy (PID 5040) forwards 127.0.0.1:18090 to 172.17.0.2:8080',
    ]);
  });
});

describe('--json', () => {
  test('container and forwardsTo with exactly their fields, internal ones left out', () => {
    const leaky = { ...proxy, container: { ...DB, secret: 1 } as ContainerRef };
    const out = socketJson(leaky);
    expect(out.container).toEqual(DB);
    expect(Object.keys(out.container!)).toEqual([
      'engine',
      'id',
      'name',
      'image',
      'containerPort',
      'protocol',
      'project',
      'service',
    ]);
    expect(out.forwardsTo).toEqual({ address: '172.17.0.2', port: 8080 });
    expect(socketJson(nat).published).toBe('engine');
  });

  test('list gains engines, [] when the snapshot has none', () => {
    const engine: EngineStatus = {
      id: 'docker',
      kind: 'docker',
      endpoint: 'unix:///var/run/docker.sock',
      state: 'unavailable',
      reason: 'no such file',
      containers: 0,
    };
    const snapshot: Snapshot = {
      takenAt: 0,
      sockets: [],
      unattributed: 0,
      source: 'proc',
      warnings: [],
    };
    const counts = { shown: 0, hidden: 0 };
    expect(listJson(snapshot, [], [], counts).engines).toEqual([]);
    expect(listJson({ ...snapshot, engines: [engine] }, [], [], counts).engines).toEqual([engine]);
  });
});

describe('the real CLI', () => {
  test('--container with no name is bad input (exit 2)', async () => {
    const { code, stderr } = await runCli(['list', '--container', ' '], freshConfigDir());
    expect(code).toBe(2);
    expect(stderr).toContain('--container needs a name');
  });

  test('--container / --image leave out every plain process', async () => {
    const holder = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    const json = await runCli(['list', '--json', '--image', 'nosuch'], freshConfigDir());
    expect(json.code).toBe(0);
    const body = JSON.parse(json.stdout) as { sockets: { pid: number | null }[] };
    expect(body.sockets.some((s) => s.pid === holder.pid)).toBe(false);
    const human = await runCli(['list', '--container', 'nosuch'], freshConfigDir());
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('No ports of such a container.');
  });

  test('watch --expect container:db on a port a plain process holds: owner-changed says so', async () => {
    const holder = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    const port = holder.sockets[0]!.port;
    const { code, stdout, stderr } = await runCli(
      ['watch', String(port), '--expect', 'container:db', '--once', '--json'],
      freshConfigDir(),
    );
    expect(code, stderr).toBe(0);
    const events = jsonLines(stdout) as { event: string; pid: number; detail: string }[];
    expect(events.map((e) => e.event)).toEqual(['up', 'owner-changed']);
    expect(events[1]!.pid).toBe(holder.pid);
    expect(events[1]!.detail).toContain('expected container:db');
  });

  test('watch --expect container: with no name is refused in words', async () => {
    const { code, stderr } = await runCli(
      ['watch', '5432', '--expect', 'container:', '--once'],
      freshConfigDir(),
    );
    expect(code).toBe(2);
    expect(stderr).toContain('"container:" needs a container name after it, e.g. container:db');
  });
});
