// The shape of settings.json (zod 4); messages name the field and the bad value. The type, defaults
// and limits are in settings-model.ts, so reading a file loads zod only to validate one.
import { z } from 'zod';
import {
  intIn,
  list,
  objectError,
  showValue,
  text,
  type Issue,
} from '../../domain/field-schemas.js';
import type { WatchSpec } from '../../domain/model.js';
import { defaultPreferences, type Preferences } from '../../domain/preferences.js';
import {
  MAX_WATCHES,
  SETTINGS_VERSION,
  duplicateIdMessages,
  tooManyWatches,
  type Settings,
} from './settings-model.js';
import { preferencesSchema } from '../../domain/preferences-schema.js';

// Preferences live in domain (one schema for the file, the contract and the window); re-exported
// here so settings code keeps one import.
export { defaultPreferences, showValue, type Preferences };
export {
  MAX_WATCHES,
  SETTINGS_VERSION,
  WATCH_DEFAULTS,
  defaultSettings,
  duplicateIdMessages,
  tooManyWatches,
  type Settings,
} from './settings-model.js';
export { preferenceFields, preferencesSchema } from '../../domain/preferences-schema.js';

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

export const acknowledgedExposuresSchema = z.array(
  text('acknowledgedExposures entry', 500),
  list('acknowledgedExposures'),
);

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
