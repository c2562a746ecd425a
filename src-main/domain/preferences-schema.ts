// The one zod schema of preferences: settings.json, the contract's patch and the tests all check with it.
import { z } from 'zod';
import { bool, intIn, list, objectError, oneOf, showValue, text } from './field-schemas.js';
import {
  PREFERENCE_LIMITS,
  PROTECTED_LIMITS,
  THEMES,
  type NumericPreference,
  type Preferences,
} from './preferences.js';

function limited(name: NumericPreference) {
  const { min, max } = PREFERENCE_LIMITS[name];
  return intIn(name, min, max);
}

const entryName = 'protectedProcesses entry';

/** One schema per preference, so salvage can fall back field by field. */
export const preferenceFields = {
  refreshIntervalMs: limited('refreshIntervalMs'),
  notifyOnExposure: bool('notifyOnExposure'),
  notificationCooldownMs: limited('notificationCooldownMs'),
  startAtLogin: bool('startAtLogin'),
  theme: oneOf('theme', THEMES),
  historyLimit: limited('historyLimit'),
  protectedProcesses: z
    .array(text(entryName, PROTECTED_LIMITS.maxName), list('protectedProcesses'))
    .max(PROTECTED_LIMITS.maxCount, {
      error: ({ input }) =>
        `protectedProcesses has ${Array.isArray(input) ? input.length : showValue(input)} names; at most ${PROTECTED_LIMITS.maxCount} are allowed`,
    }),
} satisfies { [K in keyof Preferences]: z.ZodType<Preferences[K]> };

export const preferencesSchema = z.strictObject(preferenceFields, {
  error: objectError('preferences'),
});

/** What one save may change: any subset of the fields, each checked as in the file. */
export const preferencesPatchSchema = preferencesSchema.partial();
export type PreferencesPatch = z.infer<typeof preferencesPatchSchema>;
