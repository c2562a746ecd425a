// Snooze presets: the tray and the window end each one at the same moment.
import { expect, test } from 'vitest';
import { SNOOZE_PRESETS, snoozeUntil, tomorrowMorning } from '../../../src-main/domain/snooze.js';

const NOW = new Date(2026, 2, 10, 22, 30).getTime();

test('presets end 15 min, 1 h and tomorrow 08:00 local time from now; resume ends it', () => {
  expect(SNOOZE_PRESETS.map((p) => snoozeUntil(p, NOW))).toEqual([
    NOW + 15 * 60_000,
    NOW + 60 * 60_000,
    new Date(2026, 2, 11, 8, 0).getTime(),
  ]);
  expect(snoozeUntil('resume', NOW)).toBeNull();
});

test('tomorrow is the next calendar day, even just before midnight and at month end', () => {
  expect(new Date(tomorrowMorning(new Date(2026, 0, 31, 23, 59).getTime()))).toEqual(
    new Date(2026, 1, 1, 8, 0),
  );
});
