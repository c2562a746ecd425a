// Shapes history for reading: newest first, grouped by local day, with plain labels for each kind.
import type { WatchView } from '../../src-main/shared/contract.js';
import { targetText, type HistoryEntry, type HistoryQuery } from '../../src-main/domain/index.js';
import { PROBLEM_ORDER, problemSeverity, type Severity } from '../../src-main/domain/severity.js';
import { dayKey } from '../../src-main/domain/time-text.js';

export type HistoryKind = NonNullable<HistoryQuery['kinds']>[number];

export const HISTORY_KIND_LABELS: Record<HistoryKind, string> = {
  watch: 'Watch up/down',
  'conflict-appeared': 'Conflict appeared',
  'conflict-resolved': 'Conflict resolved',
  'owner-changed': 'Owner changed',
  exposure: 'Exposed to network',
};

export const ALL_HISTORY_KINDS = Object.keys(HISTORY_KIND_LABELS) as HistoryKind[];

export interface HistoryDay {
  /** `2026-11-28` in local time. */
  key: string;
  /** "Today", "Yesterday" or "Fri 27 Nov 2026". */
  label: string;
  entries: HistoryEntry[];
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// The day key and times of day are the domain's, so the window and the CLI print the same text.
export { dateTimeText, dayKey, timeOfDay } from '../../src-main/domain/time-text.js';

function dayLabel(at: number, now: number): string {
  const key = dayKey(at);
  if (key === dayKey(now)) return 'Today';
  const yesterday = new Date(now);
  yesterday.setDate(yesterday.getDate() - 1);
  if (key === dayKey(yesterday.getTime())) return 'Yesterday';
  const d = new Date(at);
  return `${DAYS[d.getDay()]} ${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()}`;
}

/** Newest first, whatever order the log returned. */
export function newestFirst(entries: readonly HistoryEntry[]): HistoryEntry[] {
  return [...entries].sort((a, b) => b.at - a.at);
}

/** Days newest first, entries in each day newest first. */
export function groupByDay(entries: readonly HistoryEntry[], now: number): HistoryDay[] {
  const days: HistoryDay[] = [];
  for (const entry of newestFirst(entries)) {
    const key = dayKey(entry.at);
    const last = days[days.length - 1];
    if (last && last.key === key) last.entries.push(entry);
    else days.push({ key, label: dayLabel(entry.at, now), entries: [entry] });
  }
  return days;
}

const CONFLICT_WORDS: Record<string, string> = {
  'shared-port': 'two processes share it',
  shadowed: 'one listener hides another',
  'unexpected-owner': 'unexpected owner',
};

/** Watch target text (`32975`, `db.internal:5432`) → the watch's label, for watches that have one. */
export function watchLabels(watches: readonly WatchView[]): ReadonlyMap<string, string> {
  const labels = new Map<string, string>();
  for (const { spec } of watches) {
    if (spec.label) labels.set(targetText(spec.target), spec.label);
  }
  return labels;
}

const NO_LABELS: ReadonlyMap<string, string> = new Map();

/**
 * One short headline per entry: "3000 down", "conflict on tcp/3000 resolved"; a target that a
 * labelled watch has is named as the watch list names it: "Worker (32975) down".
 */
export function entryTitle(
  entry: HistoryEntry,
  labels: ReadonlyMap<string, string> = NO_LABELS,
): string {
  const target = entry.target ?? (entry.port === null ? 'a port' : String(entry.port));
  const label = entry.target === null ? undefined : labels.get(entry.target);
  const what = label === undefined ? target : `${label} (${target})`;
  switch (entry.kind) {
    case 'watch':
      return `${what} ${entry.event}`;
    case 'conflict-appeared':
      return `Conflict on ${what}: ${CONFLICT_WORDS[entry.event] ?? entry.event}`;
    case 'conflict-resolved':
      return `Conflict on ${what} resolved`;
    case 'owner-changed':
      return `${what}: owner changed`;
    case 'exposure':
      return `${what} exposed to the network`;
  }
}

/** The tone a row is drawn in: good news, bad news, or neutral. */
/**
 * An entry's edge colour: `good` for a recovery, the severity of what went wrong on the domain's
 * scale (a down watch is an error, a shadowed port a warning), `neutral` for the rest.
 */
export function entryTone(entry: HistoryEntry): 'good' | 'neutral' | Severity {
  if (entry.kind === 'conflict-resolved' || (entry.kind === 'watch' && entry.event === 'up')) {
    return 'good';
  }
  if (entry.kind === 'watch') {
    return entry.event === 'down' || entry.event === 'flapping'
      ? problemSeverity('watch-down')
      : 'neutral';
  }
  if (entry.kind === 'owner-changed') return problemSeverity('unexpected-owner');
  if (entry.kind === 'exposure') return problemSeverity('exposed');
  // A conflict entry's event is its kind; a deliberate shared port is not recorded (not alarming).
  const kind = PROBLEM_ORDER.find((k) => k === entry.event);
  return kind ? problemSeverity(kind) : 'warning';
}

/** The port filter box: empty = every port; otherwise a port 1–65535 or an error message. */
export function parsePortFilter(text: string): { port: number | undefined; error: string | null } {
  const t = text.trim().replace(/^:/, '');
  if (t === '') return { port: undefined, error: null };
  if (!/^\d+$/.test(t)) return { port: undefined, error: 'Port must be a number 1–65535' };
  const port = Number(t);
  if (port < 1 || port > 65535) return { port: undefined, error: 'Port must be 1–65535' };
  return { port, error: null };
}
