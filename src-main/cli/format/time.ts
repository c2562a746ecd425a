// Timestamps as people read them (local time) and as machines read them (ISO 8601).
import { latencyText } from '../../domain/labels.js';

/** `2025-05-01 14:03:27` in local time: the window's text too (domain/time-text.ts). */
export { dateTimeText as formatLocalTime } from '../../domain/time-text.js';

/** ISO 8601 in UTC, the form every `--json` output uses. */
export function isoTime(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/** `0.3 ms`, `12 ms`, or `timeout` when there was no answer in time. */
export function formatMs(ms: number | null): string {
  return ms === null ? 'timeout' : latencyText(ms);
}
