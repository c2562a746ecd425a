// Reads and writes settings.json: atomic saves, serialized updates, and no silent loss of a user's file.
import { serializeByPath } from '../path-queue.js';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { configDir } from '../config-dir.js';
import { InputError, describeError } from '../errors.js';
import { systemClock, type Clock } from '../model.js';
import { migrateSettings, newerVersionOf } from './migrate.js';
import { salvageSettings } from './salvage.js';
import {
  SETTINGS_VERSION,
  defaultSettings,
  describeIssues,
  settingsSchema,
  type Settings,
} from './schema.js';

export interface LoadResult {
  settings: Settings;
  /** Plain-words problems met while loading; empty when the file was fine or missing. */
  warnings: string[];
  /** Where an unusable settings file was moved to, or null. */
  movedAside: string | null;
}

export interface SettingsStoreOptions {
  /** Directory holding settings.json; defaults to configDir(). */
  dir?: string;
  /** Stamps the name of a moved-aside file. */
  clock?: Clock;
  /** How the file is read; a test seam, since permission errors cannot be provoked as root. */
  readFile?: (file: string) => Promise<string>;
}

/** save() refused because it would overwrite a settings file Porthole could not read or preserve. */
export class SettingsLockedError extends Error {
  override readonly name = 'SettingsLockedError';
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** `20261129T002130Z`: sortable and safe in file names on every platform. */
export function fileStamp(ms: number): string {
  const date = new Date(Number.isFinite(ms) ? ms : Date.now());
  return date
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/[-:]/g, '');
}

const NOTHING_TO_SALVAGE = Symbol('nothing');

export class SettingsStore {
  readonly path: string;
  /** The result of the last load (also the one inside update()), so its warnings are never lost. */
  lastLoad: LoadResult | null = null;
  private readonly dir: string;
  private readonly clock: Clock;
  private readonly readFile: (file: string) => Promise<string>;
  /** Why save() must not write: the file on disk holds settings we could not read or move aside. */
  private locked: string | null = null;

  constructor(options: SettingsStoreOptions = {}) {
    // Absolute, so two spellings of one directory share the in-process queue.
    this.dir = path.resolve(options.dir ?? configDir());
    this.path = path.join(this.dir, 'settings.json');
    this.clock = options.clock ?? systemClock;
    this.readFile = options.readFile ?? ((file) => fs.readFile(file, 'utf8'));
  }

  load(): Promise<LoadResult> {
    return serializeByPath(this.path, () => this.loadNow());
  }

  /**
   * load() that never fails: settings never stop a program from starting. When even salvage
   * cannot read the file (an unreadable directory...), defaults come back with a warning saying so.
   */
  async loadOrDefaults(): Promise<LoadResult> {
    try {
      return await this.load();
    } catch (error) {
      return {
        settings: defaultSettings(),
        warnings: [`could not load settings (${describeError(error)}); using defaults`],
        movedAside: null,
      };
    }
  }

  save(settings: Settings): Promise<void> {
    return serializeByPath(this.path, () => this.saveNow(settings));
  }

  update(mutate: (settings: Settings) => Settings): Promise<Settings> {
    return serializeByPath(this.path, async () => {
      const { settings } = await this.loadNow();
      const next = mutate(settings);
      await this.saveNow(next);
      return next;
    });
  }

  private async loadNow(): Promise<LoadResult> {
    const result = await this.readAndValidate();
    this.lastLoad = result;
    return result;
  }

  private async readAndValidate(): Promise<LoadResult> {
    this.locked = null;
    let text: string;
    try {
      text = await this.readFile(this.path);
    } catch (error) {
      const code = errorCode(error);
      if (code === 'ENOENT') return { settings: defaultSettings(), warnings: [], movedAside: null };
      const reason =
        code === 'EACCES' || code === 'EPERM' ? 'permission denied' : describeError(error);
      this.locked = `not saving settings: ${this.path} could not be read (${reason}) and would be overwritten; fix its permissions or move it away, then reload`;
      return {
        settings: defaultSettings(),
        warnings: [
          `could not read ${this.path} (${reason}); using default settings, and Porthole will not overwrite that file until it can read it`,
        ],
        movedAside: null,
      };
    }

    let raw: unknown;
    try {
      // Editors on Windows may save a byte-order mark, which JSON.parse rejects.
      raw = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (error) {
      return this.moveAside(
        NOTHING_TO_SALVAGE,
        `${this.path} is not valid JSON (${describeError(error)})`,
      );
    }
    const newer = newerVersionOf(raw);
    if (newer !== null) {
      return this.moveAside(
        raw,
        `${this.path} was written by a newer Porthole (settings version ${newer}; this one understands ${SETTINGS_VERSION})`,
      );
    }
    const migrated = migrateSettings(raw);
    const parsed = settingsSchema.safeParse(migrated.data);
    if (parsed.success)
      return { settings: parsed.data, warnings: migrated.warnings, movedAside: null };
    return this.moveAside(migrated.data, `${this.path} has invalid settings`, migrated.warnings);
  }

  /** Keeps the user's file under another name, then loads what can be salvaged from `data`. */
  private async moveAside(
    data: unknown,
    headline: string,
    earlier: string[] = [],
  ): Promise<LoadResult> {
    const salvaged =
      data === NOTHING_TO_SALVAGE
        ? { settings: defaultSettings(), warnings: [] }
        : salvageSettings(data);
    let movedAside: string | null = null;
    let summary = headline;
    try {
      movedAside = await this.renameAside();
      summary += `; moved the original to ${movedAside}`;
    } catch (error) {
      this.locked = `not saving settings: ${this.path} could not be moved aside (${describeError(error)}) and would be overwritten`;
      summary += `; could not move it aside (${describeError(error)}), so Porthole will not overwrite it`;
    }
    summary +=
      data === NOTHING_TO_SALVAGE ? '; using default settings' : '; loaded what could be salvaged';
    return {
      settings: salvaged.settings,
      warnings: [...earlier, summary, ...salvaged.warnings],
      movedAside,
    };
  }

  private async renameAside(): Promise<string> {
    const stamp = fileStamp(this.clock());
    for (let n = 0; n < 1000; n += 1) {
      const target = path.join(this.dir, `settings.corrupt-${stamp}${n === 0 ? '' : `-${n}`}.json`);
      try {
        await fs.lstat(target);
        continue; // taken: never replace an earlier moved-aside file
      } catch (error) {
        if (errorCode(error) !== 'ENOENT') throw error;
      }
      await fs.rename(this.path, target);
      return target;
    }
    throw new Error(`too many settings.corrupt-${stamp}-*.json files in ${this.dir}`);
  }

  private async saveNow(settings: Settings): Promise<void> {
    const parsed = settingsSchema.safeParse(settings);
    if (!parsed.success)
      throw new InputError(`settings not saved: ${describeIssues(parsed.error, true)}`);
    if (this.locked) throw new SettingsLockedError(this.locked);
    await this.refuseUnreadable();
    await fs.mkdir(this.dir, { recursive: true });
    await writeFileAtomic(this.path, `${JSON.stringify(parsed.data, null, 2)}\n`);
  }

  /** Also checked when save() runs without a load first: an unreadable file is never replaced blind. */
  private async refuseUnreadable(): Promise<void> {
    try {
      await this.readFile(this.path);
    } catch (error) {
      const code = errorCode(error);
      if (code === 'EACCES' || code === 'EPERM') {
        throw new SettingsLockedError(
          `not saving settings: ${this.path} cannot be read (permission denied) and would be overwritten; fix its permissions or move it away`,
        );
      }
    }
  }
}
