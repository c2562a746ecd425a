// Builds a fake /proc tree in a temp dir (socket tables, fd links, comm, cmdline, status, stat)
// and an fs adapter that counts calls and can deny chosen fd directories.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  nodeProcFs,
  type FileBytes,
  type ProcFs,
} from '../../../../src-main/core/platform/proc-fs.js';

export interface FakeRow {
  /** Kernel hex address: 8 digits (IPv4) or 32 (IPv6). */
  local: string;
  localPort: number;
  remote?: string;
  remotePort?: number;
  /** Kernel state number: 0x0A LISTEN, 0x01 ESTABLISHED, 0x06 TIME_WAIT, 0x07 UDP unconnected. */
  state: number;
  uid?: number;
  inode: number;
}

export interface FakeProcess {
  pid: number;
  comm: string;
  cmdline: string[];
  uid?: number;
  startTime?: number;
  /** fd number → link target, e.g. `socket:[1001]` or `/dev/null`. */
  fds?: Record<number, string>;
  exe?: string;
  /** Thread group id (Tgid in status); default the pid. A different one makes this a thread. */
  tgid?: number;
  /** Parent PID (field 4 of stat); default 0, which reads as no parent. */
  ppid?: number;
}

export const LO4 = '0100007F';
export const ANY4 = '00000000';
export const LO6 = '00000000000000000000000001000000';
export const ANY6 = '00000000000000000000000000000000';

const hex = (n: number, width: number) => n.toString(16).toUpperCase().padStart(width, '0');

export class FakeProc {
  readonly root = mkdtempSync(join(tmpdir(), 'porthole-fake-proc-'));
  readonly passwdPath = join(this.root, 'passwd');

  constructor() {
    mkdirSync(join(this.root, 'net'));
    writeFileSync(
      this.passwdPath,
      'root:x:0:0:root:/root:/bin/bash\ndev:x:1000:1000::/home/dev:/bin/bash\n',
    );
  }

  /** Writes a table; null removes it (IPv6 disabled). */
  setTable(name: 'tcp' | 'tcp6' | 'udp' | 'udp6', rows: FakeRow[] | null): void {
    const path = join(this.root, 'net', name);
    if (rows === null) {
      rmSync(path, { force: true });
      return;
    }
    const wide = name.endsWith('6');
    const header = wide
      ? '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode'
      : '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';
    const lines = rows.map((row, i) => {
      const remote = row.remote ?? (wide ? ANY6 : ANY4);
      return `${String(i).padStart(4)}: ${row.local}:${hex(row.localPort, 4)} ${remote}:${hex(row.remotePort ?? 0, 4)} ${hex(row.state, 2)} 00000000:00000000 00:00000000 00000000 ${String(row.uid ?? 0).padStart(5)}        0 ${row.inode} 1 0000000000000000 100 0 0 10 0`;
    });
    writeFileSync(path, [header, ...lines, ''].join('\n'));
  }

  setRaw(name: string, text: string): void {
    writeFileSync(join(this.root, 'net', name), text);
  }

  addProcess(p: FakeProcess): void {
    const dir = join(this.root, String(p.pid));
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(dir, 'fd'), { recursive: true });
    writeFileSync(join(dir, 'comm'), `${p.comm}\n`);
    writeFileSync(join(dir, 'cmdline'), p.cmdline.map((a) => `${a}\0`).join(''));
    const uid = p.uid ?? 0;
    writeFileSync(
      join(dir, 'status'),
      `Name:\t${p.comm}\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t${p.tgid ?? p.pid}\nPid:\t${p.pid}\nUid:\t${uid}\t${uid}\t${uid}\t${uid}\n`,
    );
    const afterState = [
      String(p.ppid ?? 0),
      ...Array<string>(17).fill('0'),
      String(p.startTime ?? 1000),
      '1000',
      '100',
    ];
    writeFileSync(join(dir, 'stat'), `${p.pid} (${p.comm}) S ${afterState.join(' ')}\n`);
    if (p.exe) symlinkSync(p.exe, join(dir, 'exe'));
    this.setFds(p.pid, p.fds ?? {});
  }

  setFds(pid: number, fds: Record<number, string>): void {
    const dir = join(this.root, String(pid), 'fd');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    for (const [fd, target] of Object.entries(fds)) symlinkSync(target, join(dir, fd));
  }

  /** Removes one file of a process (`status`, `cmdline`, ...), as if it were unreadable. */
  removeFile(pid: number, name: string): void {
    rmSync(join(this.root, String(pid), name), { force: true });
  }

  removeProcess(pid: number): void {
    rmSync(join(this.root, String(pid)), { recursive: true, force: true });
  }

  cleanup(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/**
 * The real fs, counting fd-directory reads and fd-link reads, failing with EACCES on the `denied`
 * PIDs' fd dirs and on the `linksDenied` PIDs' fd links (their fd dirs list fine).
 */
export class CountingFs implements ProcFs {
  fdDirReads: string[] = [];
  linkReads: string[] = [];
  readonly denied = new Set<number>();
  readonly linksDenied = new Set<number>();

  constructor(private readonly root: string) {}

  readBytesSync(path: string, reuse: Buffer): FileBytes {
    return nodeProcFs.readBytesSync(path, reuse);
  }

  readListeningSync(path: string, reuse: Buffer): FileBytes {
    return nodeProcFs.readListeningSync(path, reuse);
  }

  readTextSync(path: string): string {
    return nodeProcFs.readTextSync(path);
  }

  readDirSync(path: string): string[] {
    const m = /\/(\d+)\/fd$/.exec(path);
    if (m) {
      this.fdDirReads.push(path.slice(this.root.length));
      if (this.denied.has(Number(m[1]))) {
        throw Object.assign(new Error(`EACCES: permission denied, scandir '${path}'`), {
          code: 'EACCES',
        });
      }
    }
    return nodeProcFs.readDirSync(path);
  }

  readLinkSync(path: string): string {
    const m = /\/(\d+)\/fd\/\d+$/.exec(path);
    if (m) {
      this.linkReads.push(path.slice(this.root.length));
      if (this.linksDenied.has(Number(m[1]))) {
        throw Object.assign(new Error(`EACCES: permission denied, readlink '${path}'`), {
          code: 'EACCES',
        });
      }
    }
    return nodeProcFs.readLinkSync(path);
  }
}
