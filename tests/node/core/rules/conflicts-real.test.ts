import { afterEach, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { createCollector } from '../../../../src-main/core/collector/index.js';
import {
  conflictKey,
  diffConflicts,
  findConflicts,
  localhostOwners,
} from '../../../../src-main/core/rules/conflicts.js';
import { diffSnapshots } from '../../../../src-main/domain/diff.js';
import { holdSockets, stopAllHolders, type Holder } from '../../../helpers/sockets.js';
import { listener, snapshotOf } from './fixtures.js';

afterEach(stopAllHolders);

/** One holder on 127.0.0.1:P and another on ::1:P; retries a few times if ::1:P is taken. */
async function splitPort(): Promise<{ v4: Holder; v6: Holder; port: number }> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const v4 = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    const port = v4.sockets[0]!.port;
    try {
      const v6 = await holdSockets({ listen: [{ host: '::1', port }] });
      return { v4, v6, port };
    } catch {
      await v4.stop();
    }
  }
  throw new Error('could not hold one port on both 127.0.0.1 and ::1');
}

function listening(file: string, hexAddress: string, port: number): boolean {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return readFileSync(file, 'utf8')
    .split('\n')
    .some((line) => line.includes(`${hexAddress}:${hexPort} `) && / 0A /.test(line));
}

test('two processes on 127.0.0.1:P and ::1:P are a shadowed conflict naming both', async () => {
  const { v4, v6, port } = await splitPort();
  expect(v4.pid).not.toBe(v6.pid);
  // The kernel really holds both listeners (state 0A = LISTEN).
  expect(listening('/proc/net/tcp', '0100007F', port)).toBe(true);
  expect(listening('/proc/net/tcp6', '00000000000000000000000001000000', port)).toBe(true);

  const snapshot = snapshotOf([
    listener('::1', port, v6.pid, 'node', { command: `node socket-holder.mjs v6` }),
    listener('127.0.0.1', port, v4.pid, 'node', { command: `node socket-holder.mjs v4` }),
  ]);
  expect(localhostOwners(snapshot, 'tcp', port)).toMatchObject({
    v4: { pid: v4.pid },
    v6: { pid: v6.pid },
  });

  const conflicts = findConflicts(snapshot);
  expect(conflicts).toHaveLength(1);
  const [c] = conflicts;
  expect(c?.kind).toBe('shadowed');
  expect(c?.port).toBe(port);
  expect(c?.pids).toEqual([v4.pid, v6.pid].sort((a, b) => a - b));
  expect(c?.message).toContain(`node (PID ${v4.pid}) on 127.0.0.1 over IPv4`);
  expect(c?.message).toContain(`node (PID ${v6.pid}) on ::1 over IPv6`);
});

test('the real collector sees the same split, and its diff and resolution when one side stops', async () => {
  const collector = createCollector();
  const { v4, v6, port } = await splitPort();
  const before = await collector.snapshot();
  const conflicts = findConflicts(before).filter((c) => c.port === port && c.protocol === 'tcp');
  expect(conflicts.map((c) => c.kind)).toEqual(['shadowed']);
  expect(conflicts[0]?.pids).toEqual([v4.pid, v6.pid].sort((a, b) => a - b));
  expect(conflicts[0]?.message).toContain(`(PID ${v4.pid}) on 127.0.0.1 over IPv4`);
  expect(conflicts[0]?.message).toContain(`(PID ${v6.pid}) on ::1 over IPv6`);

  await v6.stop();
  const after = await collector.snapshot();
  const gone = diffSnapshots(before, after).removed.filter((s) => s.localPort === port);
  expect(gone).toMatchObject([{ localAddress: '::1', pid: v6.pid, state: 'LISTEN' }]);
  const { resolved } = diffConflicts(findConflicts(before), findConflicts(after));
  expect(resolved.map(conflictKey)).toContain(`shadowed:tcp:${port}`);
});
