// Reads settings.json and judges it (missing, unreadable, valid or invalid) without changing anything.
import { describeError } from '../errors.js';
import type { CheckedCache } from './checked-cache.js';
import { migrateSettings, newerVersionOf } from './migrate.js';
import { MAX_WATCHES, SETTINGS_VERSION, defaultSettings, type Settings } from './settings-model.js';

/** `data` of a file that is not JSON at all: nothing in it to salvage. */
export const NOTHING_TO_SALVAGE = Symbol('nothing');

export interface InvalidFile {
  kind: 'invalid';
  data: unknown;
  headline: string;
  earlier: string[];
  /** The file as read, so a second look under the lock can tell whether it changed. */
  text: string;
  /** Over the watch cap: once the original is aside, the salvaged first MAX_WATCHES replace it. */
  overCap: boolean;
  /** What salvage keeps of `data` (defaults when it was not JSON), and what it had to drop. */
  salvaged: { settings: Settings; warnings: string[] };
}

export type Judgement =
  | { kind: 'missing' }
  | { kind: 'unreadable'; reason: string }
  | { kind: 'valid'; settings: Settings; warnings: string[] }
  | InvalidFile;

/** What peek() found: settings to adopt, or null when the file cannot be used as it is. */
export interface PeekResult {
  settings: Settings | null;
  warnings: string[];
}

function watchCount(data: unknown): number {
  const watches = (data as { watches?: unknown } | null)?.watches;
  return Array.isArray(watches) ? watches.length : 0;
}

export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * `checked`: where this build records texts it validated (checked-cache.ts); a text found there is
 * valid without loading the schema.
 */
export async function judgeSettingsFile(
  file: string,
  readFile: (file: string) => Promise<string>,
  checked: CheckedCache | null = null,
): Promise<Judgement> {
  let text: string;
  try {
    text = await readFile(file);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT') return { kind: 'missing' };
    const reason =
      code === 'EACCES' || code === 'EPERM' ? 'permission denied' : describeError(error);
    return { kind: 'unreadable', reason };
  }

  const known = await checked?.lookup(text);
  if (known) return { kind: 'valid', ...known };

  // Salvage and the schema (zod) load only for a file that needs them.
  const invalid = async (
    data: unknown,
    headline: string,
    earlier: string[] = [],
    overCap = false,
  ): Promise<InvalidFile> => {
    const salvaged =
      data === NOTHING_TO_SALVAGE
        ? { settings: defaultSettings(), warnings: [] }
        : (await import('./salvage.js')).salvageSettings(data);
    return { kind: 'invalid', data, headline, earlier, text, overCap, salvaged };
  };
  let raw: unknown;
  try {
    // Editors on Windows may save a byte-order mark, which JSON.parse rejects.
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return invalid(NOTHING_TO_SALVAGE, `${file} is not valid JSON (${describeError(error)})`);
  }
  const newer = newerVersionOf(raw);
  if (newer !== null) {
    return invalid(
      raw,
      `${file} was written by a newer Porthole (settings version ${newer}; this one understands ${SETTINGS_VERSION})`,
    );
  }
  const migrated = migrateSettings(raw);
  const count = watchCount(migrated.data);
  if (count > MAX_WATCHES) {
    // Not validated here: salvage reads only the first MAX_WATCHES, so a huge file is parsed once.
    const headline = `${file} has ${count} watches, more than the ${MAX_WATCHES} Porthole keeps`;
    return invalid(migrated.data, headline, migrated.warnings, true);
  }
  const { settingsSchema } = await import('./schema.js');
  const parsed = settingsSchema.safeParse(migrated.data);
  if (parsed.success) {
    const valid = { settings: parsed.data, warnings: migrated.warnings };
    await checked?.remember(text, valid);
    return { kind: 'valid', ...valid };
  }
  return invalid(migrated.data, `${file} has invalid settings`, migrated.warnings);
}

/** A missing or broken file yields no settings: the caller keeps the ones it has. */
export function peekOf(judged: Judgement, file: string): PeekResult {
  switch (judged.kind) {
    case 'missing':
      return { settings: null, warnings: [] };
    case 'unreadable':
      return {
        settings: null,
        warnings: [`could not read ${file} (${judged.reason}); keeping the settings in use`],
      };
    case 'valid':
      return { settings: judged.settings, warnings: judged.warnings };
    case 'invalid': {
      const problems = judged.salvaged.warnings;
      const detail = problems.length > 0 ? ` (${problems.join('; ')})` : '';
      return {
        settings: null,
        warnings: [`${judged.headline}${detail}; keeping the settings in use`],
      };
    }
  }
}
