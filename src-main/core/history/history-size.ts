// Keeps history small: every entry cut to fit one 4 KB line, and the file's byte budget.
import type { HistoryEntry } from '../../domain/history-entry.js';

/**
 * The longest line written, newline included. A detail is one sentence (~100 bytes) and a
 * conflict message a few hundred; 4 KB leaves room for long command lines and host names while a
 * flood of megabyte details still costs at most 4 KB each (and it is one page: one small write).
 */
export const MAX_LINE_BYTES = 4096;

/**
 * Byte budget per entry of the limit. Typical lines are ~250 bytes, so a normal history never
 * meets it; a history of 4 KB lines keeps a quarter of `limit` entries instead of 4 x the bytes.
 */
export const BUDGET_BYTES_PER_ENTRY = 1024;

/** Lines older Portholes wrote may be longer than MAX_LINE_BYTES: up to this they are read and cut. */
export const MAX_READ_LINE_BYTES = 4 * 1024 * 1024;

/** Caps on the short fields (JSON bytes), so the detail always keeps most of the line. */
const FIELD_BYTES = { event: 200, target: 600, process: 600 } as const;

function jsonBytes(text: string): number {
  return Buffer.byteLength(JSON.stringify(text));
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * `text` if its JSON form fits in maxBytes, else its longest prefix that fits with a marker saying
 * it was cut. Never splits a surrogate pair.
 */
export function cutText(text: string, maxBytes: number): string {
  // Each character is at least one byte in JSON, so longer text cannot fit: no need to encode it.
  if (text.length + 2 <= maxBytes && jsonBytes(text) <= maxBytes) return text;
  const marker = `… [cut, was ${text.length} characters]`;
  const fits = (keep: number): boolean => jsonBytes(text.slice(0, keep) + marker) <= maxBytes;
  if (!fits(0)) return '…';
  let low = 0;
  let high = Math.min(text.length, maxBytes);
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(mid)) low = mid;
    else high = mid - 1;
  }
  const keep = low > 0 && isHighSurrogate(text.charCodeAt(low - 1)) ? low - 1 : low;
  return text.slice(0, keep) + marker;
}

/** The entry with its texts cut so that its line (JSON + newline) is at most MAX_LINE_BYTES. */
export function boundEntry(entry: HistoryEntry): HistoryEntry {
  const short: HistoryEntry = {
    ...entry,
    event: cutText(entry.event, FIELD_BYTES.event),
    target: entry.target === null ? null : cutText(entry.target, FIELD_BYTES.target),
    process: entry.process === null ? null : cutText(entry.process, FIELD_BYTES.process),
    detail: '',
  };
  // What the line costs without its detail: the empty detail's `""` is part of the detail's room.
  const room = MAX_LINE_BYTES - 1 - Buffer.byteLength(JSON.stringify(short)) + 2;
  return { ...short, detail: cutText(entry.detail, room) };
}

/** The line written for an entry: bounded JSON and a newline. */
export function entryLine(entry: HistoryEntry): string {
  return `${JSON.stringify(boundEntry(entry))}\n`;
}

/** The file's byte budget for a line limit; at least a few full lines, so one entry always fits. */
export function byteBudget(limit: number): number {
  return Math.max(limit * BUDGET_BYTES_PER_ENTRY, 16 * MAX_LINE_BYTES);
}
