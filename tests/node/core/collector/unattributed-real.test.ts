// On this machine's /proc: a real process that exits between the table read and the fd scan leaves
// its socket "gone"; a real non-dumpable process's socket is "refused" to its own user, named to root.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { afterEach, expect, test } from 'vitest';
import { createProcCollector } from '../../../../src-main/core/collector/proc-collector.js';
import { nodeProcFs, type ProcFs } from '../../../../src-main/core/platform/proc-fs.js';
import { holdSockets, stopAllHolders } from '../../../helpers/sockets.js';

afterEach(stopAllHolders);

function listed(port: number): boolean {
  const hexPort = `:${port.toString(16).toUpperCase().padStart(4, '0')} `;
  return readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .some((line) => line.includes(`0100007F${hexPort}`) && / 0A /.test(line));
}

test.runIf(process.platform === 'linux')(
  'a holder killed after the tables were read: its listener is in the snapshot, unowned, and counted as gone',
  async () => {
    const holder = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    const port = holder.sockets[0]!.port;
    expect(listed(port)).toBe(true);
    let killed = false;
    // The fd scan starts by listing /proc: the tables were read by then. Kill the holder there and
    // wait (bounded) until the kernel has closed its socket, as an exit mid-scan would.
    const fs: ProcFs = {
      ...nodeProcFs,
      readDirSync(path) {
        if (path === '/proc' && !killed) {
          killed = true;
          holder.child.kill('SIGKILL');
          const end = Date.now() + 5_000;
          while (listed(port) && Date.now() < end) {
            /* the socket closes as the process exits */
          }
        }
        return nodeProcFs.readDirSync(path);
      },
    };
    const snap = await createProcCollector({ procRoot: '/proc', clock: Date.now, fs }).snapshot();
    expect(killed).toBe(true);
    const socket = snap.sockets.find((s) => s.localPort === port && s.state === 'LISTEN');
    expect(socket).toMatchObject({ pid: null });
    expect(snap.unattributedByCause?.gone).toBeGreaterThanOrEqual(1);
  },
);

/**
 * A process that makes itself non-dumpable (prctl PR_SET_DUMPABLE 0, as ssh-agent does), then
 * listens on 127.0.0.1; bounded: it exits after 30 s, or when its stdin closes.
 */
const NON_DUMPABLE = `
import ctypes, socket, sys, threading, os
ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)
s = socket.socket()
s.bind(('127.0.0.1', 0))
s.listen()
print(s.getsockname()[1], flush=True)
threading.Timer(30, lambda: os._exit(0)).start()
sys.stdin.read()
os._exit(0)
`;

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

async function nonDumpableListener(): Promise<{ pid: number; port: number }> {
  const child = spawn('python3', ['-c', NON_DUMPABLE], { stdio: ['pipe', 'pipe', 'inherit'] });
  children.push(child);
  await once(child, 'spawn'); // rejects with spawn's error: python3 missing
  const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
  return { pid: child.pid!, port: Number(line) };
}

test.runIf(process.platform === 'linux')(
  "a non-dumpable process's listener: refused to its own user, named with its PID to root",
  async () => {
    const root = process.getuid?.() === 0;
    const collect = () => createProcCollector({ procRoot: '/proc', clock: Date.now }).snapshot();
    const before = (await collect()).unattributedByCause?.refused ?? 0;
    const { pid, port } = await nonDumpableListener();
    // The kernel really refuses this user its fds (else the test would prove nothing), not root.
    if (root) expect(() => readdirSync(`/proc/${pid}/fd`)).not.toThrow();
    else expect(() => readdirSync(`/proc/${pid}/fd`)).toThrow(/EACCES/);
    const snap = await collect();
    const socket = snap.sockets.find((s) => s.localPort === port && s.state === 'LISTEN');
    if (root) {
      expect(socket).toMatchObject({ pid, localAddress: '127.0.0.1' });
      expect(socket?.unattributedCause).toBeUndefined();
    } else {
      expect(socket).toMatchObject({
        pid: null,
        localAddress: '127.0.0.1',
        unattributedCause: 'refused',
      });
      expect(snap.unattributedByCause?.refused).toBe(before + 1);
    }
  },
);
