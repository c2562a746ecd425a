// What settings are, without their schema: the type, the defaults, the limits and the words for
// breaking them. Reading settings.json starts from here; zod (schema.ts) loads only to validate.
import type { WatchSpec } from '../../domain/model.js';
import { defaultPreferences, type Preferences } from '../../domain/preferences.js';

export const SETTINGS_VERSION = 1;

export interface Settings {
  version: number;
  watches: WatchSpec[];
  preferences: Preferences;
  acknowledgedExposures: string[];
}

/** Values for watches that an older file did not spell out (used by migration). */
export const WATCH_DEFAULTS = { intervalMs: 5000, failuresToDown: 2, successesToUp: 1 } as const;

export function defaultSettings(): Settings {
  return {
    version: SETTINGS_VERSION,
    watches: [],
    preferences: defaultPreferences(),
    acknowledgedExposures: [],
  };
}

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
