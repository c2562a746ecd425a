// Upgrades older settings.json shapes to the current version, step by step, saying what changed.
import { parsePortNumber } from '../platform/address.js';
import { PREFERENCE_LIMITS } from '../../domain/preferences.js';
import { defaultPreferences } from '../../domain/preferences.js';
import { showValue } from '../../domain/show-value.js';
import { SETTINGS_VERSION, WATCH_DEFAULTS } from './settings-model.js';

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The version a newer Porthole wrote, or null when the data is not from the future. */
export function newerVersionOf(raw: unknown): number | null {
  if (!isRecord(raw)) return null;
  const { version } = raw;
  return typeof version === 'number' && Number.isInteger(version) && version > SETTINGS_VERSION
    ? version
    : null;
}

/**
 * Brings parsed settings up to SETTINGS_VERSION. Does not validate: the schema does that next, so
 * whatever a migration cannot make sense of is left in place for the salvage step to name.
 */
export function migrateSettings(raw: unknown): { data: unknown; warnings: string[] } {
  if (!isRecord(raw)) return { data: raw, warnings: [] };
  const { version } = raw;
  if (version === SETTINGS_VERSION) return { data: raw, warnings: [] };
  if (version === undefined || version === 0) return fromVersion0(raw);
  const newer = newerVersionOf(raw);
  if (newer !== null) {
    return {
      data: raw,
      warnings: [
        `settings were written by a newer Porthole (version ${newer}; this one understands version ${SETTINGS_VERSION})`,
      ],
    };
  }
  return {
    data: raw,
    warnings: [`settings version ${showValue(version)} is not one Porthole knows`],
  };
}

/** Clamps an old poll interval into a range that is valid now, warning when it had to move. */
function clampInterval(
  pollMs: number,
  min: number,
  max: number,
  field: string,
  warnings: string[],
): number {
  const clamped = Math.min(max, Math.max(min, Math.round(pollMs)));
  if (clamped !== pollMs)
    warnings.push(`pollMs ${pollMs} is outside ${min}..${max} for ${field}; using ${clamped}`);
  return clamped;
}

/**
 * Version 0 (no `version` field): `{ watches: [{ port, host?, expect? }], pollMs }`, one poll
 * interval for everything. It becomes the refresh interval and each watch's interval.
 */
function fromVersion0(raw: Json): { data: unknown; warnings: string[] } {
  const warnings = [`upgraded settings from version 0 to ${SETTINGS_VERSION}`];
  const { pollMs, watches, preferences, acknowledgedExposures, version: _version, ...rest } = raw;
  let refreshIntervalMs: number | undefined;
  let watchIntervalMs: number = WATCH_DEFAULTS.intervalMs;
  if (typeof pollMs === 'number' && Number.isFinite(pollMs)) {
    const { min, max } = PREFERENCE_LIMITS.refreshIntervalMs;
    refreshIntervalMs = clampInterval(pollMs, min, max, 'preferences.refreshIntervalMs', warnings);
    watchIntervalMs = clampInterval(pollMs, 500, 86_400_000, 'watch intervals', warnings);
  } else if (pollMs !== undefined) {
    warnings.push(`ignored pollMs ${showValue(pollMs)}: it is not a number`);
  }

  const oldPreferences = isRecord(preferences) ? preferences : {};
  const upgradedPreferences = {
    ...defaultPreferences(),
    ...(refreshIntervalMs === undefined ? {} : { refreshIntervalMs }),
    ...oldPreferences,
  };

  return {
    data: {
      ...rest,
      version: SETTINGS_VERSION,
      watches: Array.isArray(watches) ? upgradeWatches(watches, watchIntervalMs) : (watches ?? []),
      preferences:
        preferences === undefined || isRecord(preferences) ? upgradedPreferences : preferences,
      acknowledgedExposures: acknowledgedExposures ?? [],
    },
    warnings,
  };
}

/** Ids as createWatchSpec (watch-state.ts) makes them (`local:3000`, `db.local:5432`), made unique with `-2`, `-3`. */
function upgradeWatches(watches: unknown[], intervalMs: number): unknown[] {
  const used = new Set<string>();
  return watches.map((watch) => {
    const upgraded = upgradeWatch(watch, intervalMs);
    if (!isRecord(upgraded) || typeof upgraded.id !== 'string') return upgraded;
    // Only ids we invented are renamed; a clash between the user's own ids is reported by validation.
    if (isRecord(watch) && watch.id !== undefined) {
      used.add(upgraded.id);
      return upgraded;
    }
    let id = upgraded.id;
    for (let n = 2; used.has(id); n += 1) id = `${upgraded.id}-${n}`;
    used.add(id);
    return { ...upgraded, id };
  });
}

/** `{ port, host?, expect? }` → WatchSpec; unknown fields are kept so validation can name them. */
function upgradeWatch(watch: unknown, intervalMs: number): unknown {
  if (!isRecord(watch) || 'target' in watch) return watch;
  const { port, host, expect, id, label, ...rest } = watch;
  const portNumber =
    typeof port === 'string' || typeof port === 'number' ? parsePortNumber(port) : null;
  const portText = portNumber ?? showValue(port);
  const hostText =
    typeof host !== 'string' ? showValue(host) : host.includes(':') ? `[${host}]` : host;
  const defaultId =
    host === undefined || host === null ? `local:${portText}` : `${hostText}:${portText}`;
  return {
    intervalMs,
    failuresToDown: WATCH_DEFAULTS.failuresToDown,
    successesToUp: WATCH_DEFAULTS.successesToUp,
    ...rest,
    id: id ?? defaultId,
    target: { host: host ?? null, port: portNumber ?? port },
    expect: expect ?? null,
    label: label ?? null,
  };
}
