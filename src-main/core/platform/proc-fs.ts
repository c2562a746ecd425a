// The few file-system calls the /proc source makes, behind an interface so tests can fake failures.
import { closeSync, openSync, readFileSync, readSync, readdirSync, readlinkSync } from 'node:fs';

/** Bytes of a file: `buffer` holds them in [0, length); it may be a new, larger buffer. */
export interface FileBytes {
  buffer: Buffer;
  length: number;
}

export interface ProcFs {
  /** A whole socket table into `reuse` (grown as needed); a short read ends it (TABLE_END_BELOW). */
  readBytesSync(path: string, reuse: Buffer): FileBytes;
  /** Small text file (`comm`, `stat`, `status`, `cmdline`, passwd). */
  readTextSync(path: string): string;
  readDirSync(path: string): string[];
  readLinkSync(path: string): string;
}

/**
 * The longest line of a socket table, with a wide margin: tcp lines are padded to 150 bytes,
 * tcp6 ones run ~180, udp ones 128.
 */
const LONGEST_TABLE_LINE = 1024;

/**
 * A read of a socket table that returned fewer bytes than this ended the table. The kernel fills
 * a read from a seq_file buffer of at least one page (4,096 bytes) and stops early only when the
 * next line does not fit (so the read returns more than a page minus one line), when the caller's
 * buffer is full (ours always has 16 KiB free) or when the table ends. Knowing the end without the
 * usual empty read matters: every read that starts past the last line walks the kernel's whole
 * connection hash again (262,144 buckets on a 24 GiB machine: ~1.7 ms here, as much as reading
 * the table itself; `strace -T cat /proc/net/tcp6`). A regular file (a test's fake /proc) is read
 * whole by one read, so a short read ends it too.
 */
export const TABLE_END_BELOW = 4096 - LONGEST_TABLE_LINE;

/**
 * Reads a procfs file into a reused buffer. The socket tables come one page per read() call
 * (~180 calls at 5,000 sockets), so each async call's thread-pool round trip costs more than
 * the read itself: measured 24 ms CPU sync vs 30-35 ms async for the four tables.
 */
function readBytesSync(path: string, reuse: Buffer): FileBytes {
  const fd = openSync(path, 'r');
  try {
    let buffer = reuse;
    let length = 0;
    for (;;) {
      if (buffer.length - length < 16 * 1024) {
        const bigger = Buffer.allocUnsafe(Math.max(64 * 1024, buffer.length * 2));
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const bytesRead = readSync(fd, buffer, length, buffer.length - length, null);
      length += bytesRead;
      if (bytesRead < TABLE_END_BELOW) return { buffer, length };
    }
  } finally {
    closeSync(fd);
  }
}

// Sync calls throughout: /proc reads never wait for a disk, and per-call async overhead (a
// promise or thread-pool hop per fd or per page) would dominate the work itself.
export const nodeProcFs: ProcFs = {
  readBytesSync,
  readTextSync: (path) => readFileSync(path, 'utf8'),
  readDirSync: (path) => readdirSync(path),
  readLinkSync: (path) => readlinkSync(path),
};

/** The errno code of a failed fs call (`ENOENT`, `EACCES`, ...), or undefined. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = error.code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

export function isPermissionError(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'EACCES' || code === 'EPERM';
}
