// migrateSettings and the schema: old shapes upgraded, newer ones flagged, bad values named.
import { describe, expect, test } from 'vitest';
import {
  SETTINGS_VERSION,
  defaultSettings,
  describeIssues,
  migrateSettings,
  salvageSettings,
  settingsSchema,
} from '../../../../src-main/core/settings/index.js';

describe('migrateSettings', () => {
  test('current version passes through untouched, without warnings', () => {
    const current = defaultSettings();
    expect(migrateSettings(current)).toEqual({ data: current, warnings: [] });
  });

  test('version 0 (no version): watches and pollMs become a valid current file', () => {
    const { data, warnings } = migrateSettings({
      pollMs: 3000,
      watches: [{ port: 3000 }, { port: '3000', expect: 'node' }, { port: 5432, host: '::1' }],
    });
    expect(warnings).toEqual(['upgraded settings from version 0 to 1']);
    const parsed = settingsSchema.parse(data);
    expect(parsed.version).toBe(SETTINGS_VERSION);
    expect(parsed.preferences.refreshIntervalMs).toBe(3000);
    expect(
      parsed.watches.map((w) => [w.id, w.target.host, w.target.port, w.expect, w.intervalMs]),
    ).toEqual([
      ['local:3000', null, 3000, null, 3000],
      ['local:3000-2', null, 3000, 'node', 3000],
      ['[::1]:5432', '::1', 5432, null, 3000],
    ]);
    expect(data).not.toHaveProperty('pollMs');
  });

  test('version 0 with an out-of-range pollMs is clamped, and says so', () => {
    const { data, warnings } = migrateSettings({
      version: 0,
      pollMs: 100,
      watches: [{ port: 80 }],
    });
    const parsed = settingsSchema.parse(data);
    expect(parsed.preferences.refreshIntervalMs).toBe(500);
    expect(parsed.watches[0]?.intervalMs).toBe(500);
    expect(warnings.join('\n')).toContain('pollMs 100 is outside 500..60000');
  });

  test('version 0 watch with a bad port stays bad, so validation can name it', () => {
    const { data } = migrateSettings({ watches: [{ port: 99999 }, { port: 22 }] });
    const salvaged = salvageSettings(data);
    expect(salvaged.settings.watches.map((w) => w.target.port)).toEqual([22]);
    expect(salvaged.warnings.join('\n')).toMatch(/dropped watch #1 .*port 99999 is out of range/);
  });

  test('a newer version is returned as is, with a warning naming it', () => {
    const raw = { version: SETTINGS_VERSION + 3, watches: [] };
    const { data, warnings } = migrateSettings(raw);
    expect(data).toBe(raw);
    expect(warnings[0]).toContain('newer Porthole');
  });

  test('a nonsense version is flagged', () => {
    expect(migrateSettings({ version: 'two' }).warnings[0]).toContain('"two"');
  });

  test('non-objects pass through for validation to reject', () => {
    expect(migrateSettings('hello')).toEqual({ data: 'hello', warnings: [] });
  });
});

describe('settingsSchema', () => {
  const base = defaultSettings();
  const withWatch = (patch: Record<string, unknown>) => ({
    ...base,
    watches: [
      {
        id: 'w',
        target: { host: null, port: 3000 },
        expect: null,
        intervalMs: 5000,
        failuresToDown: 2,
        successesToUp: 1,
        label: null,
        ...patch,
      },
    ],
  });

  test.each([
    [{ target: { host: null, port: 0 } }, 'port 0 is out of range (1..65535)'],
    [{ target: { host: null, port: 65536 } }, 'port 65536 is out of range'],
    [{ target: { host: '', port: 80 } }, 'host must be null'],
    [{ target: { host: 'a b', port: 80 } }, 'host must be null'],
    [{ intervalMs: 499 }, 'intervalMs 499 is out of range'],
    [{ intervalMs: 86_400_001 }, 'intervalMs 86400001 is out of range'],
    [{ failuresToDown: 0 }, 'failuresToDown 0 is out of range (1..100)'],
    [{ successesToUp: 101 }, 'successesToUp 101 is out of range (1..100)'],
    [{ successesToUp: 1.5 }, 'successesToUp must be a whole number'],
    [{ id: '' }, 'id must be a non-empty text'],
  ])('rejects %j with a readable message', (patch, message) => {
    const result = settingsSchema.safeParse(withWatch(patch));
    expect(result.success).toBe(false);
    expect(describeIssues(result.error!)).toContain(message);
  });

  test('accepts the limits of each range', () => {
    expect(
      settingsSchema.safeParse(
        withWatch({
          target: { host: 'db.local', port: 65535 },
          intervalMs: 500,
          failuresToDown: 100,
          successesToUp: 1,
        }),
      ).success,
    ).toBe(true);
  });

  test('rejects preferences out of range', () => {
    const bad = {
      ...base,
      preferences: { ...base.preferences, historyLimit: 99, refreshIntervalMs: 60_001 },
    };
    const text = describeIssues(settingsSchema.safeParse(bad).error!, true);
    expect(text).toContain(
      'preferences.historyLimit: historyLimit 99 is out of range (100..1000000)',
    );
    expect(text).toContain('refreshIntervalMs 60001 is out of range');
  });
});
