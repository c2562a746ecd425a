// Settings channels: preferences (read, change, apply) and acknowledged exposures.
import type { PreferencesPatch, SettingsView } from '../../shared/contract.js';
import { InputError } from '../../core/errors.js';
import type { Preferences } from '../../core/settings/index.js';
import type { ServiceContext } from '../context.js';
import type { HandlersFor } from './types.js';

type SettingsChannel =
  | 'porthole:settings:get'
  | 'porthole:settings:update'
  | 'porthole:exposures:acknowledge'
  | 'porthole:exposures:unacknowledge';

/** Checks the key's form (the address itself may hold colons); throws InputError naming the problem. */
export function checkExposureKey(key: string): string {
  const match = /^(tcp|udp):(.+):(\d{1,5})$/.exec(key);
  const port = Number(match?.[3]);
  if (!match || /\s/.test(key) || port < 1 || port > 65535) {
    throw new InputError(
      `exposure key ${JSON.stringify(key)} is not protocol:address:port (e.g. tcp:0.0.0.0:5432)`,
    );
  }
  return key;
}

function definedOnly(patch: PreferencesPatch): Partial<Preferences> {
  const entries = Object.entries(patch).filter(([, value]) => value !== undefined);
  return Object.fromEntries(entries);
}

export function settingsHandlers(ctx: ServiceContext): HandlersFor<SettingsChannel> {
  const view = (): SettingsView => ({
    preferences: ctx.preferences(),
    warnings: [...ctx.settingsWarnings],
    path: ctx.store.path,
  });
  return {
    'porthole:settings:get': () => Promise.resolve(view()),

    'porthole:settings:update': async (patch) => {
      const next = await ctx.saveSettings((settings) => ({
        ...settings,
        preferences: { ...settings.preferences, ...definedOnly(patch) },
      }));
      ctx.applyRefreshInterval(next.preferences.refreshIntervalMs);
      ctx.emit({ type: 'preferences', preferences: next.preferences });
      return view();
    },

    'porthole:exposures:acknowledge': async ({ key }) => {
      checkExposureKey(key);
      const next = await ctx.saveSettings((settings) =>
        settings.acknowledgedExposures.includes(key)
          ? settings
          : { ...settings, acknowledgedExposures: [...settings.acknowledgedExposures, key] },
      );
      return [...next.acknowledgedExposures];
    },

    // Taking back one never acknowledged is no error: two windows may both press "Show again".
    'porthole:exposures:unacknowledge': async ({ key }) => {
      checkExposureKey(key);
      const next = await ctx.saveSettings((settings) =>
        settings.acknowledgedExposures.includes(key)
          ? {
              ...settings,
              acknowledgedExposures: settings.acknowledgedExposures.filter((k) => k !== key),
            }
          : settings,
      );
      return [...next.acknowledgedExposures];
    },
  };
}
