// Porthole's settings: schema, defaults, migration and the file store.
export {
  MAX_WATCHES,
  SETTINGS_VERSION,
  WATCH_DEFAULTS,
  defaultPreferences,
  defaultSettings,
  describeIssues,
  preferencesSchema,
  settingsSchema,
  watchSpecSchema,
  type Preferences,
  type Settings,
} from './schema.js';
export { migrateSettings } from './migrate.js';
export { salvageSettings } from './salvage.js';
export {
  SettingsLockedError,
  SettingsStore,
  type LoadResult,
  type PeekResult,
  type SettingsStoreOptions,
} from './store.js';
export { LOCK_TIMING, SettingsBusyError, type LockTiming } from './settings-lock.js';
