// Keeps every valid part of settings that failed validation, and names each part it had to drop.
import type { WatchSpec } from '../../domain/model.js';
import { PROTECTED_LIMITS } from '../../domain/preferences.js';
import {
  MAX_WATCHES,
  SETTINGS_VERSION,
  acknowledgedExposuresSchema,
  defaultSettings,
  describeIssues,
  lenientWatchSpecSchema,
  preferenceFields,
  showValue,
  watchSpecSchema,
  type Preferences,
  type Settings,
} from './schema.js';

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const KNOWN_KEYS = new Set(['version', 'watches', 'preferences', 'acknowledgedExposures']);

/** Settings built from whatever in `data` is valid; everything else defaulted, with one warning each. */
export function salvageSettings(data: unknown): { settings: Settings; warnings: string[] } {
  const settings = defaultSettings();
  if (!isRecord(data)) {
    return {
      settings,
      warnings: [`settings must be an object, not ${showValue(data)}; using defaults`],
    };
  }
  const warnings: string[] = [];
  for (const key of Object.keys(data)) {
    if (!KNOWN_KEYS.has(key)) warnings.push(`ignored unknown setting ${JSON.stringify(key)}`);
  }
  settings.watches = salvageWatches(data.watches, warnings);
  settings.preferences = salvagePreferences(data.preferences, warnings);
  settings.acknowledgedExposures = salvageAcknowledged(data.acknowledgedExposures, warnings);
  settings.version = SETTINGS_VERSION;
  return { settings, warnings };
}

/** A name a user recognizes: `#2 "db" (db.local:5432)`, from whatever fields are readable. */
function watchName(watch: unknown, index: number): string {
  let name = `#${index + 1}`;
  if (!isRecord(watch)) return name;
  const label =
    typeof watch.label === 'string' ? watch.label : typeof watch.id === 'string' ? watch.id : null;
  if (label) name += ` ${JSON.stringify(label)}`;
  const target = isRecord(watch.target) ? watch.target : null;
  if (target && (typeof target.port === 'number' || typeof target.port === 'string')) {
    name += ` (${typeof target.host === 'string' ? `${target.host}:` : 'port '}${target.port})`;
  }
  return name;
}

function salvageWatches(raw: unknown, warnings: string[]): WatchSpec[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    warnings.push(`watches must be a list, not ${showValue(raw)}; no watches loaded`);
    return [];
  }
  const kept: WatchSpec[] = [];
  const ids = new Map<string, string>();
  let ignored = 0;
  raw.forEach((item, index) => {
    // Past the cap nothing is validated: a huge file costs one pass, not one parse per watch.
    if (kept.length >= MAX_WATCHES) {
      ignored += 1;
      return;
    }
    const name = watchName(item, index);
    const strict = watchSpecSchema.safeParse(item);
    let watch: WatchSpec;
    if (strict.success) {
      watch = strict.data;
    } else {
      // Unknown fields alone are not worth losing a watch for: strip them and say so.
      const onlyUnknownKeys = strict.error.issues.every(
        (issue) => issue.code === 'unrecognized_keys',
      );
      const lenient = onlyUnknownKeys ? lenientWatchSpecSchema.safeParse(item) : null;
      if (!lenient?.success) {
        warnings.push(`dropped watch ${name} (${describeIssues(strict.error)})`);
        return;
      }
      const fields = strict.error.issues.flatMap((issue) =>
        issue.code === 'unrecognized_keys'
          ? issue.keys.map((key) => [...issue.path, key].join('.'))
          : [],
      );
      warnings.push(
        `kept watch ${name} but ignored unknown field(s) ${fields.map((f) => JSON.stringify(f)).join(', ')}`,
      );
      watch = lenient.data;
    }
    const clash = ids.get(watch.id);
    if (clash !== undefined) {
      warnings.push(
        `dropped watch ${name} (id ${JSON.stringify(watch.id)} is already used by watch ${clash})`,
      );
      return;
    }
    ids.set(watch.id, name);
    kept.push(watch);
  });
  if (ignored > 0) {
    warnings.push(
      `kept the first ${MAX_WATCHES} watches and ignored the other ${ignored} (at most ${MAX_WATCHES} are allowed)`,
    );
  }
  return kept;
}

function salvagePreferences(raw: unknown, warnings: string[]): Preferences {
  const preferences = defaultSettings().preferences;
  if (raw === undefined) {
    warnings.push('preferences were missing; using defaults');
    return preferences;
  }
  if (!isRecord(raw)) {
    warnings.push(`preferences must be an object, not ${showValue(raw)}; using defaults`);
    return preferences;
  }
  for (const key of Object.keys(raw)) {
    if (!(key in preferenceFields))
      warnings.push(`ignored unknown preference ${JSON.stringify(key)}`);
  }
  const out: Record<string, unknown> = preferences as unknown as Record<string, unknown>;
  for (const [field, schema] of Object.entries(preferenceFields)) {
    const fallback = showValue(out[field]);
    if (raw[field] === undefined) {
      warnings.push(`preference ${field} was missing; using the default ${fallback}`);
      continue;
    }
    const parsed = schema.safeParse(raw[field]);
    if (parsed.success) out[field] = parsed.data;
    else if (field === 'protectedProcesses' && Array.isArray(raw[field]))
      out[field] = salvageProtected(raw[field] as unknown[], warnings);
    else
      warnings.push(
        `preference ${field} reset to the default ${fallback} (${describeIssues(parsed.error)})`,
      );
  }
  return preferences;
}

/** A hand-edited list keeps its valid names (up to the cap) rather than falling back to the defaults. */
function salvageProtected(raw: unknown[], warnings: string[]): string[] {
  const entry = preferenceFields.protectedProcesses.element;
  const valid = raw.filter((item): item is string => entry.safeParse(item).success);
  const kept = valid.slice(0, PROTECTED_LIMITS.maxCount);
  const invalid = raw.length - valid.length;
  if (invalid > 0)
    warnings.push(
      `dropped ${invalid} invalid protectedProcesses entr${invalid === 1 ? 'y' : 'ies'}`,
    );
  if (valid.length > kept.length)
    warnings.push(
      `kept the first ${kept.length} protectedProcesses and ignored the other ${valid.length - kept.length} (at most ${PROTECTED_LIMITS.maxCount} are allowed)`,
    );
  return kept;
}

function salvageAcknowledged(raw: unknown, warnings: string[]): string[] {
  if (raw === undefined) return [];
  const parsed = acknowledgedExposuresSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  if (!Array.isArray(raw)) {
    warnings.push(`acknowledgedExposures reset to none (${describeIssues(parsed.error)})`);
    return [];
  }
  const kept = raw.filter(
    (item): item is string => acknowledgedExposuresSchema.element.safeParse(item).success,
  );
  warnings.push(
    `dropped ${raw.length - kept.length} invalid acknowledgedExposures entr${raw.length - kept.length === 1 ? 'y' : 'ies'}`,
  );
  return kept;
}
