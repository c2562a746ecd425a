// Real sockets: SO_REUSEPORT workers forked by one parent are deliberate (info); a 127.0.0.1-only listener is half-reachable.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { afterEach, expect, test } from 'vitest';
import { createCollector } from '../../../../src-main/core/collector/index.js';
import { findConflicts } from '../../../../src-main/core/rules/conflicts.js';
import { hasIpv6Loopback } from '../../../../src-main/core/platform/ipv6-loopback.js';
import { conflictSeverity } from '../../../../src-main/domain/severity.js';
import { holdSockets, stopAllHolders } from '../../../helpers/sockets.js';

/**
 * The parent reserves a port with a bound (not listening) SO_REUSEPORT socket, forks two workers
 * that each open their own SO_REUSEPORT listener on it, and prints the port and the worker PIDs.
 */
const PARENT = `
import os, socket, sys, time
def sock():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    return s
reserve = sock(); reserve.bind(('127.0.0.1', 0)); port = reserve.getsockname()[1]
workers = []
for _ in range(2):
    pid = os.fork()
    if pid == 0:
        s = sock(); s.bind(('127.0.0.1', port)); s.listen(8)
        time.sleep(60); os._exit(0)
    workers.append(pid)
time.sleep(0.3)
print(port, *workers, flush=True)
sys.stdin.read()
for pid in workers:
    os.kill(pid, 15)
`;

const parents: ChildProcess[] = [];

afterEach(async () => {
  await stopAllHolders();
  for (const child of parents.splice(0)) {
    child.stdin?.end(); // the parent stops its workers, then exits
    if (child.exitCode === null) await once(child, 'exit');
  }
});

async function reusePortWorkers(): Promise<{ parent: number; port: number; workers: number[] }> {
  const child = spawn('python3', ['-c', PARENT], { stdio: ['pipe', 'pipe', 'inherit'] });
  parents.push(child);
  const lines = createInterface({ input: child.stdout });
  const [line] = (await Promise.race([
    once(lines, 'line'),
    once(child, 'exit').then(() => {
      throw new Error('the python3 parent exited before its workers listened');
    }),
  ])) as [string];
  lines.close();
  const [port, ...workers] = line.trim().split(/\s+/).map(Number);
  return { parent: child.pid!, port: port!, workers };
}

test('two SO_REUSEPORT workers of one parent: the collector reads the parent, the conflict is deliberate (info)', async () => {
  const { parent, port, workers } = await reusePortWorkers();
  const snapshot = await createCollector().snapshot();
  const mine = snapshot.sockets.filter((s) => s.localPort === port && s.state === 'LISTEN');
  // Two sockets (two inodes), one per worker, each knowing its parent.
  expect(mine.map((s) => s.pid).sort()).toEqual([...workers].sort());
  expect(mine.map((s) => s.parent)).toEqual([parent, parent]);
  expect(new Set(mine.map((s) => s.inode)).size).toBe(2);

  const shared = findConflicts(snapshot).filter((c) => c.port === port && c.kind === 'shared-port');
  expect(shared).toHaveLength(1);
  expect(shared[0]!.deliberate).toBe(true);
  expect(conflictSeverity(shared[0]!)).toBe('info');
  // The parent holds no listener of its own, so it is named by its PID.
  expect(shared[0]!.summary).toBe(
    `${port} · python3 (PIDs ${[...workers].sort((x, y) => x - y).join(', ')}) · SO_REUSEPORT workers of PID ${parent} on 127.0.0.1`,
  );
});

test('a real listener on 127.0.0.1 only is half-reachable where ::1 exists, and not once ::1 also listens', async () => {
  expect(hasIpv6Loopback()).toBe(true); // this test machine has ::1 on lo
  const v4 = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
  const port = v4.sockets[0]!.port;
  const collector = createCollector();
  const before = findConflicts(await collector.snapshot()).filter((c) => c.port === port);
  expect(before.map((c) => c.kind)).toEqual(['half-reachable']);
  expect(before[0]!.pids).toEqual([v4.pid]);
  expect(before[0]!.summary).toBe(
    `${port} · node (PID ${v4.pid}) · only on 127.0.0.1, refused on ::1`,
  );
  expect(conflictSeverity(before[0]!)).toBe('hint');

  const v6 = await holdSockets({ listen: [{ host: '::1', port }] });
  const after = findConflicts(await collector.snapshot()).filter((c) => c.port === port);
  // Now two processes split localhost: shadowed, and no longer half-reachable.
  expect(after.map((c) => c.kind)).toEqual(['shadowed']);
  expect(after[0]!.pids).toEqual([v4.pid, v6.pid].sort((x, y) => x - y));
});
