// What `porthole history` does when it runs, loaded only then (history.ts defines the command).
import {
  HISTORY_KINDS,
  HistoryLog,
  type HistoryEntry,
  type HistoryKind,
} from '../../core/history/history-log.js';
import { MAX_READ_LINE_BYTES } from '../../core/history/history-size.js';
import { InputError, echoInput } from '../../core/errors.js';
import { forFlag, parseCountArg, parsePortArg, parseSinceArg } from '../args.js';
import { loadSettings } from '../load.js';
import { println, terminalWidth, warn, type CliContext } from '../context.js';
import { palette } from '../format/color.js';
import { escapeC1 } from '../format/json.js';
import { ownerOrUnknown } from '../../domain/labels.js';
import { renderTable, type Cell } from '../format/table.js';
import { formatLocalTime } from '../format/time.js';

export interface HistoryOptions {
  port?: string;
  since?: string;
  until?: string;
  kind?: string[];
  limit?: string;
  format: 'table' | 'csv' | 'json';
  json?: boolean;
}

function parseKinds(texts: string[] | undefined): HistoryKind[] | undefined {
  if (!texts) return undefined;
  return texts.map((text) => {
    const kind = HISTORY_KINDS.find((k) => k === text);
    if (!kind)
      throw new InputError(
        `--kind: "${echoInput(text)}" is not one of ${HISTORY_KINDS.join(', ')}`,
      );
    return kind;
  });
}

function renderHistory(ctx: CliContext, entries: HistoryEntry[]): string {
  const p = palette(ctx.color);
  const rows = entries.map((e): Cell[] => [
    formatLocalTime(e.at),
    e.target ?? (e.port === null ? '-' : String(e.port)),
    e.event,
    e.pid === null && e.process === null ? '-' : ownerOrUnknown(e.pid, e.process),
    e.detail,
  ]);
  const columns = [
    { header: 'TIME' },
    { header: 'TARGET' },
    { header: 'EVENT' },
    { header: 'PROCESS' },
    { header: 'DETAIL', shrink: true },
  ];
  return renderTable(columns, rows, { width: terminalWidth(ctx), header: p.bold });
}

function skippedNote(log: HistoryLog): string {
  const where = log.file ?? 'history';
  const unreadable = log.skippedLines - log.oversizeLines;
  const parts = [
    unreadable > 0 ? `${unreadable} unreadable` : '',
    log.oversizeLines > 0
      ? `${log.oversizeLines} oversize (over ${MAX_READ_LINE_BYTES >> 20} MiB)`
      : '',
  ].filter((part) => part !== '');
  return `skipped ${parts.join(' and ')} lines in ${where}`;
}

export async function runHistory(ctx: CliContext, options: HistoryOptions): Promise<void> {
  const now = Date.now();
  const port =
    options.port === undefined
      ? undefined
      : forFlag('--port', () => parsePortArg(options.port ?? ''));
  const since =
    options.since === undefined
      ? undefined
      : forFlag('--since', () => parseSinceArg(options.since ?? '', now));
  const until =
    options.until === undefined
      ? undefined
      : forFlag('--until', () => parseSinceArg(options.until ?? '', now));
  const limit =
    options.limit === undefined ? undefined : parseCountArg('--limit', options.limit, 1, 1_000_000);
  const kinds = parseKinds(options.kind);
  // The app's limit, so this reads as far back as the app keeps (never the whole of a huge file).
  const settings = await loadSettings(ctx);
  const log = new HistoryLog({ limit: settings.preferences.historyLimit });
  const entries = await log.query({ port, since, until, kinds, limit });
  if (log.skippedLines > 0) warn(ctx, skippedNote(log));
  const format = options.json ? 'json' : options.format;
  if (format === 'csv') ctx.stdout.write(HistoryLog.toCsv(entries));
  else if (format === 'json') println(ctx, escapeC1(HistoryLog.toJson(entries)));
  else if (entries.length === 0) println(ctx, 'No history yet matches.');
  else println(ctx, renderHistory(ctx, entries));
}
