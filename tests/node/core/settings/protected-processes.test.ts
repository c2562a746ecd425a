// Protected process names in settings.json: capped like the contract, and a bad list keeps its good names.
import { describe, expect, test } from 'vitest';
import {
  defaultSettings,
  salvageSettings,
  settingsSchema,
} from '../../../../src-main/core/settings/index.js';
import { PROTECTED_LIMITS } from '../../../../src-main/domain/preferences.js';

function fileWith(protectedProcesses: unknown): Record<string, unknown> {
  const settings = defaultSettings();
  return { ...settings, preferences: { ...settings.preferences, protectedProcesses } };
}

const names = (count: number) => Array.from({ length: count }, (_, i) => `proc-${i}`);

describe('protectedProcesses in settings.json', () => {
  test('the file holds as many names as the contract lets a save send, and no more', () => {
    expect(settingsSchema.safeParse(fileWith(names(PROTECTED_LIMITS.maxCount))).success).toBe(true);
    const over = settingsSchema.safeParse(fileWith(names(PROTECTED_LIMITS.maxCount + 1)));
    expect(over.success).toBe(false);
    expect(over.error?.issues[0]?.message).toBe(
      `protectedProcesses has ${PROTECTED_LIMITS.maxCount + 1} names; at most ${PROTECTED_LIMITS.maxCount} are allowed`,
    );
  });

  test('an invalid entry drops that entry only, not the names the user chose', () => {
    const { settings, warnings } = salvageSettings(fileWith(['postgres', '', 42, 'redis']));
    expect(settings.preferences.protectedProcesses).toEqual(['postgres', 'redis']);
    expect(warnings).toContain('dropped 2 invalid protectedProcesses entries');
  });

  test('a list over the cap keeps the first names and says how many it ignored', () => {
    const { settings, warnings } = salvageSettings(fileWith(names(PROTECTED_LIMITS.maxCount + 3)));
    expect(settings.preferences.protectedProcesses).toEqual(names(PROTECTED_LIMITS.maxCount));
    expect(warnings).toContain(
      `kept the first ${PROTECTED_LIMITS.maxCount} protectedProcesses and ignored the other 3 (at most ${PROTECTED_LIMITS.maxCount} are allowed)`,
    );
  });

  test('a value that is no list still falls back to the defaults, with the reason', () => {
    const { settings, warnings } = salvageSettings(fileWith('sshd'));
    expect(settings.preferences.protectedProcesses).toEqual(
      defaultSettings().preferences.protectedProcesses,
    );
    expect(warnings.join('\n')).toMatch(/protectedProcesses reset to the default .*must be a list/);
  });
});
