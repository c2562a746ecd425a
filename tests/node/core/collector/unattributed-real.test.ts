// On this machine's /proc: a real process that exits between the table read and the fd scan leaves its socket "gone".
import { readFileSync } from 'node:fs';
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
