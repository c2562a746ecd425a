// Reads and writes settings.json: atomic, locked saves, and no silent loss of a user's file.
import { serializeByPath } from '../platform/path-queue.js';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { configDir } from '../platform/config-dir.js';
import { InputError, describeError } from '../errors.js';
import { systemClock, type Clock } from '../../domain/model.js';
import {
  NOTHING_TO_SALVAGE,
  errorCode,
  judgeSettingsFile,
  peekOf,
  type InvalidFile,
  type PeekResult,
} from './read-settings.js';
import { CheckedCache } from './checked-cache.js';
import { defaultSettings, type Settings } from './settings-model.js';
import { LOCK_TIMING, withSettingsLock, type LockTiming } from './settings-lock.js';

export type { PeekResult } from './read-settings.js';

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
  /** How long a save waits for another process's lock, and when a lock counts as abandoned. */
  lock?: Partial<LockTiming>;
  /**
   * The build whose validations are recorded beside the file (checked-cache.ts); null records
   * nothing. Defaults to the CLI bundle's build id (null outside the bundle).
   */
  checkedBuild?: string | null;
}

/** save() refused because it would overwrite a settings file Porthole could not read or preserve. */
export class SettingsLockedError extends Error {
  override readonly name = 'SettingsLockedError';
}

/** `20261129T002130Z`: sortable and safe in file names on every platform. */
export function fileStamp(ms: number): string {
  const date = new Date(Number.isFinite(ms) ? ms : Date.now());
  return date
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/[-:]/g, '');
}

export class SettingsStore {
  readonly path: string;
  /** The result of the last load (also the one inside update()), so its warnings are never lost. */
  lastLoad: LoadResult | null = null;
  private readonly dir: string;
  private readonly clock: Clock;
  private readonly readFile: (file: string) => Promise<string>;
  private readonly lockTiming: LockTiming;
  private readonly checked: CheckedCache | null;
  /** Why save() must not write: the file on disk holds settings we could not read or move aside. */
  private locked: string | null = null;

  constructor(options: SettingsStoreOptions = {}) {
    // Absolute, so two spellings of one directory share the in-process queue.
    this.dir = path.resolve(options.dir ?? configDir());
    this.path = path.join(this.dir, 'settings.json');
    this.clock = options.clock ?? systemClock;
    this.readFile = options.readFile ?? ((file) => fs.readFile(file, 'utf8'));
    this.lockTiming = { ...LOCK_TIMING, ...options.lock };
    this.checked = CheckedCache.beside(this.path, options.checkedBuild, this.readFile);
  }

  /** Reads without locking; only a file that must be moved aside takes the lock. */
  load(): Promise<LoadResult> {
    return serializeByPath(this.path, () => this.loadNow(false));
  }

  /**
   * What the file holds now, changing nothing: a running app re-reads the file another process
   * saved, and keeps its settings when the file is missing or broken (the next save deals with it).
   */
  peek(): Promise<PeekResult> {
    return serializeByPath(this.path, async () =>
      peekOf(await judgeSettingsFile(this.path, this.readFile, this.checked), this.path),
    );
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
    return serializeByPath(this.path, () => this.locking(() => this.saveNow(settings)));
  }

  /**
   * Read, change, write while holding the cross-process lock: the file is re-read under the lock,
   * so a watch the CLI saved a moment ago is in `settings` and survives this write.
   */
  update(mutate: (settings: Settings) => Settings): Promise<Settings> {
    return serializeByPath(this.path, () =>
      this.locking(async () => {
        const { settings } = await this.loadNow(true);
        const next = mutate(settings);
        await this.saveNow(next);
        return next;
      }),
    );
  }

  private locking<T>(task: () => Promise<T>): Promise<T> {
    return withSettingsLock(this.path, this.lockTiming, task);
  }

