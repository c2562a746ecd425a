import { afterAll, expect, test } from 'vitest';
import { createProcCollector } from '../../../../src-main/core/collector/index.js';
import { nodeProcFs, type ProcFs } from '../../../../src-main/core/platform/proc-fs.js';
import { holdSockets, stopAllHolders } from '../../../helpers/sockets.js';

afterAll(stopAllHolders);

function collectorWithClock() {
  let now = 1_000_000;
  const clock = () => now;
  const collector = createProcCollector({ procRoot: '/proc', clock, maxStaleMs: 10_000 });
  return { collector, advance: (ms: number) => (now += ms) };
}

test('a steady snapshot reuses the last table read while no kernel counter moves', async () => {
  const { collector, advance } = collectorWithClock();
  // The first read records no counters (see the next test): the gate starts with the second.
  await collector.snapshot();
  // The counters are machine-wide: other tests' sockets (run in parallel) can move them between
  // two snapshots, and then a re-read is right. A few tries find a quiet moment.
  for (let attempt = 1; ; attempt++) {
    const first = await collector.snapshot();
    advance(1_000);
    const second = await collector.snapshot();
    if (second.sockets !== first.sockets && attempt < 5) continue;
    expect(second.sockets).toBe(first.sockets);
    expect(second.takenAt).toBe(first.takenAt + 1_000);
    return;
  }
});

test('the first snapshot reads no counters, the second reads them (a one-shot command pays nothing for them)', async () => {
  const counted: string[] = [];
  const fs: ProcFs = {
    ...nodeProcFs,
    readTextSync(path) {
      if (/\/net\/(sockstat6?|snmp)$/.test(path)) counted.push(path);
      return nodeProcFs.readTextSync(path);
    },
  };
  const collector = createProcCollector({ procRoot: '/proc', clock: () => 1_000_000, fs });
  const first = await collector.snapshot();
  expect(counted).toEqual([]);
  const second = await collector.snapshot();
  expect(counted).toEqual(['/proc/net/sockstat', '/proc/net/sockstat6', '/proc/net/snmp']);
  // Nothing to compare the counters with yet: the second snapshot read the tables again.
  expect(second.sockets).not.toBe(first.sockets);
});

test('a forced re-read happens once the last read is older than maxStaleMs', async () => {
  const { collector, advance } = collectorWithClock();
  const first = await collector.snapshot();
  advance(10_000);
  const second = await collector.snapshot();
  expect(second.sockets).not.toBe(first.sockets);
});

test('listeners opened and closed by another process are seen on the next steady tick', async () => {
  const { collector, advance } = collectorWithClock();
  await collector.snapshot();
  const holder = await holdSockets({
    listen: [{ host: '127.0.0.1' }, { protocol: 'udp', host: '::1' }],
  });
  advance(100);
  const withHolder = await collector.snapshot();
  for (const opened of holder.sockets) {
    const seen = withHolder.sockets.find(
      (s) => s.localPort === opened.port && s.protocol === opened.protocol,
    );
    expect(seen?.pid).toBe(holder.pid);
  }
  await holder.stop();
  advance(100);
  const after = await collector.snapshot();
  expect(after.sockets.some((s) => s.pid === holder.pid)).toBe(false);
});
