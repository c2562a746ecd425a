// Pure rules of the Settings view: text ⇄ preference values with plain-word limits, and snooze times.
import {
  PREFERENCE_LIMITS,
  PROTECTED_LIMITS,
  type NumericPreference,
  type Preferences,
} from '../../src-main/domain/preferences.js';
import {
  isSnoozed,
  SNOOZE_PRESETS,
  snoozeUntil,
  type SnoozePreset,
} from '../../src-main/domain/snooze.js';
import { upperFirst } from '../../src-main/domain/labels.js';
import { formatCount } from './format.js';

export type { Preferences };
export type PreferenceName = keyof Preferences;

/** What the server refused, per field. */
export type FieldErrors = Partial<Record<PreferenceName, string>>;
/** Saves one preference; the view sends it as a one-field patch. */
export type SavePreference = <K extends PreferenceName>(field: K, value: Preferences[K]) => void;

/** A typed value the core will accept, or what to type instead. */
export type Parsed = { ok: true; value: number } | { ok: false; error: string };

// Every limit comes from the domain's preferences, the same ones its schema enforces.
export const MAX_PROCESS_NAME = PROTECTED_LIMITS.maxName;
export const MAX_PROTECTED = PROTECTED_LIMITS.maxCount;
const HOUR_MS = 3_600_000;

/** `2000` → `2`, `500` → `0.5`: milliseconds as the seconds a person types. */
export function secondsText(ms: number): string {
  return String(ms / 1000);
}

/** `5000` → `5000`: the history limit as typed (no separators, so it reads back unchanged). */
export function entriesText(n: number): string {
  return String(n);
}

/** `0.5 to 60 seconds`, `0 to 86400 seconds (24 h)`: a range of milliseconds as typed. */
function secondsRange({ min, max }: { min: number; max: number }): string {
  const hours = max >= HOUR_MS ? ` (${max / HOUR_MS} h)` : '';
  return `${secondsText(min)} to ${secondsText(max)} seconds${hours}`;
}

/** Seconds with a dot or a decimal comma, an optional trailing "s"; null when it is no number. */
function seconds(text: string): number | null {
  const t = text.trim().replace(/\s*s$/i, '').replace(',', '.');
  return /^(?:\d+\.?\d*|\.\d+)$/.test(t) ? Number(t) : null;
}

function millisIn(text: string, name: NumericPreference, limits: string): Parsed {
  const { min, max } = PREFERENCE_LIMITS[name];
  const s = seconds(text);
  if (s === null) return { ok: false, error: `Type a number of seconds: ${limits}` };
  const ms = Math.round(s * 1000);
  if (ms < min || ms > max) return { ok: false, error: upperFirst(limits) };
  return { ok: true, value: ms };
}

/** How one numeric preference is typed: its unit, its range in words, and text ⇄ value. */
export interface NumberRule {
  unit: 'seconds' | 'entries';
  /** The allowed range as the field is typed: `0.5 to 60 seconds`, `100 to 1,000,000`. */
  range: () => string;
  format: (value: number) => string;
  parse: (text: string) => Parsed;
}

// Functions, not constants: formatCount builds an Intl formatter, which must not run at load (see below).
const refreshRange = () => secondsRange(PREFERENCE_LIMITS.refreshIntervalMs);
const cooldownRange = () => secondsRange(PREFERENCE_LIMITS.notificationCooldownMs);
const historyRange = () =>
  `${formatCount(PREFERENCE_LIMITS.historyLimit.min)} to ${formatCount(PREFERENCE_LIMITS.historyLimit.max)}`;

/** The monitor's refresh interval, typed in seconds. */
export function parseRefreshSeconds(text: string): Parsed {
  return millisIn(text, 'refreshIntervalMs', `refresh every ${refreshRange()}`);
}

/** Quiet time between two notifications about the same port, typed in seconds. */
export function parseCooldownSeconds(text: string): Parsed {
  return millisIn(text, 'notificationCooldownMs', `wait ${cooldownRange()} between notifications`);
}

