// The shape of settings.json (zod 4), its defaults, and messages that name the field and the bad value.
import { z } from 'zod';
import type { WatchSpec } from '../../domain/model.js';

export const SETTINGS_VERSION = 1;

export interface Preferences {
  refreshIntervalMs: number;
  notifyOnExposure: boolean;
  notificationCooldownMs: number;
  startAtLogin: boolean;
  theme: 'system' | 'light' | 'dark';
  historyLimit: number;
  /** Process names never offered for kill. */
  protectedProcesses: string[];
}

export interface Settings {
  version: number;
  watches: WatchSpec[];
  preferences: Preferences;
  acknowledgedExposures: string[];
}

/** Values for watches that an older file did not spell out (used by migration). */
export const WATCH_DEFAULTS = { intervalMs: 5000, failuresToDown: 2, successesToUp: 1 } as const;

export function defaultPreferences(): Preferences {
  return {
    refreshIntervalMs: 2000,
    notifyOnExposure: false,
    notificationCooldownMs: 60_000,
    startAtLogin: false,
    theme: 'system',
    historyLimit: 5000,
    protectedProcesses: [
      'systemd',
      'init',
      'launchd',
      'sshd',
      'Xorg',
      'gnome-shell',
      'explorer.exe',
      'wininit.exe',
      'csrss.exe',
    ],
  };
}

export function defaultSettings(): Settings {
  return {
    version: SETTINGS_VERSION,
    watches: [],
    preferences: defaultPreferences(),
    acknowledgedExposures: [],
  };
}

/** A bad value, short enough for a one-line warning. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(value) ?? typeof value; // functions and symbols have no JSON
  } catch {
    text = typeof value; // bigint, cycles
  }
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

type Issue = { input?: unknown; code?: string; keys?: string[] };

function intIn(name: string, min: number, max: number) {
  const error = ({ input }: Issue) => {
    if (input === undefined) return `${name} is missing`;
    if (typeof input === 'number' && Number.isInteger(input)) {
      return `${name} ${input} is out of range (${min}..${max})`;
    }
    return `${name} must be a whole number from ${min} to ${max}, not ${showValue(input)}`;
  };
  return z.int({ error }).min(min, { error }).max(max, { error });
}

function bool(name: string) {
  return z.boolean({
    error: ({ input }: Issue) => `${name} must be true or false, not ${showValue(input)}`,
  });
}

/** A non-empty string of at most `max` characters. */
function text(name: string, max = 200) {
  const error = ({ input }: Issue) =>
    `${name} must be a non-empty text of at most ${max} characters, not ${showValue(input)}`;
  return z.string({ error }).min(1, { error }).max(max, { error });
}

function objectError(name: string) {
  return ({ code, keys, input }: Issue) =>
    code === 'unrecognized_keys'
      ? `${name} has unknown field(s) ${(keys ?? []).map((k) => JSON.stringify(k)).join(', ')}`
      : `${name} must be an object, not ${showValue(input)}`;
}

function list(name: string) {
  return { error: ({ input }: Issue) => `${name} must be a list, not ${showValue(input)}` };
}

const hostError = ({ input }: Issue) =>
  `host must be null (this machine) or a host name without spaces, not ${showValue(input)}`;

const targetSchema = z.strictObject(
  {
    host: z
      .string({ error: hostError })
      .regex(/^\S+$/, { error: hostError })
      .max(253, { error: hostError })
      .nullable(),
    port: intIn('port', 1, 65535),
  },
  { error: objectError('target') },
);

/** Fields of one watch; exported so salvage can also read a watch leniently (unknown fields stripped). */
export const watchSpecFields = {
  id: text('id'),
  target: targetSchema,
  expect: text('expect').nullable(),
  intervalMs: intIn('intervalMs', 500, 86_400_000),
  failuresToDown: intIn('failuresToDown', 1, 100),
  successesToUp: intIn('successesToUp', 1, 100),
  label: text('label').nullable(),
};

export const watchSpecSchema: z.ZodType<WatchSpec> = z.strictObject(watchSpecFields, {
  error: objectError('watch'),
});
export const lenientWatchSpecSchema: z.ZodType<WatchSpec> = z.object(watchSpecFields, {
  error: objectError('watch'),
});

/** One schema per preference, so salvage can fall back field by field. */
export const preferenceFields = {
  refreshIntervalMs: intIn('refreshIntervalMs', 500, 60_000),
  notifyOnExposure: bool('notifyOnExposure'),
  notificationCooldownMs: intIn('notificationCooldownMs', 0, 86_400_000),
  startAtLogin: bool('startAtLogin'),
  theme: z.enum(['system', 'light', 'dark'], {
    error: ({ input }: Issue) =>
      `theme must be "system", "light" or "dark", not ${showValue(input)}`,
  }),
  historyLimit: intIn('historyLimit', 100, 1_000_000),
  protectedProcesses: z.array(text('protectedProcesses entry'), list('protectedProcesses')),
} satisfies { [K in keyof Preferences]: z.ZodType<Preferences[K]> };

export const preferencesSchema: z.ZodType<Preferences> = z.strictObject(preferenceFields, {
  error: objectError('preferences'),
});

export const acknowledgedExposuresSchema = z.array(
  text('acknowledgedExposures entry', 500),
  list('acknowledgedExposures'),
);

/**
 * Watches one settings file holds. Each is probed on its own timer, and 170,000 of them made a
 * 53 MB file that slowed every command to 1.8 s; a few hundred is far beyond hand-made use.
 */
export const MAX_WATCHES = 500;

/** The refusal when a list would grow past MAX_WATCHES; names the count so the user knows how many to drop. */
export function tooManyWatches(count: number): string {
  return `too many watches (${count}; at most ${MAX_WATCHES}): remove some before adding more`;
}

/** Watch ids must be unique: they key state, history and IPC calls. */
export function duplicateIdMessages(watches: readonly { id: string }[]): string[] {
  const firstIndex = new Map<string, number>();
  const messages: string[] = [];
  watches.forEach((watch, index) => {
    const first = firstIndex.get(watch.id);
    if (first === undefined) firstIndex.set(watch.id, index);
    else
      messages.push(
        `watch #${index + 1} has id ${JSON.stringify(watch.id)}, already used by watch #${first + 1}`,
      );
  });
  return messages;
}

export const settingsSchema: z.ZodType<Settings> = z.strictObject(
  {
    version: z.literal(SETTINGS_VERSION, {
      error: ({ input }: Issue) => `version must be ${SETTINGS_VERSION}, not ${showValue(input)}`,
    }),
    watches: z
      .array(watchSpecSchema, list('watches'))
      .max(MAX_WATCHES, {
        error: ({ input }: Issue) => tooManyWatches(Array.isArray(input) ? input.length : NaN),
      })
      .superRefine((watches, ctx) => {
        for (const message of duplicateIdMessages(watches))
          ctx.addIssue({ code: 'custom', message });
      }),
    preferences: preferencesSchema,
    acknowledgedExposures: acknowledgedExposuresSchema,
  },
  { error: objectError('settings') },
);

/**
 * The problems in one line. Messages already name their field (`port 70000 is out of range`), so
 * `where` adds the location only when asked: save() errors say `watches[0].target.port: ...`.
 */
export function describeIssues(error: z.ZodError, where = false): string {
  return error.issues
    .map((issue) => {
      if (!where || issue.path.length === 0) return issue.message;
      const location = issue.path
        .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
        .join('')
        .replace(/^\./, '');
      return `${location}: ${issue.message}`;
    })
    .join('; ');
}
