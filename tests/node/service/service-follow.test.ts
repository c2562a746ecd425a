// The service follows settings.json: what other processes save reaches the monitor and the window; broken files do not.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import {
  MAX_WATCHES,
  SettingsStore,
  defaultSettings,
} from '../../../src-main/core/settings/index.js';
import { createWatchSpec } from '../../../src-main/core/watches/watch-spec.js';
import type { PortholeEvent } from '../../../src-main/shared/contract.js';
import { cleanupConfigDirs, runCli } from '../cli/run-cli.js';
import { cleanUp, codeOf, startService } from './service-fixture.js';

afterEach(cleanUp);
afterAll(cleanupConfigDirs);

type Of<T extends PortholeEvent['type']> = Extract<PortholeEvent, { type: T }>;
const watchesWith =
  (ids: string[]) =>
  (e: PortholeEvent): e is Of<'watches'> =>
    e.type === 'watches' &&
    JSON.stringify(e.watches.map((w) => w.spec.id).sort()) === JSON.stringify([...ids].sort());

describe('following settings.json', () => {
  test('a watch saved by a CLI process shows up in the monitor and reaches the window', async () => {
    const started = await startService({ start: false });
    const { service, dir } = started;
    const { code, stdout } = await runCli(['watch', '127.0.0.1:1', '--save', '--once'], dir);
    expect(stdout).toContain('Saved watch 127.0.0.1:1 to settings.');
    expect(code).toBe(1);

    await started.waitFor(watchesWith(['127.0.0.1:1']), 10_000);
    expect(service.monitor.watchSpecs().map((w) => w.id)).toEqual(['127.0.0.1:1']);
    expect(service.state().watches.map((w) => w.spec.id)).toEqual(['127.0.0.1:1']);
  }, 30_000);

  test('removed elsewhere, gone here; changed preferences are announced and applied', async () => {
    const started = await startService({ start: false });
    const { service, dir, events } = started;
    await service.handle('porthole:watches:add', { target: '127.0.0.1:1' });
    await service.handle('porthole:watches:add', { target: '127.0.0.1:2' });

    const other = new SettingsStore({ dir });
    await other.update((s) => ({
      ...s,
      watches: s.watches.filter((w) => w.id !== '127.0.0.1:1'),
      preferences: { ...s.preferences, refreshIntervalMs: 7_000 },
    }));
    await started.waitFor(watchesWith(['127.0.0.1:2']));
    const preferences = await started.waitFor(
      (e): e is Of<'preferences'> => e.type === 'preferences',
    );
    expect(preferences.preferences.refreshIntervalMs).toBe(7_000);
    expect(service.preferences().refreshIntervalMs).toBe(7_000);
    expect(service.monitor.watchSpecs().map((w) => w.id)).toEqual(['127.0.0.1:2']);
    expect(events.filter((e) => e.type === 'state')).toEqual([]);
  });

  test('its own saves read back equal: one watches event per add, no reload echo', async () => {
    const started = await startService({ start: false });
    const { service, events } = started;
    await service.handle('porthole:watches:add', { target: '127.0.0.1:1' });
    await sleep(800); // several debounce periods: any echo would have arrived
    expect(events.filter((e) => e.type === 'watches')).toHaveLength(1);
    expect(events.filter((e) => e.type !== 'watches')).toEqual([]);
  });

  test('a broken file keeps the settings in use, warns once through state, and is left where it is', async () => {
    const started = await startService({ start: false });
    const { service, dir } = started;
    await service.handle('porthole:watches:add', { target: '127.0.0.1:1' });
    const file = path.join(dir, 'settings.json');
    writeFileSync(file, '{ "version": 1, "watches": [ half-typed');

    const state = await started.waitFor((e): e is Of<'state'> => e.type === 'state');
    expect(state.state.settingsWarnings.join('\n')).toMatch(
      /settings\.json is not valid JSON .*; keeping the settings in use/,
    );
    expect(service.state().watches.map((w) => w.spec.id)).toEqual(['127.0.0.1:1']);
    expect(readFileSync(file, 'utf8')).toContain('half-typed');
    expect(readdirSync(dir).filter((f) => f.startsWith('settings.'))).toEqual(['settings.json']);

    // Fixed by hand: adopted again.
    writeFileSync(file, JSON.stringify({ ...defaultSettings(), watches: [] }));
    await started.waitFor(watchesWith([]));
  });

  test('after dispose the file is no longer followed', async () => {
    const started = await startService({ start: false });
    const { service, dir, events } = started;
    service.dispose();
    await new SettingsStore({ dir }).update((s) => ({
      ...s,
      watches: [createWatchSpec({ target: '127.0.0.1:1' })],
    }));
    await sleep(800);
    expect(events).toEqual([]);
  });

  test(`adding past ${MAX_WATCHES} watches is refused with the count`, async () => {
    const started = await startService({ start: false });
    const { service, dir } = started;
    const watches = Array.from({ length: MAX_WATCHES }, (_, i) =>
      createWatchSpec({ target: `h.local:${i + 1}` }),
    );
    await new SettingsStore({ dir }).save({ ...defaultSettings(), watches });
    const adding = service.handle('porthole:watches:add', { target: '127.0.0.1:1' });
    expect(await codeOf(adding)).toBe('invalid-request');
    await expect(adding).rejects.toThrow(
      `too many watches (${MAX_WATCHES + 1}; at most ${MAX_WATCHES})`,
    );
  });
});
