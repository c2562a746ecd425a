// Reads the newest readable history entries from the end of the file, within a window of lines and bytes.
import { historyEntrySchema, type HistoryEntry } from '../../domain/history-entry.js';
import { boundEntry, MAX_READ_LINE_BYTES } from './history-size.js';
import { linesFromEnd } from './lines-from-end.js';

/** How far back to look: the newest `lines` entries, and no more than `bytes` of their lines. */
export interface HistoryWindow {
  lines: number;
  bytes: number;
}

export interface NewestEntries {
  /** Oldest first, as appended; each entry already bounded (long texts cut). */
  entries: HistoryEntry[];
  /** The written line of each entry, newline included, parallel to `entries`. */
  lines: string[];
  /** Unreadable lines passed on the way, oversize ones included. */
  skipped: number;
  /** Lines too long to read at all (over MAX_READ_LINE_BYTES): skipped without holding them. */
  oversize: number;
}

function parseLine(text: string): HistoryEntry | null {
  if (text.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = historyEntrySchema.safeParse(value);
  return parsed.success ? boundEntry(parsed.data) : null;
}

/**
 * Walks back from the end over readable entries until the window is full; of those, keeps the ones
 * `wanted` accepts, and stops early once `most` are kept. Blank lines cost nothing; unreadable ones
 * are counted but, since compaction drops them, take no room in the window.
 */
export async function readNewest(
  file: string,
  window: HistoryWindow,
  wanted: (entry: HistoryEntry) => boolean = () => true,
  most = Number.POSITIVE_INFINITY,
): Promise<NewestEntries> {
  const entries: HistoryEntry[] = [];
  const lines: string[] = [];
  let seenLines = 0;
  let seenBytes = 0;
  let skipped = 0;
  let oversize = 0;
  if (most <= 0) return { entries, lines, skipped, oversize };
  for await (const line of linesFromEnd(file, { maxLineBytes: MAX_READ_LINE_BYTES })) {
    if (line.kind === 'oversize') {
      oversize += 1;
      skipped += 1;
      continue;
    }
    if (line.text.trim() === '') continue;
    const entry = parseLine(line.text);
    if (entry === null) {
      skipped += 1;
      continue;
    }
    const written = `${JSON.stringify(entry)}\n`;
    const bytes = Buffer.byteLength(written);
    if (seenLines + 1 > window.lines || seenBytes + bytes > window.bytes) break;
    seenLines += 1;
    seenBytes += bytes;
    if (!wanted(entry)) continue;
    entries.push(entry);
    lines.push(written);
    if (entries.length >= most) break;
  }
  return { entries: entries.reverse(), lines: lines.reverse(), skipped, oversize };
}
