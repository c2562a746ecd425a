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
  /** A TCP table's header and leading LISTEN lines only (readListeningSync). */
  readListeningSync(path: string, reuse: Buffer): FileBytes;
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
      buffer = withRoom(buffer, length, 16 * 1024);
      const bytesRead = readSync(fd, buffer, length, buffer.length - length, null);
      length += bytesRead;
      if (bytesRead < TABLE_END_BELOW) return { buffer, length };
    }
  } finally {
    closeSync(fd);
  }
}

/** `buffer`, or a larger copy of its first `length` bytes, with at least `room` bytes after them. */
function withRoom(buffer: Buffer, length: number, room: number): Buffer {
  if (buffer.length - length >= room) return buffer;
  const bigger = Buffer.allocUnsafe(Math.max(64 * 1024, buffer.length * 2, length + room));
  buffer.copy(bigger, 0, 0, length);
  return bigger;
}

/** Bytes asked for per read of a table's listening part: one or two lines. */
const LISTENING_READ = 256;

/** tcp_states.h: TCP_LISTEN, as the table's `st` column writes it. */
const LISTEN_STATE = '0A';

/**
 * The header and the leading LISTEN lines of a TCP table, up to the first other line. The kernel
 * lists a TCP table's listening sockets first (its listening hash, where a socket is only while
 * it listens), then the others (the connection hash); and a read walks the hashes only as far as
 * the lines it returns. Read a line or two at a time, this stops soon after the last listener
 * instead of walking the whole connection hash (what a full read costs even when the table is
 * nearly empty). For telling whether a listener is still there; not for finding connections.
 */
function readListeningSync(path: string, reuse: Buffer): FileBytes {
  const fd = openSync(path, 'r');
  try {
    let buffer = reuse;
    let length = 0;
    /** Where the first line not yet looked at starts; the header is line 0. */
    let next = 0;
    let lines = 0;
    for (;;) {
      buffer = withRoom(buffer, length, LISTENING_READ);
      const bytesRead = readSync(fd, buffer, length, LISTENING_READ, null);
      if (bytesRead === 0) return { buffer, length };
      length += bytesRead;
      for (;;) {
        const end = buffer.subarray(0, length).indexOf(0x0a, next);
        if (end < 0) break;
        if (lines > 0 && stateOf(buffer, next, end) !== LISTEN_STATE)
          return { buffer, length: next };
        lines += 1;
        next = end + 1;
      }
    }
  } finally {
    closeSync(fd);
  }
}

/** The `st` column of one table line (its fourth field). */
function stateOf(buffer: Buffer, start: number, end: number): string | undefined {
  return buffer.toString('latin1', start, end).trim().split(/\s+/)[3];
}

// Sync calls throughout: /proc reads never wait for a disk, and per-call async overhead (a
// promise or thread-pool hop per fd or per page) would dominate the work itself.
export const nodeProcFs: ProcFs = {
  readBytesSync,
  readListeningSync,
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
