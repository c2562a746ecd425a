// settings.json as it was last validated, so that a one-shot command finding the very same text
// (`porthole list`, `who`, bare `porthole`) takes the result without loading zod: validating costs
// more than the rest of reading settings, and these commands are judged by how fast they start.
// Like tsc's .tsbuildinfo, the record belongs to one build: any other build validates again.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Settings } from './settings-model.js';

declare const __PORTHOLE_BUILD_ID__: string | undefined;

/**
 * The CLI bundle's build (a hash of the sources, set by rolldown.cli.config.ts); null anywhere else
 * (the app, tests over tsc's output), where nothing is recorded and every read validates.
 */
export const BUILD_ID: string | null =
  typeof __PORTHOLE_BUILD_ID__ === 'string' ? __PORTHOLE_BUILD_ID__ : null;

/** Beside settings.json, so it follows PORTHOLE_CONFIG_DIR. */
export const CHECKED_FILE_NAME = '.settings-checked.json';

/** What one validation of settings.json gave: the settings and the migration's warnings. */
export interface CheckedSettings {
  settings: Settings;
  warnings: string[];
}

interface CheckedRecord extends CheckedSettings {
  build: string;
  /** The whole text validated: compared as it is, so no edit, however small, is taken on trust. */
  text: string;
}

function isRecord(value: unknown): value is CheckedRecord {
  const r = value as Partial<CheckedRecord> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.build === 'string' &&
    typeof r.text === 'string' &&
    typeof r.settings === 'object' &&
    r.settings !== null &&
    Array.isArray(r.warnings)
  );
}

/** How the record is read: the settings store's own reader (the CLI reads synchronously). */
export type ReadText = (file: string) => Promise<string>;

export class CheckedCache {
  constructor(
    readonly file: string,
    private readonly build: string,
    private readonly readFile: ReadText = (file) => fs.readFile(file, 'utf8'),
  ) {}

  /** The cache beside `settingsFile` for this build; null when this is no CLI bundle. */
  static beside(
    settingsFile: string,
    build: string | null = BUILD_ID,
    readFile?: ReadText,
  ): CheckedCache | null {
    return build === null
      ? null
      : new CheckedCache(path.join(path.dirname(settingsFile), CHECKED_FILE_NAME), build, readFile);
  }

  /**
   * The result validating `text` gave, when this build validated exactly that text last. Anything
   * else (no record, another build, another text, a damaged record) is null: validate again.
   */
  async lookup(text: string): Promise<CheckedSettings | null> {
    let record: unknown;
    try {
      record = JSON.parse(await this.readFile(this.file));
    } catch {
      return null;
    }
    if (!isRecord(record) || record.build !== this.build || record.text !== text) return null;
    return { settings: record.settings, warnings: record.warnings.map(String) };
  }

  /**
   * Records a validation. Best effort and not atomic on purpose: a record torn by a concurrent write
   * fails to parse or to match, which only means validating once more; a failed write is ignored.
   */
  async remember(text: string, checked: CheckedSettings): Promise<void> {
    const record: CheckedRecord = { build: this.build, text, ...checked };
    await fs.writeFile(this.file, JSON.stringify(record), { mode: 0o600 }).catch(() => undefined);
  }
}
