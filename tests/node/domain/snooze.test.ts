// Snooze presets: the tray and the window end each one at the same moment.
import { expect, test } from 'vitest';
import {
  isSnoozed,
  isWatchSnoozed,
  SNOOZE_PRESETS,
  snoozeUntil,
  tomorrowMorning,
} from '../../../src-main/domain/snooze.js';

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

test('a snooze runs until its end; a watch is snoozed until up or until a time', () => {
  expect([null, NOW, NOW + 1].map((until) => isSnoozed(until, NOW))).toEqual([false, false, true]);
  const quiet = { snoozeUntilUp: false, snoozedUntil: null };
  expect(isWatchSnoozed(null, NOW)).toBe(false);
  expect(isWatchSnoozed(quiet, NOW)).toBe(false);
  expect(isWatchSnoozed({ ...quiet, snoozeUntilUp: true }, NOW)).toBe(true);
  expect(isWatchSnoozed({ ...quiet, snoozedUntil: NOW + 1 }, NOW)).toBe(true);
  expect(isWatchSnoozed({ ...quiet, snoozedUntil: NOW }, NOW)).toBe(false);
});
