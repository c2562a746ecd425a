// Timestamps and durations as people read them (`--json`'s ISO times: service/reports/json-shapes.ts).
import { latencyText } from '../../domain/labels.js';

/** `2025-05-01 14:03:27` in local time: the window's text too (domain/time-text.ts). */
export { dateTimeText as formatLocalTime } from '../../domain/time-text.js';

/** `0.3 ms`, `12 ms`, or `timeout` when there was no answer in time. */
export function formatMs(ms: number | null): string {
  return ms === null ? 'timeout' : latencyText(ms);
}
