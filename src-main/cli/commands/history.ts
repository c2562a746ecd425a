// `porthole history`: what happened to ports (watch transitions, conflicts), as a table, CSV or JSON.
import { Command, Option } from 'commander';
import { HISTORY_KINDS } from '../../domain/history-kinds.js';
import type { CliContext } from '../context.js';
import type { HistoryOptions } from './history-run.js';

const EXAMPLES = `
Times: ISO 8601 (2025-05-01, 2025-05-01T14:00) or a duration back from now (30m, 1h, 2d).

Examples:
  $ porthole history --since 1h
  $ porthole history --port 5432 --format csv > port-5432.csv
  $ porthole history --kind watch --limit 20 --format json`;

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
    .action(async (options: HistoryOptions) =>
      (await import('./history-run.js')).runHistory(ctx, options),
    );
}
