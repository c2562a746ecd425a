// Reads a file's lines newest first, in chunks from its end: memory stays bounded however big it is.
import { promises as fs } from 'node:fs';

export type TailLine =
  | { kind: 'line'; text: string; bytes: number }
  /** A line longer than maxLineBytes: counted, never held in memory. */
  | { kind: 'oversize'; bytes: number };

export interface TailOptions {
  /** Longer lines come back as `oversize`; default 4 MiB. */
  maxLineBytes?: number;
  /** Bytes read per step; default 64 KiB. */
  chunkBytes?: number;
}

const NEWLINE = 0x0a;

async function readAt(handle: fs.FileHandle, into: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < into.length) {
    const { bytesRead } = await handle.read(into, done, into.length - done, position + done);
    // Our writers replace files by rename, never truncate them, so this is someone else's doing.
    if (bytesRead === 0) throw new Error('file shrank while it was being read');
    done += bytesRead;
  }
}

/**
 * Non-empty lines from the last to the first (a missing file has none). Stopping early (`break`)
 * closes the file. Lines are split on bytes, so a multi-byte character is never cut in two.
 */
export async function* linesFromEnd(
  file: string,
  options: TailOptions = {},
): AsyncGenerator<TailLine> {
  const maxLineBytes = options.maxLineBytes ?? 4 * 1024 * 1024;
  const chunkBytes = options.chunkBytes ?? 64 * 1024;
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === 'ENOENT') return;
    throw error;
  }
  try {
    let position = (await handle.stat()).size;
    let pieces: Buffer[] = []; // the current line's bytes read so far, last piece first
    let lineBytes = 0; // including bytes dropped once the line went over the limit
    const add = (piece: Buffer): void => {
      lineBytes += piece.length;
      if (lineBytes > maxLineBytes) pieces = [];
      // A copy: the chunk buffer is reused for the next read.
      else if (piece.length > 0) pieces.push(Buffer.from(piece));
    };
    const finish = (): TailLine | null => {
      if (lineBytes === 0) return null;
      const line: TailLine =
        lineBytes > maxLineBytes
          ? { kind: 'oversize', bytes: lineBytes }
          : {
              kind: 'line',
              text: Buffer.concat(pieces.reverse()).toString('utf8'),
              bytes: lineBytes,
            };
      pieces = [];
      lineBytes = 0;
      return line;
    };
    // One buffer for all reads: skipping a giant line leaves no trail of garbage chunks behind.
    const scratch = Buffer.allocUnsafe(Math.min(chunkBytes, position));
    while (position > 0) {
      const start = Math.max(0, position - chunkBytes);
      const chunk = scratch.subarray(0, position - start);
      await readAt(handle, chunk, start);
      position = start;
      let end = chunk.length;
      for (;;) {
        // Guarded: lastIndexOf with a negative offset would count from the end again.
        const newline = end > 0 ? chunk.lastIndexOf(NEWLINE, end - 1) : -1;
        if (newline === -1) break;
        add(chunk.subarray(newline + 1, end));
        const line = finish();
        if (line !== null) yield line;
        end = newline;
      }
      add(chunk.subarray(0, end));
    }
    const first = finish();
    if (first !== null) yield first;
  } finally {
    await handle.close();
  }
}
