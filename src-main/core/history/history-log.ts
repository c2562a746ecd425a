// Append-only port history in JSON Lines: bounded in lines and bytes, shared safely between processes.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { configDir } from '../platform/config-dir.js';
import { InputError } from '../errors.js';
import { withFileLock, type FileLockOptions } from '../platform/file-lock.js';
import { historyToCsv, historyToJson } from './history-export.js';
import {
  describeZodIssues,
  historyEntrySchema,
  historyQuerySchema,
  matchesQuery,
  type HistoryEntry,
  type HistoryQuery,
} from '../../domain/history-entry.js';
import { readNewest, type HistoryWindow } from './history-read.js';
import { boundEntry, byteBudget, entryLine } from './history-size.js';
import { linesFromEnd } from './lines-from-end.js';
import { systemClock, type Clock } from '../../domain/model.js';
import { serializeByPath } from '../platform/path-queue.js';

export {
  HISTORY_KINDS,
  type HistoryEntry,
  type HistoryKind,
  type HistoryQuery,
} from '../../domain/history-entry.js';

export interface HistoryLogOptions {
  /** history.jsonl path; default `<configDir()>/history.jsonl`; null keeps history in memory only. */
  file?: string | null;
  /** How many entries to keep; default 5000. */
  limit?: number;
  /** How many bytes of lines to keep; default limit x 1 KiB (see history-size.ts). */
  maxBytes?: number;
  /** The cross-process lock taken around appends and compaction. */
  lock?: FileLockOptions;
  clock?: Clock;
}

/** Compaction waits until the file is this much over a bound, so it runs rarely, not per append. */
const SLACK = 1.2;

function byTime(entries: HistoryEntry[]): HistoryEntry[] {
  // Stable: entries with equal times keep their append order.
  return entries.sort((a, b) => a.at - b.at);
}

function wholeNumber(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new InputError(
      `history ${name} must be a whole number of at least 1, not ${String(value)}`,
    );
  }
  return value;
}

export class HistoryLog {
  readonly file: string | null;
  readonly limit: number;
  readonly maxBytes: number;
  /** Torn, garbage or oversize lines skipped by the last read of the file. */
  skippedLines = 0;
  /** Of those, lines too long to read at all (a megabyte detail from an older Porthole). */
  oversizeLines = 0;
  /** Kept for callers that stamp entries with the log's time source. */
  readonly clock: Clock;
  private readonly lockOptions: FileLockOptions;
  private readonly memory: HistoryEntry[] = [];
  /** Lines in the file as far as this instance knows; null until first counted. */
  private lineCount: number | null = null;
  /** The file's size after our last write: a smaller one means another process compacted it. */
  private knownSize = 0;

  constructor(options: HistoryLogOptions = {}) {
    const file =
      options.file === undefined ? path.join(configDir(), 'history.jsonl') : options.file;
    // Absolute, so two spellings of one path share the in-process write queue.
    this.file = file === null ? null : path.resolve(file);
    this.limit = wholeNumber('limit', options.limit ?? 5000);
    this.maxBytes = wholeNumber('maxBytes', options.maxBytes ?? byteBudget(this.limit));
    this.lockOptions = options.lock ?? {};
    this.clock = options.clock ?? systemClock;
  }

  static toCsv(entries: readonly HistoryEntry[]): string {
    return historyToCsv(entries);
  }

  static toJson(entries: readonly HistoryEntry[]): string {
    return historyToJson(entries);
  }

  /** Appends entries; texts too long for one line are cut (see history-size.ts) rather than refused. */
  async append(entry: HistoryEntry | HistoryEntry[]): Promise<void> {
    const entries = (Array.isArray(entry) ? entry : [entry]).map((item, index) => {
      const parsed = historyEntrySchema.safeParse(item);
      if (!parsed.success) {
        throw new InputError(
          `history entry #${index + 1} is invalid: ${describeZodIssues(parsed.error)}`,
        );
      }
      return parsed.data;
    });
    if (entries.length === 0) return;
    const file = this.file;
    if (file === null) {
      this.memory.push(...entries.map(boundEntry));
      if (this.memory.length > this.limit) this.memory.splice(0, this.memory.length - this.limit);
      return;
    }
    const text = entries.map(entryLine).join('');
    await serializeByPath(file, async () => {
      await fs.mkdir(path.dirname(file), { recursive: true });
      // Under the lock, so a compaction elsewhere cannot read the file, miss this line and rename
      // its copy over it.
      await withFileLock(
        file,
        () => this.appendLocked(file, text, entries.length),
        this.lockOptions,
      );
    });
  }

