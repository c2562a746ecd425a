// History as CSV (RFC 4180, safe to open in a spreadsheet) and as a JSON array, with ISO 8601 times.
import type { HistoryEntry } from '../../domain/history-entry.js';

const COLUMNS = [
  'at',
  'kind',
  'port',
  'protocol',
  'target',
  'event',
  'pid',
  'process',
  'detail',
] as const;

function isoTime(at: number): string {
  return Number.isFinite(at) ? new Date(at).toISOString() : '';
}

/**
 * One CSV cell. Text starting with = + - @ (or tab / carriage return) would run as a formula in
 * Excel or LibreOffice, and process names and details come from other programs, so it gets a
 * leading apostrophe (OWASP's advice). Quoted when it holds a comma, quote or line break.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function historyToCsv(entries: readonly HistoryEntry[]): string {
  const rows = entries.map((entry) =>
    COLUMNS.map((column) => csvCell(column === 'at' ? isoTime(entry.at) : entry[column])).join(','),
  );
  return [COLUMNS.join(','), ...rows].map((row) => `${row}\r\n`).join('');
}

export function historyToJson(entries: readonly HistoryEntry[]): string {
  return JSON.stringify(
    entries.map((entry) => ({ ...entry, at: isoTime(entry.at) })),
    null,
    2,
  );
}
