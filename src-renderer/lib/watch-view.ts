// Words and shapes for one watch row: "down for 3 min", snooze state, latency text, sparkline points.
import {
  isWatchSnoozed,
  latencyText,
  ownerLabel,
  type WatchState,
} from '../../src-main/domain/index.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** `12 s`, `3 min`, `2 h 5 min`, `3 d 4 h`: coarse on purpose, the row updates every few seconds. */
export function formatDuration(ms: number): string {
  const t = Math.max(0, ms);
  if (t < MINUTE) return `${Math.floor(t / 1000)} s`;
  if (t < HOUR) return `${Math.floor(t / MINUTE)} min`;
  if (t < DAY) {
    const h = Math.floor(t / HOUR);
    const m = Math.floor((t % HOUR) / MINUTE);
    return m === 0 ? `${h} h` : `${h} h ${m} min`;
  }
  const d = Math.floor(t / DAY);
  const h = Math.floor((t % DAY) / HOUR);
  return h === 0 ? `${d} d` : `${d} d ${h} h`;
}

/** `0.3 ms`, `12 ms`, `—` when there is no measurement (the CLI's rounding). */
export function formatLatency(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? '—' : latencyText(ms);
}

/** "up for 3 min", "down for 12 s", "not checked yet". */
export function watchStatusText(state: WatchState | null, now: number): string {
  if (state === null || state.status === 'unknown') {
    return state?.lastCheckedAt ? 'checking…' : 'not checked yet';
  }
  return `${state.status} for ${formatDuration(now - state.since)}`;
}

/** Whether the watch's notices are held back: the domain's rule, the name the watch row uses. */
export { isWatchSnoozed as isSnoozed } from '../../src-main/domain/index.js';

/** "snoozed until up", "snoozed for 14 min", or null when notifications are on. */
export function snoozeText(state: WatchState | null, now: number): string | null {
  if (state === null || !isWatchSnoozed(state, now)) return null;
  if (state.snoozeUntilUp) return 'snoozed until up';
  return `snoozed for ${formatDuration((state.snoozedUntil ?? now) - now)}`;
}

/** "node (PID 4121)", "PID 4121", or null when nobody is known. */
export function ownerText(owner: WatchState['owner']): string | null {
  return owner ? ownerLabel(owner.pid, owner.process) : null;
}

/**
 * SVG polyline points for latencies, oldest left: one point per value, scaled to fit the box with
 * `pad` pixels inside so the stroke is not clipped. A flat series draws along the middle.
 */
export function sparklinePoints(values: readonly number[], width: number, height: number, pad = 1) {
  if (values.length === 0) return [];
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min;
  const innerW = width - 2 * pad;
  const innerH = height - 2 * pad;
  const step = values.length > 1 ? innerW / (values.length - 1) : 0;
  return values.map((v, i) => {
    const x = values.length > 1 ? pad + i * step : width / 2;
    const y = span === 0 ? height / 2 : pad + innerH - ((v - min) / span) * innerH;
    return { x: round(x), y: round(y) };
  });
}

const round = (n: number): number => Math.round(n * 10) / 10;

/** "Latency of the last 12 probes: 0.2–1.4 ms". */
export function sparklineLabel(values: readonly number[]): string {
  if (values.length === 0) return 'No latency measured yet';
  const min = Math.min(...values);
  const max = Math.max(...values);
  const range =
    min === max
      ? formatLatency(min)
      : `${formatLatency(min).replace(' ms', '')}–${formatLatency(max)}`;
  const n = values.length;
  return `Latency of the last ${n === 1 ? 'probe' : `${n} probes`}: ${range}`;
}
