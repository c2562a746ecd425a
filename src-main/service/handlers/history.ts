// History channels: querying the port history and exporting it as a CSV or JSON file.
import type { HistoryExport } from '../../shared/contract.js';
import { HistoryLog } from '../../core/history/history-log.js';
import type { ServiceContext } from '../context.js';
import type { HandlersFor } from './types.js';

type HistoryChannel = 'porthole:history:query' | 'porthole:history:export';

/** `20261129` in the user's own time zone: the day they will look for in their downloads. */
function dayStamp(ms: number): string {
  const date = new Date(ms);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}${two(date.getMonth() + 1)}${two(date.getDate())}`;
}

/** `porthole-history-62893-20261129.csv`, or `porthole-history-all-...` without a port. */
export function exportFilename(
  port: number | undefined,
  format: 'csv' | 'json',
  at: number,
): string {
  return `porthole-history-${port ?? 'all'}-${dayStamp(at)}.${format}`;
}

export function historyHandlers(ctx: ServiceContext): HandlersFor<HistoryChannel> {
  return {
    'porthole:history:query': (query) => ctx.history.query(query),

    'porthole:history:export': async ({ format, port }): Promise<HistoryExport> => {
      const entries = await ctx.history.query(port === undefined ? {} : { port });
      const csv = format === 'csv';
      return {
        filename: exportFilename(port, format, ctx.clock()),
        mime: csv ? 'text/csv' : 'application/json',
        content: csv ? HistoryLog.toCsv(entries) : HistoryLog.toJson(entries),
      };
    },
  };
}
