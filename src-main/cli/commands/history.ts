// `porthole history`: what happened to ports (watch transitions, conflicts), as a table, CSV or JSON.
import { Command, Option } from 'commander';
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

const EXAMPLES = `
Times: ISO 8601 (2025-05-01, 2025-05-01T14:00) or a duration back from now (30m, 1h, 2d).

Examples:
  $ porthole history --since 1h
  $ porthole history --port 5432 --format csv > port-5432.csv
  $ porthole history --kind watch --limit 20 --format json`;

interface HistoryOptions {
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

export function historyCommand(ctx: CliContext): Command {
  return new Command('history')
    .description('show what happened to ports: watch transitions, owner changes, conflicts')
    .option('--port <port>', 'only this port')
    .option('--since <time>', 'only entries at or after this time')
    .option('--until <time>', 'only entries at or before this time')
    .option('--kind <kind...>', `only these kinds (${HISTORY_KINDS.join(', ')})`)
    .option('--limit <n>', 'only the newest N entries')
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['table', 'csv', 'json'])
        .default('table'),
    )
    .option('--json', 'same as --format json')
    .addHelpText('after', EXAMPLES)
    .action(async (options: HistoryOptions) => {
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
        options.limit === undefined
          ? undefined
          : parseCountArg('--limit', options.limit, 1, 1_000_000);
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
    });
}
