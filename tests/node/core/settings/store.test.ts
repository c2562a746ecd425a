// SettingsStore against a real temp directory: round trips, corrupt files kept, salvage, locking, atomic writes.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { InputError } from '../../../../src-main/core/errors.js';
import type { WatchSpec } from '../../../../src-main/domain/model.js';
import {
  SETTINGS_VERSION,
  SettingsLockedError,
  SettingsStore,
  defaultSettings,
  type Settings,
} from '../../../../src-main/core/settings/index.js';

const AT = Date.UTC(2026, 10, 29, 0, 21, 30, 456); // 2026-11-29T00:21:30.456Z
const clock = () => AT;
let dir: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'porthole-settings-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function watch(id: string, port: number, extra: Partial<WatchSpec> = {}): WatchSpec {
  return {
    id,
    target: { host: null, port },
    expect: null,
    intervalMs: 5000,
    failuresToDown: 2,
    successesToUp: 1,
    label: null,
    ...extra,
  };
}

function sample(): Settings {
  const settings = defaultSettings();
  settings.watches = [
    watch('api', 3000, { expect: 'node', label: 'API' }),
    watch('db', 5432, { target: { host: 'db.local', port: 5432 } }),
  ];
  settings.preferences.theme = 'dark';
  settings.acknowledgedExposures = ['tcp/0.0.0.0:8080/python3'];
  return settings;
}

async function writeRaw(content: string | object): Promise<string> {
  const text = typeof content === 'string' ? content : JSON.stringify(content);
  await fs.writeFile(path.join(dir, 'settings.json'), text);
  return text;
}