/** How many history entries to keep: a whole number, thousands separators allowed (`5,000`). */
export function parseHistoryLimit(text: string): Parsed {
  const { min, max } = PREFERENCE_LIMITS.historyLimit;
  const t = text.trim().replace(/[,_\s']/g, '');
  const limits = `keep ${historyRange()} entries`;
  if (!/^\d+$/.test(t)) return { ok: false, error: `Type a whole number: ${limits}` };
  const n = Number(t);
  if (n < min || n > max) return { ok: false, error: upperFirst(limits) };
  return { ok: true, value: n };
}

/** Every numeric preference's field rule: the view's fields and the bounds test both read it. */
export const NUMBER_RULES: { [K in NumericPreference]: NumberRule } = {
  refreshIntervalMs: {
    unit: 'seconds',
    range: refreshRange,
    format: secondsText,
    parse: parseRefreshSeconds,
  },
  notificationCooldownMs: {
    unit: 'seconds',
    range: cooldownRange,
    format: secondsText,
    parse: parseCooldownSeconds,
  },
  historyLimit: {
    unit: 'entries',
    range: historyRange,
    format: entriesText,
    parse: parseHistoryLimit,
  },
};

/** Null when `name` can join the protected list, else why not. The core compares names ignoring case. */
export function protectedNameError(name: string, list: readonly string[]): string | null {
  const n = name.trim();
  if (n === '') return 'Type a process name, e.g. postgres';
  if (n.length > MAX_PROCESS_NAME)
    return `A process name has at most ${MAX_PROCESS_NAME} characters`;
  const lower = n.toLowerCase();
  const same = list.find((p) => p.toLowerCase() === lower);
  if (same !== undefined) return `${same} is already protected`;
  if (list.length >= MAX_PROTECTED) return `At most ${MAX_PROTECTED} protected processes`;
  return null;
}

export interface SnoozeChoice {
  /** Button text. */
  label: string;
  /** Accessible name: says what the button does. */
  name: string;
  until: number;
}

const MINUTE = 60_000;

// Made on first use, not at load: building an Intl formatter first thing costs the window's
// start-up ICU's loading (see formatCount in format.ts).
let timeFormat: Intl.DateTimeFormat | null = null;
let dayFormat: Intl.DateTimeFormat | null = null;

/** `08:00` or `8:00 AM`, as the user's locale writes a time of day. */
export function formatTime(at: number): string {
  timeFormat ??= new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
  return timeFormat.format(at);
}

/** Button text for each preset; the presets and their end times are the tray's too (domain/snooze.ts). */
const BUTTON_WORDS: Record<SnoozePreset, (until: number) => { label: string; name: string }> = {
  '15-min': () => ({ label: '15 min', name: 'Snooze for 15 min' }),
  '1-hour': () => ({ label: '1 h', name: 'Snooze for 1 h' }),
  tomorrow: (until) => {
    const morning = `tomorrow ${formatTime(until)}`;
    return { label: `Until ${morning}`, name: `Snooze until ${morning}` };
  },
};

export function snoozeChoices(now: number): SnoozeChoice[] {
  return SNOOZE_PRESETS.map((preset) => {
    const until = snoozeUntil(preset, now)!;
    return { ...BUTTON_WORDS[preset](until), until };
  });
}

function startOfDay(at: number): number {
  const d = new Date(at);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/** True while a global snooze is running (the tray's rule too). */
export { isSnoozed };

/** "Notifications are on", "Snoozed until 13:15", "Snoozed until tomorrow 08:00", or a later day. */
export function snoozeStatus(until: number | null, now: number): string {
  if (!isSnoozed(until, now)) return 'Notifications are on';
  const days = Math.round((startOfDay(until) - startOfDay(now)) / (24 * 60 * MINUTE));
  const time = formatTime(until);
  if (days === 0) return `Snoozed until ${time}`;
  if (days === 1) return `Snoozed until tomorrow ${time}`;
  dayFormat ??= new Intl.DateTimeFormat(undefined, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
  });
  return `Snoozed until ${dayFormat.format(until)}, ${time}`;
}