  /** Matching entries, oldest first; `limit` keeps the newest N. Unreadable lines are skipped and counted. */
  async query(q: HistoryQuery = {}): Promise<HistoryEntry[]> {
    const parsed = historyQuerySchema.safeParse(q);
    if (!parsed.success)
      throw new InputError(`invalid history query: ${describeZodIssues(parsed.error)}`);
    const query = parsed.data;
    const file = this.file;
    if (file === null) {
      const matches = byTime(this.memory.filter((entry) => matchesQuery(entry, query)));
      if (query.limit === undefined) return matches;
      return query.limit === 0 ? [] : matches.slice(-query.limit);
    }
    // Only as far back as the file may reach before compaction: a huge file is never read whole.
    const window: HistoryWindow = {
      lines: Math.floor(this.limit * SLACK),
      bytes: Math.floor(this.maxBytes * SLACK),
    };
    const found = await serializeByPath(file, () =>
      readNewest(file, window, (entry) => matchesQuery(entry, query), query.limit),
    );
    this.skippedLines = found.skipped;
    this.oversizeLines = found.oversize;
    return byTime(found.entries);
  }

  private async appendLocked(file: string, text: string, count: number): Promise<void> {
    let size: number;
    const handle = await fs.open(file, 'a+');
    try {
      const before = (await handle.stat()).size;
      if (before < this.knownSize) this.lineCount = null;
      // A writer that died mid-line left a torn last line: ours must not join it.
      const last = Buffer.alloc(1);
      if (before > 0) await handle.read(last, 0, 1, before - 1);
      const lead = before > 0 && last[0] !== 0x0a ? '\n' : '';
      // One append of whole lines (O_APPEND): nothing written meanwhile can land inside them.
      await handle.appendFile(lead + text);
      size = before + Buffer.byteLength(lead + text);
    } finally {
      await handle.close();
    }
    this.knownSize = size;
    if (size > this.maxBytes * SLACK) {
      await this.compactLocked(file);
      return;
    }
    this.lineCount = this.lineCount === null ? await countLines(file) : this.lineCount + count;
    if (this.lineCount > this.limit * SLACK) await this.compactLocked(file);
  }

  /** Compacts now (appends do it by themselves once a bound is 20 % exceeded). */
  async compact(): Promise<void> {
    const file = this.file;
    if (file === null) return;
    // Nothing written yet: nothing to compact, and no folder to hold the lock in.
    if (!(await fs.stat(file).catch(() => null))) return;
    await serializeByPath(file, () =>
      withFileLock(file, () => this.compactLocked(file), this.lockOptions),
    );
  }

  /**
   * Rewrites the file with the newest entries within both bounds, atomically (readers see old or
   * new, never half). Runs under the lock, which every appender takes too, so no line is lost.
   * Reads from the end only as far as it keeps: an oversized file costs its kept part in memory.
   */
  private async compactLocked(file: string): Promise<void> {
    const kept = await readNewest(file, { lines: this.limit, bytes: this.maxBytes });
    const text = kept.lines.join('');
    // Loaded on the first write: commands that only read never pay for it.
    const { default: writeFileAtomic } = await import('write-file-atomic');
    await writeFileAtomic(file, text);
    this.lineCount = kept.lines.length;
    this.knownSize = Buffer.byteLength(text);
  }
}

/** Non-blank lines; only called on a file within its byte bound. */
async function countLines(file: string): Promise<number> {
  let count = 0;
  for await (const line of linesFromEnd(file))
    if (line.kind === 'oversize' || line.text.trim() !== '') count += 1;
  return count;
}
