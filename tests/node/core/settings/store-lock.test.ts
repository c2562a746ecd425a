// SettingsStore's cross-process lock: dead holders taken over, live ones waited for (bounded), broken files left alone.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { WatchSpec } from '../../../../src-main/domain/model.js';
import { createWatchSpec } from '../../../../src-main/core/watches/watch-spec.js';
import {
  SettingsBusyError,
  SettingsLockedError,
  SettingsStore,
  defaultSettings,
  type Settings,
} from '../../../../src-main/core/settings/index.js';

let dir: string;
let file: string;
const releases: (() => Promise<void>)[] = [];

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'porthole-settings-lock-'));
  file = path.join(dir, 'settings.json');
});
afterEach(async () => {
  for (const release of releases.splice(0)) await release().catch(() => undefined);
  await fs.rm(dir, { recursive: true, force: true });
});

const watch = (port: number): WatchSpec => createWatchSpec({ target: String(port) });

const adding =
  (port: number) =>
  (settings: Settings): Settings => ({ ...settings, watches: [...settings.watches, watch(port)] });

/** Takes the lock the way another Porthole process would, and keeps it fresh until released. */
async function holdLock(): Promise<void> {
  releases.push(await lockfile.lock(file, { realpath: false, stale: 5_000, update: 1_000 }));
}

describe('SettingsStore lock', () => {
  test('a lock left by a killed process is taken over once stale, and the save lands', async () => {
    const child = spawn(
      process.execPath,
      [
        '-e',
        `require('proper-lockfile').lock(${JSON.stringify(file)}, { realpath: false })
           .then(() => process.kill(process.pid, 'SIGKILL'))`,
      ],
      { cwd: process.cwd(), stdio: 'ignore' },
    );
    const [, signal] = (await once(child, 'exit')) as [number | null, string | null];
    expect(signal).toBe('SIGKILL');
    expect(existsSync(`${file}.lock`)).toBe(true); // no exit handler ran: the lock is orphaned

    const store = new SettingsStore({ dir, lock: { staleMs: 2_000, waitMs: 6_000 } });
    const saved = await store.update(adding(3000));
    expect(saved.watches.map((w) => w.id)).toEqual(['local:3000']);
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  test('a lock held past the wait: the save fails with a clear error and the file is untouched', async () => {
    const store = new SettingsStore({ dir, lock: { waitMs: 400 } });
    await store.update(adding(3000));
    const before = await fs.readFile(file, 'utf8');
    await holdLock();

    const started = Date.now();
    const failed = store.update(adding(3001));
    await expect(failed).rejects.toThrow(SettingsBusyError);
    await expect(failed).rejects.toThrow(
      /another Porthole process has held .*settings\.json\.lock/,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(await fs.readFile(file, 'utf8')).toBe(before);
    await expect(store.save((await store.load()).settings)).rejects.toThrow(SettingsBusyError);
  });

  test('a lock released within the wait: the save waits its turn and keeps the holder’s change', async () => {
    const store = new SettingsStore({ dir, lock: { waitMs: 5_000 } });
    await holdLock();
    const waiting = store.update(adding(3001));
    // The holder writes while it has the lock, then lets go.
    await fs.writeFile(file, JSON.stringify({ ...defaultSettings(), watches: [watch(3000)] }));
    await releases.pop()!();
    const saved = await waiting;
    expect(saved.watches.map((w) => w.id)).toEqual(['local:3000', 'local:3001']);
  });

  test('the config directory is created before the first lock', async () => {
    const nested = path.join(dir, 'a', 'b');
    const saved = await new SettingsStore({ dir: nested }).update(adding(3000));
    expect(saved.watches).toHaveLength(1);
    expect(await fs.readdir(nested)).toEqual(['settings.json']); // no lock folder, no temp file left
  });

  test('a broken file is not moved aside while another process holds the lock, nor overwritten', async () => {
    await fs.writeFile(file, '{ broken');
    await holdLock();
    const store = new SettingsStore({ dir, lock: { waitMs: 300 } });
    const loaded = await store.load();
    expect(loaded.movedAside).toBeNull();
    expect(loaded.warnings.join('\n')).toMatch(
      /could not move it aside \(another Porthole process/,
    );
    expect(await fs.readFile(file, 'utf8')).toBe('{ broken');
    await releases.pop()!();
    // Saving what was salvaged would replace the unread original: refused until a load moves it aside.
    await expect(store.save(loaded.settings)).rejects.toThrow(SettingsLockedError);
    expect((await store.load()).movedAside).not.toBeNull();
  });

  test('many stores in parallel (as many processes would): every change lands, nothing left behind', async () => {
    const stores = Array.from({ length: 12 }, () => new SettingsStore({ dir: `${dir}/./` }));
    await Promise.all(stores.map((store, i) => store.update(adding(4000 + i))));
    const saved = JSON.parse(await fs.readFile(file, 'utf8')) as Settings;
    expect(saved.watches).toHaveLength(12);
    expect(await fs.readdir(dir)).toEqual(['settings.json']);
  });
});

describe('SettingsStore.peek', () => {
  test('reads a valid file; a missing or broken one gives no settings, and nothing is moved', async () => {
    const store = new SettingsStore({ dir });
    expect(await store.peek()).toEqual({ settings: null, warnings: [] });

    await store.update(adding(3000));
    expect((await store.peek()).settings?.watches.map((w) => w.id)).toEqual(['local:3000']);

    await fs.writeFile(file, JSON.stringify({ version: 1, watches: 'nope' }));
    const broken = await store.peek();
    expect(broken.settings).toBeNull();
    expect(broken.warnings.join('\n')).toMatch(
      /has invalid settings .*keeping the settings in use/,
    );
    expect(await fs.readdir(dir)).toEqual(['settings.json']);
  });
});
