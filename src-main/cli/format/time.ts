// Timestamps as people read them (local time) and as machines read them (ISO 8601).
import { latencyText } from '../../domain/labels.js';

const pad = (n: number): string => String(n).padStart(2, '0');

/** `2025-05-01 14:03:27` in local time. */
export function formatLocalTime(epochMs: number): string {
  const d = new Date(epochMs);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** ISO 8601 in UTC, the form every `--json` output uses. */
export function isoTime(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/** `0.3 ms`, `12 ms`, or `timeout` when there was no answer in time. */
export function formatMs(ms: number | null): string {
  return ms === null ? 'timeout' : latencyText(ms);
}