  /** `held`: this process holds the lock already (inside update), so moving aside may go ahead. */
  private async loadNow(held: boolean): Promise<LoadResult> {
    this.locked = null;
    const judged = await judgeSettingsFile(this.path, this.readFile, this.checked);
    let result: LoadResult;
    switch (judged.kind) {
      case 'missing':
        result = { settings: defaultSettings(), warnings: [], movedAside: null };
        break;
      case 'unreadable':
        this.locked = `not saving settings: ${this.path} could not be read (${judged.reason}) and would be overwritten; fix its permissions or move it away, then reload`;
        result = {
          settings: defaultSettings(),
          warnings: [
            `could not read ${this.path} (${judged.reason}); using default settings, and Porthole will not overwrite that file until it can read it`,
          ],
          movedAside: null,
        };
        break;
      case 'valid':
        result = { settings: judged.settings, warnings: judged.warnings, movedAside: null };
        break;
      case 'invalid':
        // Moving aside is a write: under the lock, judged again, since another process may have
        // fixed or replaced the file meanwhile.
        result = held ? await this.moveAside(judged) : await this.moveAsideLocked(judged);
    }
    this.lastLoad = result;
    return result;
  }

  private async moveAsideLocked(judged: InvalidFile): Promise<LoadResult> {
    try {
      return await this.locking(async () => {
        // Unchanged since judged: no second parse (a 50 MB file costs seconds per parse).
        const now = await this.readFile(this.path).catch(() => null);
        return now === judged.text ? this.moveAside(judged) : this.loadNow(true);
      });
    } catch (error) {
      return this.keptInPlace(judged, error);
    }
  }

  /**
   * Keeps the user's file under another name, then loads what can be salvaged from its data. A file
   * only over the watch cap is replaced by its first MAX_WATCHES, so every later load agrees.
   */
  private async moveAside(judged: InvalidFile): Promise<LoadResult> {
    let result: LoadResult;
    try {
      const movedAside = await this.renameAside();
      result = this.salvaged(judged, `moved the original to ${movedAside}`, movedAside);
    } catch (error) {
      return this.keptInPlace(judged, error);
    }
    if (judged.overCap) {
      try {
        await this.saveNow(result.settings);
      } catch (error) {
        result.warnings.push(
          `could not save the kept watches to ${this.path} (${describeError(error)}); they are in use until Porthole stops`,
        );
      }
    }
    return result;
  }

  /** The file could not be moved aside (or locked to do so): salvage, and refuse to overwrite it. */
  private keptInPlace(judged: InvalidFile, error: unknown): LoadResult {
    this.locked = `not saving settings: ${this.path} could not be moved aside (${describeError(error)}) and would be overwritten`;
    return this.salvaged(
      judged,
      `could not move it aside (${describeError(error)}), so Porthole will not overwrite it`,
      null,
    );
  }

  private salvaged(
    { data, headline, earlier, salvaged }: InvalidFile,
    fate: string,
    movedAside: string | null,
  ): LoadResult {
    const kept =
      data === NOTHING_TO_SALVAGE ? 'using default settings' : 'loaded what could be salvaged';
    return {
      settings: salvaged.settings,
      warnings: [...earlier, `${headline}; ${fate}; ${kept}`, ...salvaged.warnings],
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
    const { describeIssues, settingsSchema } = await import('./schema.js');
    const parsed = settingsSchema.safeParse(settings);
    if (!parsed.success)
      throw new InputError(`settings not saved: ${describeIssues(parsed.error, true)}`);
    if (this.locked) throw new SettingsLockedError(this.locked);
    await this.refuseUnreadable();
    await fs.mkdir(this.dir, { recursive: true });
    // Loaded on the first write: commands that only read never pay for it.
    const { default: writeFileAtomic } = await import('write-file-atomic');
    const text = `${JSON.stringify(parsed.data, null, 2)}\n`;
    await writeFileAtomic(this.path, text);
    await this.checked?.remember(text, { settings: parsed.data, warnings: [] });
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
