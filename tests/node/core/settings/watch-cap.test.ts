// The watch cap: saving past it is refused by name; a file past it loads the first MAX_WATCHES and is kept whole aside.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { InputError } from '../../../../src-main/core/errors.js';
import type { WatchSpec } from '../../../../src-main/domain/model.js';
import { createWatchSpec } from '../../../../src-main/core/watches/watch-spec.js';
import {
  MAX_WATCHES,
  SettingsStore,
  defaultSettings,
  type Settings,
} from '../../../../src-main/core/settings/index.js';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'porthole-watch-cap-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function watches(count: number): WatchSpec[] {
  return Array.from({ length: count }, (_, i) =>
    createWatchSpec({ id: `w${i}`, target: `h.local:${1 + i}` }),
  );
}

function withWatches(count: number): Settings {
  return { ...defaultSettings(), watches: watches(count) };
}

describe('watch cap', () => {
  test(`${MAX_WATCHES} watches save; one more is refused with the count, and the file keeps ${MAX_WATCHES}`, async () => {
    const store = new SettingsStore({ dir });
    await store.save(withWatches(MAX_WATCHES));
    const adding = store.update((s) => ({ ...s, watches: [...s.watches, ...watches(1)] }));
    await expect(adding).rejects.toThrow(InputError);
    await expect(adding).rejects.toThrow(
      `too many watches (${MAX_WATCHES + 1}; at most ${MAX_WATCHES}): remove some before adding more`,
    );
    const onDisk = JSON.parse(await fs.readFile(store.path, 'utf8')) as Settings;
    expect(onDisk.watches).toHaveLength(MAX_WATCHES);
  });

  test('a file over the cap loads the first ones, says how many were ignored, and keeps the original aside', async () => {
    const store = new SettingsStore({ dir });
    const original = JSON.stringify(withWatches(MAX_WATCHES + 123));
    await fs.writeFile(store.path, original);

    const loaded = await store.load();
    expect(loaded.settings.watches).toEqual(watches(MAX_WATCHES));
    const text = loaded.warnings.join('\n');
    expect(text).toContain(`has ${MAX_WATCHES + 123} watches, more than the ${MAX_WATCHES}`);
    expect(text).toContain(`kept the first ${MAX_WATCHES} watches and ignored the other 123`);
    expect(loaded.movedAside).not.toBeNull();
    expect(text).toContain(loaded.movedAside!);
    expect(await fs.readFile(loaded.movedAside!, 'utf8')).toBe(original);

    // The first ones replace the file (the original is kept aside), so every later load agrees.
    const again = await new SettingsStore({ dir }).load();
    expect(again).toEqual({ settings: loaded.settings, warnings: [], movedAside: null });
    expect((await fs.readdir(dir)).sort()).toEqual(
      [path.basename(loaded.movedAside!), 'settings.json'].sort(),
    );
  });
});
