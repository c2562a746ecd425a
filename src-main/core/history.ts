// Append-only port history in JSON Lines: bounded, shared safely between the CLI and the app.
import { serializeByPath } from './path-queue.js';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { configDir } from './config-dir.js';
import { InputError } from './errors.js';
import { historyToCsv, historyToJson } from './history-export.js';
import {
  describeZodIssues,
  historyEntrySchema,
  historyQuerySchema,
  matchesQuery,
  type HistoryEntry,
  type HistoryQuery,
} from './history-entry.js';
import { systemClock, type Clock } from './model.js';

export {
  HISTORY_KINDS,
  type HistoryEntry,
  type HistoryKind,
  type HistoryQuery,
} from './history-entry.js';

export interface HistoryLogOptions {
  /** history.jsonl path; default `<configDir()>/history.jsonl`; null keeps history in memory only. */
  file?: string | null;
  /** How many entries to keep; default 5000. */
  limit?: number;
  clock?: Clock;
}

/** Compaction waits until the file is this much over the limit, so it runs rarely, not per append. */
const SLACK = 1.2;

function isMissing(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ENOENT';
}

function byTime(entries: HistoryEntry[]): HistoryEntry[] {
  // Stable: entries with equal times keep their append order.
  return entries.sort((a, b) => a.at - b.at);
}

export class HistoryLog {
  readonly file: string | null;
  readonly limit: number;
  /** Torn or garbage lines skipped by the last read of the file. */
  skippedLines = 0;
  /** Kept for callers that stamp entries with the log's time source. */
  readonly clock: Clock;
  private readonly memory: HistoryEntry[] = [];
  /** Lines in the file as far as this instance knows; null until first counted. */
  private lineCount: number | null = null;

  constructor(options: HistoryLogOptions = {}) {
    const file =
      options.file === undefined ? path.join(configDir(), 'history.jsonl') : options.file;
    // Absolute, so two spellings of one path share the in-process write queue.
    this.file = file === null ? null : path.resolve(file);
    const limit = options.limit ?? 5000;
    if (!Number.isInteger(limit) || limit < 1) {
      throw new InputError(
        `history limit must be a whole number of at least 1, not ${String(limit)}`,
      );
    }
    this.limit = limit;
    this.clock = options.clock ?? systemClock;
  }

  static toCsv(entries: readonly HistoryEntry[]): string {
    return historyToCsv(entries);
  }

  static toJson(entries: readonly HistoryEntry[]): string {
    return historyToJson(entries);
  }

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
      this.memory.push(...entries);
      if (this.memory.length > this.limit) this.memory.splice(0, this.memory.length - this.limit);
      return;
    }
    await serializeByPath(file, async () => {
      await fs.mkdir(path.dirname(file), { recursive: true });
      // One appendFile call (O_APPEND) of whole lines: other processes' lines never interleave ours.
      const lead = (await this.endsMidLine(file)) ? '\n' : '';
      await fs.appendFile(file, lead + entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
      this.lineCount =
        this.lineCount === null ? await this.countLines(file) : this.lineCount + entries.length;
      if (this.lineCount > this.limit * SLACK) await this.compact(file);
    });
  }

  /** Matching entries, oldest first; `limit` keeps the newest N. Unreadable lines are skipped and counted. */
  async query(q: HistoryQuery = {}): Promise<HistoryEntry[]> {
    const parsed = historyQuerySchema.safeParse(q);
    if (!parsed.success)
      throw new InputError(`invalid history query: ${describeZodIssues(parsed.error)}`);
    const query = parsed.data;
    const file = this.file;
    const all =
      file === null ? [...this.memory] : await serializeByPath(file, () => this.readAll(file));
    const matches = byTime(all.filter((entry) => matchesQuery(entry, query)));
    if (query.limit === undefined) return matches;
    return query.limit === 0 ? [] : matches.slice(-query.limit);
  }

  private async readAll(file: string): Promise<HistoryEntry[]> {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      if (isMissing(error)) {
        this.skippedLines = 0;
        return [];
      }
      throw error;
    }
    const entries: HistoryEntry[] = [];
    let skipped = 0;
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        skipped += 1;
        continue;
      }
      const parsed = historyEntrySchema.safeParse(value);
      if (parsed.success) entries.push(parsed.data);
      else skipped += 1;
    }
    this.skippedLines = skipped;
    return entries;
  }

  /** True when the file's last line was torn (a writer died mid-line): our line must not join it. */
  private async endsMidLine(file: string): Promise<boolean> {
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(file, 'r');
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
    try {
      const { size } = await handle.stat();
      if (size === 0) return false;
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      return last[0] !== 0x0a;
    } finally {
      await handle.close();
    }
  }

  private async countLines(file: string): Promise<number> {
    const text = await fs.readFile(file, 'utf8');
    let count = 0;
    for (const line of text.split('\n')) if (line.trim() !== '') count += 1;
    return count;
  }

  /**
   * Rewrites the file with the newest `limit` entries, atomically (readers see old or new, never
   * half). A line another process appends between our read and the rename is lost; compaction runs
   * once per ~0.2 x limit appends, so that window is rare and costs at most a few old-news lines.
   */
  private async compact(file: string): Promise<void> {
    const kept = byTime(await this.readAll(file)).slice(-this.limit);
    await writeFileAtomic(file, kept.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
    this.lineCount = kept.length;
  }
}
