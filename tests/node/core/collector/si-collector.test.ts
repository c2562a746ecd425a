// The systeminformation source: real sockets through si on this machine, missing tools, si failures.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { CollectorError } from '../../../../src-main/core/errors.js';
import { createCollector } from '../../../../src-main/core/collector/index.js';
import { createSiCollector, type SiApi } from '../../../../src-main/core/collector/si-collector.js';
import type { SiConnection } from '../../../../src-main/core/collector/si-normalize.js';
import { findOnPath } from '../../../../src-main/core/platform/tool-path.js';
import { holdSockets, stopAllHolders } from '../../../helpers/sockets.js';

afterEach(stopAllHolders);

async function rejection(promise: Promise<unknown>): Promise<CollectorError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(CollectorError);
    return error as CollectorError;
  }
  throw new Error('expected a CollectorError');
}

const haveNetstat =
  process.platform === 'linux' && findOnPath('netstat', process.env, 'linux') !== null;

describe.skipIf(!haveNetstat)('systeminformation source, real sockets', () => {
  test('finds TCP listeners on 127.0.0.1 and ::1 with the holder PID', async () => {
    const holder = await holdSockets({
      listen: [{ host: '127.0.0.1' }, { host: '::1' }, { protocol: 'udp', host: '127.0.0.1' }],
    });
    const [tcp4, tcp6, udp] = holder.sockets;
    const collector = createCollector({ source: 'systeminformation' });
    expect(collector.source).toBe('systeminformation');
    const snap = await collector.snapshot();
    expect(snap.source).toBe('systeminformation');

    // The listeners on that port: a connection of another test, run meanwhile, may have been given
    // the same number as its own ephemeral local port.
    const at = (protocol: string, port: number) =>
      snap.sockets.filter(
        (s) => s.protocol === protocol && s.localPort === port && s.remoteAddress === null,
      );
    expect(at('tcp', tcp4!.port)).toEqual([
      expect.objectContaining({
        family: 4,
        localAddress: '127.0.0.1',
        state: 'LISTEN',
        remoteAddress: null,
        pid: holder.pid,
        pids: [holder.pid],
        process: 'node',
        exposure: 'loopback',
        inode: null,
      }),
    ]);
    expect(at('tcp', tcp4!.port)[0]?.command).toContain('socket-holder.mjs');
    expect(at('tcp', tcp6!.port)).toEqual([
      expect.objectContaining({
        family: 6,
        localAddress: '::1',
        state: 'LISTEN',
        pid: holder.pid,
        exposure: 'loopback',
      }),
    ]);
    // Known si limitation: it greps netstat's output by TCP state, so unconnected UDP sockets
    // (every UDP listener) never reach us. The snapshot says so in a warning.
    expect(at('udp', udp!.port)).toEqual([]);
    expect(snap.warnings.join(' ')).toMatch(/UDP/);
  });
});

describe('systeminformation source, failures', () => {
  test('missing netstat and ss is a missing-tool CollectorError naming them', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'porthole-empty-path-'));
    const saved = process.env.PATH;
    process.env.PATH = empty;
    try {
      const error = await rejection(createCollector({ source: 'systeminformation' }).snapshot());
      expect(error.reason).toBe('missing-tool');
      expect(error.message).toMatch(/not found/);
      expect(error.message).toContain('netstat');
      if (process.platform === 'linux') expect(error.message).toContain('ss');
    } finally {
      process.env.PATH = saved;
      rmSync(empty, { recursive: true, force: true });
    }
  });

  test('per platform, the tools si needs are checked on the given PATH', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'porthole-empty-path-'));
    try {
      for (const platform of ['darwin', 'win32']) {
        const collector = createSiCollector({ clock: () => 0, platform, env: { PATH: empty } });
        const error = await rejection(collector.snapshot());
        expect(error).toMatchObject({ reason: 'missing-tool' });
        expect(error.message).toContain('netstat');
      }
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  const fakeSi = (over: Partial<SiApi>, calls = { processes: 0 }): SiApi => ({
    networkConnections: () => Promise.resolve([]),
    processes: () => {
      calls.processes += 1;
      return Promise.resolve({ list: [] });
    },
    ...over,
  });
  const row: SiConnection = {
    protocol: 'tcp',
    localAddress: '127.0.0.1',
    localPort: '3000',
    peerAddress: '0.0.0.0',
    peerPort: '*',
    state: 'LISTEN',
    pid: null,
    process: '',
  };

  test('an error inside si becomes a failed CollectorError', async () => {
    const si = fakeSi({ networkConnections: () => Promise.reject(new Error('netstat exploded')) });
    const error = await rejection(
      createSiCollector({ clock: () => 0, si, env: process.env }).snapshot(),
    );
    expect(error.reason).toBe('failed');
    expect(error.message).toContain('netstat exploded');
  });

  test('a hung si call times out as a failed CollectorError', async () => {
    const si = fakeSi({ networkConnections: () => new Promise<SiConnection[]>(() => undefined) });
    const error = await rejection(
      createSiCollector({ clock: () => 0, si, env: process.env, timeoutMs: 20 }).snapshot(),
    );
    expect(error.reason).toBe('failed');
  });

  test('rows that are all garbage are a parse CollectorError', async () => {
    const si = fakeSi({
      networkConnections: () =>
        Promise.resolve([
          { ...row, protocol: 'Proto' },
          { ...row, localPort: 'x' },
        ]),
    });
    expect(
      (await rejection(createSiCollector({ clock: () => 0, si, env: process.env }).snapshot()))
        .reason,
    ).toBe('parse');
  });

  test('processes() is called only when some socket has a PID, and once per snapshot', async () => {
    const calls = { processes: 0 };
    const rows: SiConnection[] = [row];
    const si = fakeSi({ networkConnections: () => Promise.resolve(rows) }, calls);
    const collector = createSiCollector({
      clock: () => 42,
      si,
      env: process.env,
      platform: 'darwin',
    });
    const first = await collector.snapshot();
    expect(calls.processes).toBe(0);
    expect(first).toMatchObject({ takenAt: 42, unattributed: 1, source: 'systeminformation' });
    rows.push({ ...row, localPort: '3001', pid: 77 }, { ...row, localPort: '3002', pid: 78 });
    await collector.snapshot();
    expect(calls.processes).toBe(1);
  });
});
