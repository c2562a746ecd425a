// Docker's real docker-proxy, run standalone (no daemon), seen by the real collectors through the
// container decorator: its PID, its target from its command line, and the container a source names.
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { createCollector } from '../../../../src-main/core/collector/index.js';
import { findOnPath } from '../../../../src-main/core/platform/tool-path.js';
import { findConflicts } from '../../../../src-main/core/rules/conflicts.js';
import type { PortSocket, Snapshot } from '../../../../src-main/domain/model.js';
import {
  dockerProxyFound,
  dockerProxySkipReason,
  startDockerProxy,
  stopAllDockerProxies,
  type RunningProxy,
} from '../../../helpers/docker-proxy.js';
import { containerRef, publishedPort } from '../containers/published-ports.js';
import { FakeContainerSource } from './fake-container-source.js';

const linux = process.platform === 'linux';
if (linux && !dockerProxyFound) console.warn(`docker-proxy tests${dockerProxySkipReason}`);

afterEach(stopAllDockerProxies);
afterAll(stopAllDockerProxies);

function heldBy(snap: Snapshot, proxy: RunningProxy): PortSocket[] {
  return snap.sockets.filter(
    (s) =>
      s.protocol === proxy.protocol &&
      s.localPort === proxy.hostPort &&
      s.localAddress === proxy.hostIp &&
      s.remoteAddress === null,
  );
}

describe.skipIf(!linux || !dockerProxyFound)(
  `real docker-proxy, proc source${dockerProxySkipReason}`,
  () => {
    test('TCP on 127.0.0.1 and ::1, UDP: the proxy PID and where it forwards, no engine needed', async () => {
      const tcp4 = await startDockerProxy({ hostIp: '127.0.0.1' });
      const tcp6 = await startDockerProxy({
        hostIp: '::1',
        containerIp: '172.17.0.3',
        containerPort: 80,
      });
      const udp = await startDockerProxy({
        protocol: 'udp',
        hostIp: '127.0.0.1',
        containerPort: 53,
      });
      const snap = await createCollector({ source: 'proc' }).snapshot();
      expect(snap.engines).toBeUndefined();
      for (const proxy of [tcp4, tcp6, udp]) {
        const [socket, ...rest] = heldBy(snap, proxy);
        expect(rest, proxy.command).toEqual([]);
        expect(socket, proxy.command).toMatchObject({
          state: proxy.protocol === 'udp' ? 'UNCONN' : 'LISTEN',
          pid: proxy.pid,
          process: 'docker-proxy',
          command: proxy.command,
          forwardsTo: { address: proxy.containerIp, port: proxy.containerPort },
        });
        expect(socket!.container).toBeUndefined();
      }
      expect(heldBy(snap, tcp4)[0]!.forwardsTo).toEqual({ address: '172.17.0.2', port: 8080 });
    });

    test('a source publishing the port: the proxy socket names the container; a stopped proxy leaves the DNAT-style entry', async () => {
      const proxy = await startDockerProxy({ hostIp: '127.0.0.1' });
      const web = containerRef('web', { image: 'nginx:1.25' });
      const source = new FakeContainerSource([
        publishedPort('web', '127.0.0.1', proxy.hostPort, {
          container: web,
          containerAddress: '172.17.0.2',
        }),
      ]);
      const collector = createCollector({ source: 'proc', containers: source });
      const snap = await collector.snapshot();
      const [socket, ...rest] = heldBy(snap, proxy);
      expect(rest).toEqual([]);
      expect(socket).toMatchObject({ pid: proxy.pid, container: web });
      expect(
        snap.sockets.filter((s) => s.published === 'engine' && s.localPort === proxy.hostPort),
      ).toEqual([]);

      await proxy.stop();
      // The engine still says it publishes the port (as with --userland-proxy=false): listed, not free.
      const after = await collector.snapshot();
      const [entry, ...more] = after.sockets.filter(
        (s) => s.protocol === 'tcp' && s.localPort === proxy.hostPort && s.remoteAddress === null,
      );
      expect(more).toEqual([]);
      expect(entry).toMatchObject({
        pid: null,
        published: 'engine',
        container: web,
        forwardsTo: { address: '172.17.0.2', port: 8080 },
      });
    });

    test('one target on 127.0.0.1 and ::1 (a proxy per family, one parent): no conflict', async () => {
      const v4 = await startDockerProxy({ hostIp: '127.0.0.1' });
      const v6 = await startDockerProxy({ hostIp: '::1', hostPort: v4.hostPort });
      const snap = await createCollector({ source: 'proc' }).snapshot();
      expect(heldBy(snap, v4)[0]?.parent).toBe(process.pid);
      expect(heldBy(snap, v6)[0]?.pid).toBe(v6.pid);
      const onPort = findConflicts(snap, [], { ipv6Loopback: true }).filter(
        (c) => c.port === v4.hostPort,
      );
      expect(onPort).toEqual([]);
      // Told apart (another target), the same two are a shadowing: the rule still sees them.
      const split = snap.sockets.map((s) =>
        s.pid === v6.pid ? { ...s, forwardsTo: { address: '172.17.0.9', port: 1 } } : s,
      );
      const kinds = findConflicts({ ...snap, sockets: split }, [], { ipv6Loopback: true })
        .filter((c) => c.port === v4.hostPort)
        .map((c) => c.kind);
      expect(kinds).toEqual(['shadowed']);
    });

    test('the helper says why a proxy could not start (port taken)', async () => {
      const first = await startDockerProxy({ hostIp: '127.0.0.1' });
      await expect(
        startDockerProxy({ hostIp: '127.0.0.1', hostPort: first.hostPort }),
      ).rejects.toThrow(/docker-proxy could not listen: .*address already in use/);
    });

    test('a new docker-proxy makes the decorator invalidate the source before asking it', async () => {
      const source = new FakeContainerSource();
      const collector = createCollector({ source: 'proc', containers: source });
      await collector.snapshot();
      const proxy = await startDockerProxy({ hostIp: '127.0.0.1' });
      const snap = await collector.snapshot();
      expect(heldBy(snap, proxy)[0]?.pid).toBe(proxy.pid);
      expect(source.calls.slice(-2)).toEqual(['invalidate', 'published']);
    });
  },
);

const haveNetstat = linux && findOnPath('netstat', process.env, 'linux') !== null;

describe.skipIf(!haveNetstat || !dockerProxyFound)(
  `real docker-proxy, systeminformation source${dockerProxySkipReason}`,
  () => {
    test('the portable source goes through the same decorator', async () => {
      const proxy = await startDockerProxy({ hostIp: '127.0.0.1' });
      const source = new FakeContainerSource([publishedPort('web', '127.0.0.1', proxy.hostPort)]);
      const snap = await createCollector({
        source: 'systeminformation',
        containers: source,
      }).snapshot();
      const [socket] = heldBy(snap, proxy);
      expect(socket).toMatchObject({
        pid: proxy.pid,
        forwardsTo: { address: '172.17.0.2', port: 8080 },
        container: { name: 'web' },
      });
    });
  },
);
