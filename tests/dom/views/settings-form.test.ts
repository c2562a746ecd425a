// Settings rules: seconds and counts as typed, their limits in plain words, protected names, snooze times.
import { describe, expect, test } from 'vitest';
import {
  entriesText,
  formatTime,
  parseCooldownSeconds,
  parseHistoryLimit,
  parseRefreshSeconds,
  protectedNameError,
  secondsText,
  snoozeChoices,
  snoozeStatus,
} from '../../../src-renderer/lib/settings-form.js';
import { tomorrowMorning } from '../../../src-main/domain/snooze.js';
import { NOW } from './fakes.js';

describe('refresh interval in seconds', () => {
  test.each([
    ['2', 2000],
    ['0.5', 500],
    ['.5', 500],
    ['0,5', 500],
    [' 60 ', 60_000],
    ['1.5 s', 1500],
    ['12.25', 12_250],
  ])('%j → %d ms', (text, ms) => {
    expect(parseRefreshSeconds(text)).toEqual({ ok: true, value: ms });
  });

  test.each(['0.2', '0', '60.5', '600'])('%j is out of range', (text) => {
    expect(parseRefreshSeconds(text)).toEqual({
      ok: false,
      error: 'Refresh every 0.5 to 60 seconds',
    });
  });

  test.each(['', 'fast', '-1', '1e3', '1.2.3', '2 min'])(
    '%j is not a number of seconds',
    (text) => {
      expect(parseRefreshSeconds(text)).toEqual({
        ok: false,
        error: 'Type a number of seconds: refresh every 0.5 to 60 seconds',
      });
    },
  );

  test('milliseconds read back as the seconds a person types', () => {
    expect(secondsText(2000)).toBe('2');
    expect(secondsText(500)).toBe('0.5');
    expect(parseRefreshSeconds(secondsText(1234))).toEqual({ ok: true, value: 1234 });
  });
});

describe('cooldown and history limit', () => {
  test('cooldown: 0 to 24 h', () => {
    expect(parseCooldownSeconds('0')).toEqual({ ok: true, value: 0 });
    expect(parseCooldownSeconds('86400')).toEqual({ ok: true, value: 86_400_000 });
    expect(parseCooldownSeconds('86401')).toEqual({
      ok: false,
      error: 'Wait 0 to 86400 seconds (24 h) between notifications',
    });
  });

  test.each([
    ['5000', 5000],
    ['10,000', 10_000],
    ['1 000 000', 1_000_000],
    ['100', 100],
  ])('history %j → %d', (text, n) => {
    expect(parseHistoryLimit(text)).toEqual({ ok: true, value: n });
    expect(parseHistoryLimit(entriesText(n))).toEqual({ ok: true, value: n });
  });

  test.each([
    ['99', 'Keep 100 to 1,000,000 entries'],
    ['1000001', 'Keep 100 to 1,000,000 entries'],
    ['5000.5', 'Type a whole number: keep 100 to 1,000,000 entries'],
    ['lots', 'Type a whole number: keep 100 to 1,000,000 entries'],
  ])('history %j: %s', (text, error) => {
    expect(parseHistoryLimit(text)).toEqual({ ok: false, error });
  });
});

describe('protected process names', () => {
  const list = ['systemd', 'sshd'];
  test('a new name passes; blank, duplicates in any case and overlong names do not', () => {
    expect(protectedNameError(' postgres ', list)).toBeNull();
    expect(protectedNameError('  ', list)).toBe('Type a process name, e.g. postgres');
    expect(protectedNameError('SSHD', list)).toBe('sshd is already protected');
    expect(protectedNameError('x'.repeat(201), list)).toMatch(/at most 200 characters/);
    expect(
      protectedNameError(
        'new',
        Array.from({ length: 500 }, (_, i) => `p${i}`),
      ),
    ).toBe('At most 500 protected processes');
  });
});

describe('snooze times', () => {
  test('tomorrow morning is 08:00 on the next calendar day, local time', () => {
    const at = new Date(tomorrowMorning(NOW));
    const today = new Date(NOW);
    expect([at.getDate(), at.getHours(), at.getMinutes()]).toEqual([today.getDate() + 1, 8, 0]);
    // Just after midnight, "tomorrow" is still the next calendar day.
    const lateNight = new Date(2026, 10, 28, 0, 30).getTime();
    expect(new Date(tomorrowMorning(lateNight)).getDate()).toBe(29);
  });

  test('choices count from now', () => {
    expect(snoozeChoices(NOW).map((c) => c.until)).toEqual([
      NOW + 15 * 60_000,
      NOW + 60 * 60_000,
      tomorrowMorning(NOW),
    ]);
    expect(snoozeChoices(NOW)[2]?.label).toBe(`Until tomorrow ${formatTime(tomorrowMorning(NOW))}`);
  });

  test('status: on, later today, tomorrow, another day; an ended snooze reads as on', () => {
    expect(snoozeStatus(null, NOW)).toBe('Notifications are on');
    expect(snoozeStatus(NOW - 1, NOW)).toBe('Notifications are on');
    expect(snoozeStatus(NOW + 3_600_000, NOW)).toBe(`Snoozed until ${formatTime(NOW + 3_600_000)}`);
    const morning = tomorrowMorning(NOW);
    expect(snoozeStatus(morning, NOW)).toBe(`Snoozed until tomorrow ${formatTime(morning)}`);
    const later = new Date(2026, 11, 3, 9, 0).getTime();
    const text = snoozeStatus(later, NOW);
    expect(text).toMatch(/^Snoozed until (?!tomorrow).+, /);
    expect(text).toContain(formatTime(later));
  });
});
