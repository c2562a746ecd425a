// Where a command that writes its answer once (`list`, `who`, `status`, `conflicts`, help, the
// version) writes: straight to file descriptor 1 or 2 when it is a pipe, a socket, a file or
// /dev/null, else through process.stdout/stderr, created only when first used. Creating one of
// those streams loads Node's stream modules (and net's, for a pipe): ~2-3 ms of a 45 ms
// `porthole list --json | jq` (bench/cli-startup.js), for output written once before the exit.
import { fstatSync, statSync, writeSync, type Stats } from 'node:fs';
import type { OutputStream } from './context.js';

export interface ProcessOutput extends OutputStream {
  /** Resolves once everything written so far has been handed to the system. */
  flushed(): Promise<void>;
}

/** How long a write waits for a full non-blocking pipe to drain before trying again. */
const FULL_PIPE_WAIT_MS = 2;

/**
 * The output on `fd`. `stream` gives Node's stream for it (a terminal, another device, a closed fd);
 * `onClosed` runs when the reader has gone (EPIPE: `porthole list | head -1`).
 */
export function processOutput(
  fd: number,
  stream: () => NodeJS.WriteStream,
  onClosed: () => void,
): ProcessOutput {
  return writesDirectly(fd) ? fdOutput(fd, onClosed) : lazyStreamOutput(stream, onClosed);
}

/**
 * A pipe, a socket (what Node's child_process hands a child), a regular file or /dev/null (a
 * script that wants the exit code only): written whole by write(2), in order, and never a
 * terminal. Another character device may be a terminal (where Node's stream knows the width and,
 * on Windows, the console's encoding), so it keeps Node's stream.
 */
function writesDirectly(fd: number): boolean {
  try {
    const stat = fstatSync(fd);
    if (stat.isFIFO() || stat.isSocket() || stat.isFile()) return true;
    return stat.isCharacterDevice() && process.platform !== 'win32' && isDevNull(stat);
  } catch {
    return false; // closed: Node's stream reports it as it always has
  }
}

function isDevNull(stat: Stats): boolean {
  try {
    return stat.rdev === statSync('/dev/null').rdev;
  } catch {
    return false;
  }
}

function fdOutput(fd: number, onClosed: () => void): ProcessOutput {
  return {
    isTTY: false,
    write(text: string) {
      const bytes = Buffer.from(text, 'utf8');
      let offset = 0;
      while (offset < bytes.length) {
        try {
          offset += writeSync(fd, bytes, offset);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'EPIPE') return void onClosed();
          // A non-blocking pipe (set so by another program sharing it) that is full: wait for
          // the reader as a blocking write would.
          if (code !== 'EAGAIN') throw error;
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, FULL_PIPE_WAIT_MS);
        }
      }
      return true;
    },
    flushed: () => Promise.resolve(),
  };
}

function lazyStreamOutput(get: () => NodeJS.WriteStream, onClosed: () => void): ProcessOutput {
  let opened: NodeJS.WriteStream | null = null;
  const stream = (): NodeJS.WriteStream => {
    if (opened === null) {
      opened = get();
      opened.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EPIPE') throw error;
        onClosed();
      });
    }
    return opened;
  };
  return {
    write: (text: string) => stream().write(text),
    get isTTY() {
      return stream().isTTY;
    },
    get columns() {
      return stream().columns;
    },
    // An empty write calls back after the writes before it (a pipe is asynchronous on macOS and
    // Windows); a stream never opened has nothing to flush.
    flushed: () => {
      const written = opened;
      if (written === null) return Promise.resolve();
      return new Promise<void>((resolve) => written.write('', () => resolve()));
    },
  };
}