describe('SettingsStore load and save', () => {
  test('path is <dir>/settings.json', () => {
    expect(new SettingsStore({ dir }).path).toBe(path.join(dir, 'settings.json'));
  });

  test('round trip: what is saved loads back equal, as pretty JSON with a final newline', async () => {
    const store = new SettingsStore({ dir: path.join(dir, 'nested', 'config'), clock });
    await store.save(sample());
    const text = await fs.readFile(store.path, 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "watches": [');
    expect(JSON.parse(text)).toEqual(sample());
    const loaded = await store.load();
    expect(loaded).toEqual({ settings: sample(), warnings: [], movedAside: null });
  });

  test('missing file: defaults, no warning, nothing written', async () => {
    const store = new SettingsStore({ dir, clock });
    const loaded = await store.load();
    expect(loaded).toEqual({ settings: defaultSettings(), warnings: [], movedAside: null });
    expect(await fs.readdir(dir)).toEqual([]);
  });

  test('defaults match the documented values', () => {
    const defaults = defaultSettings();
    expect(defaults.version).toBe(SETTINGS_VERSION);
    expect(defaults.preferences).toMatchObject({
      refreshIntervalMs: 2000,
      notifyOnExposure: false,
      notificationCooldownMs: 60_000,
      startAtLogin: false,
      theme: 'system',
      historyLimit: 5000,
    });
    expect(defaults.preferences.protectedProcesses).toContain('sshd');
    expect(defaults.preferences.protectedProcesses).toContain('csrss.exe');
  });

  test('corrupt JSON: original bytes moved aside, defaults loaded, warning names the new path', async () => {
    const original = await writeRaw('{"version": 1, "watches": [ oops');
    const store = new SettingsStore({ dir, clock });
    const loaded = await store.load();
    const aside = path.join(dir, 'settings.corrupt-20261129T002130Z.json');
    expect(loaded.movedAside).toBe(aside);
    expect(await fs.readFile(aside, 'utf8')).toBe(original);
    await expect(fs.access(store.path)).rejects.toThrow();
    expect(loaded.settings).toEqual(defaultSettings());
    expect(loaded.warnings.join('\n')).toContain('not valid JSON');
    expect(loaded.warnings.join('\n')).toContain(aside);
  });

  test('a second corrupt file on the same second gets a counter, never replacing the first', async () => {
    const store = new SettingsStore({ dir, clock });
    await writeRaw('first garbage');
    const first = await store.load();
    await writeRaw('second garbage');
    const second = await store.load();
    expect(second.movedAside).toBe(path.join(dir, 'settings.corrupt-20261129T002130Z-1.json'));
    expect(await fs.readFile(first.movedAside!, 'utf8')).toBe('first garbage');
    expect(await fs.readFile(second.movedAside!, 'utf8')).toBe('second garbage');
  });

  test('a byte-order mark from a Windows editor is not corruption', async () => {
    await writeRaw(`\uFEFF${JSON.stringify(sample())}`);
    const loaded = await new SettingsStore({ dir, clock }).load();
    expect(loaded).toEqual({ settings: sample(), warnings: [], movedAside: null });
  });

  test('one bad watch among good ones: good kept, bad one named with its problem, file moved aside', async () => {
    const raw = sample();
    raw.watches.splice(1, 0, watch('broken', 70000));
    await writeRaw(raw);
    const loaded = await new SettingsStore({ dir, clock }).load();
    expect(loaded.settings.watches.map((w) => w.id)).toEqual(['api', 'db']);
    const dropped = loaded.warnings.find((w) => w.startsWith('dropped watch'));
    expect(dropped).toMatch(/#2 "broken"/);
    expect(dropped).toContain('port 70000 is out of range (1..65535)');
    expect(loaded.movedAside).not.toBeNull();
    expect(JSON.parse(await fs.readFile(loaded.movedAside!, 'utf8'))).toEqual(raw);
    expect(loaded.settings.preferences.theme).toBe('dark');
  });

  test('duplicate watch ids: the later one is dropped by name', async () => {
    const raw = sample();
    raw.watches.push(watch('api', 4000));
    await writeRaw(raw);
    const loaded = await new SettingsStore({ dir, clock }).load();
    expect(loaded.settings.watches).toHaveLength(2);
    expect(loaded.warnings.join('\n')).toMatch(/dropped watch #3 "api".*already used by watch #1/);
  });

  test('a watch with an unknown field is kept, the field named', async () => {
    const raw = sample() as unknown as { watches: Record<string, unknown>[] };
    raw.watches[0]!.colour = 'blue';
    await writeRaw(raw);
    const loaded = await new SettingsStore({ dir, clock }).load();
    expect(loaded.settings.watches.map((w) => w.id)).toEqual(['api', 'db']);
    expect(loaded.settings.watches[0]).not.toHaveProperty('colour');
    expect(loaded.warnings.join('\n')).toContain('"colour"');
  });

  test('a bad preference falls back to its default alone, named in the warning', async () => {
    const raw = sample() as unknown as { preferences: Record<string, unknown> };
    raw.preferences.refreshIntervalMs = 10;
    raw.preferences.theme = 'purple';
    await writeRaw(raw);
    const loaded = await new SettingsStore({ dir, clock }).load();
    expect(loaded.settings.preferences.refreshIntervalMs).toBe(2000);
    expect(loaded.settings.preferences.theme).toBe('system');
    expect(loaded.settings.preferences.historyLimit).toBe(5000);
    expect(loaded.settings.watches).toHaveLength(2);
    const text = loaded.warnings.join('\n');
    expect(text).toMatch(
      /preference refreshIntervalMs reset to the default 2000 \(.*10 is out of range/,
    );
    expect(text).toMatch(/preference theme reset to the default "system"/);
    expect(text).not.toContain('historyLimit');
  });

  test('settings that are not an object at all: moved aside, defaults, warning', async () => {
    await writeRaw('[1, 2, 3]');
    const loaded = await new SettingsStore({ dir, clock }).load();
    expect(loaded.settings).toEqual(defaultSettings());
    expect(loaded.movedAside).not.toBeNull();
    expect(loaded.warnings.join('\n')).toContain('must be an object');
  });

  test('an old version-0 file is migrated in memory, with a warning, and not rewritten', async () => {
    const original = await writeRaw({
      pollMs: 1000,
      watches: [
        { port: 3000, expect: 'node' },
        { port: 5432, host: 'db.local' },
      ],
    });
    const loaded = await new SettingsStore({ dir, clock }).load();
    expect(loaded.movedAside).toBeNull();
    expect(loaded.warnings).toEqual(['upgraded settings from version 0 to 1']);
    expect(loaded.settings.preferences.refreshIntervalMs).toBe(1000);
    expect(loaded.settings.watches).toEqual([
      watch('local:3000', 3000, { expect: 'node', intervalMs: 1000 }),
      watch('db.local:5432', 5432, { target: { host: 'db.local', port: 5432 }, intervalMs: 1000 }),
    ]);
    expect(await fs.readFile(path.join(dir, 'settings.json'), 'utf8')).toBe(original);
  });

  test('a file from a newer Porthole: moved aside, said so, compatible parts salvaged', async () => {
    const raw = { ...sample(), version: SETTINGS_VERSION + 1, cloudSync: true };
    const original = await writeRaw(raw);
    const loaded = await new SettingsStore({ dir, clock }).load();
    expect(loaded.movedAside).not.toBeNull();
    expect(await fs.readFile(loaded.movedAside!, 'utf8')).toBe(original);
    expect(loaded.warnings[0]).toContain('written by a newer Porthole');
    expect(loaded.warnings[0]).toContain(loaded.movedAside!);
    expect(loaded.settings.version).toBe(SETTINGS_VERSION);
    expect(loaded.settings.watches.map((w) => w.id)).toEqual(['api', 'db']);
  });

  test('save rejects an invalid watch with an InputError naming it, and writes nothing', async () => {
    const store = new SettingsStore({ dir, clock });
    const bad = sample();
    bad.watches[0] = watch('api', 0);
    const error = await store.save(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toContain('watches[0].target.port');
    const dupes = sample();
    dupes.watches[1]!.id = 'api';
    await expect(store.save(dupes)).rejects.toThrow(/already used/);
    const spaced = sample();
    spaced.watches[1]!.target.host = 'db local';
    await expect(store.save(spaced)).rejects.toThrow(InputError);
    expect(await fs.readdir(dir)).toEqual([]);
  });

  test('concurrent update() calls both land', async () => {
    const store = new SettingsStore({ dir, clock });
    const other = new SettingsStore({ dir, clock });
    await Promise.all([
      store.update((s) => ({ ...s, watches: [...s.watches, watch('a', 1001)] })),
      store.update((s) => ({ ...s, watches: [...s.watches, watch('b', 1002)] })),
      other.update((s) => ({ ...s, preferences: { ...s.preferences, startAtLogin: true } })),
      other.update((s) => ({ ...s, acknowledgedExposures: [...s.acknowledgedExposures, 'x'] })),
    ]);
    const { settings } = await store.load();
    expect(settings.watches.map((w) => w.id).sort()).toEqual(['a', 'b']);
    expect(settings.preferences.startAtLogin).toBe(true);
    expect(settings.acknowledgedExposures).toEqual(['x']);
  });

  test('a failed update leaves the file untouched and the next update still runs', async () => {
    const store = new SettingsStore({ dir, clock });
    await store.save(sample());
    await expect(store.update((s) => ({ ...s, watches: [watch('x', 99999)] }))).rejects.toThrow(
      InputError,
    );
    const next = await store.update((s) => ({ ...s, acknowledgedExposures: [] }));
    expect(next.watches).toHaveLength(2);
  });

  test('writes are atomic: valid JSON after many saves, no temp files left behind', async () => {
    const store = new SettingsStore({ dir, clock });
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.update((s) => ({ ...s, watches: [...s.watches, watch(`w${i}`, 2000 + i)] })),
      ),
    );
    expect(await fs.readdir(dir)).toEqual(['settings.json']);
    const parsed = JSON.parse(await fs.readFile(store.path, 'utf8')) as Settings;
    expect(parsed.watches).toHaveLength(20);
  });
});

describe('SettingsStore with an unreadable file', () => {
  const denied = () =>
    Promise.reject(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }));

  test('injected EACCES: warns, uses defaults, does not move the file, refuses to overwrite it', async () => {
    const original = await writeRaw(sample());
    const store = new SettingsStore({ dir, clock, readFile: denied });
    const loaded = await store.load();
    expect(loaded.settings).toEqual(defaultSettings());
    expect(loaded.movedAside).toBeNull();
    expect(loaded.warnings[0]).toContain('permission denied');
    expect(loaded.warnings[0]).toContain(store.path);
    await expect(store.save(defaultSettings())).rejects.toThrow(SettingsLockedError);
    await expect(store.update((s) => s)).rejects.toThrow(/would be overwritten/);
    expect(await fs.readFile(store.path, 'utf8')).toBe(original);
    expect(await fs.readdir(dir)).toEqual(['settings.json']);
  });

  test('save() without a load also refuses to replace an unreadable file', async () => {
    const original = await writeRaw(sample());
    const store = new SettingsStore({ dir, clock, readFile: denied });
    await expect(store.save(defaultSettings())).rejects.toThrow(SettingsLockedError);
    expect(await fs.readFile(store.path, 'utf8')).toBe(original);
  });

  test.skipIf(process.getuid?.() === 0)(
    'real chmod 000 file (skipped as root, where permissions do not bite)',
    async () => {
      const original = await writeRaw(sample());
      const file = path.join(dir, 'settings.json');
      await fs.chmod(file, 0o000);
      try {
        const store = new SettingsStore({ dir, clock });
        const loaded = await store.load();
        expect(loaded.settings).toEqual(defaultSettings());
        expect(loaded.warnings[0]).toContain('permission denied');
        await expect(store.save(sample())).rejects.toThrow(SettingsLockedError);
      } finally {
        await fs.chmod(file, 0o600);
      }
      expect(await fs.readFile(file, 'utf8')).toBe(original);
    },
  );
});

describe('SettingsStore.loadOrDefaults', () => {
  test('a load that throws still gives defaults and says why', async () => {
    // load() answers every file problem itself; this is the net under a failure it did not foresee.
    class BrokenStore extends SettingsStore {
      override load(): Promise<never> {
        return Promise.reject(new Error('disk on fire'));
      }
    }
    const loaded = await new BrokenStore({ dir, clock }).loadOrDefaults();
    expect(loaded).toEqual({
      settings: defaultSettings(),
      warnings: ['could not load settings (disk on fire); using defaults'],
      movedAside: null,
    });
  });

  test('a readable file loads exactly as load() does', async () => {
    await writeRaw(sample());
    const store = new SettingsStore({ dir, clock });
    expect(await store.loadOrDefaults()).toEqual(await store.load());
  });
});
