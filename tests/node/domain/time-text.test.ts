import { describe, expect, test } from 'vitest';
import { formatLocalTime } from '../../../src-main/cli/format/time.js';
import { agoText, dateTimeText, timeOfDay } from '../../../src-main/domain/time-text.js';

describe('times people read', () => {
  test('one date-and-time text, local time, year first', () => {
    const at = new Date(2026, 11, 5, 7, 32, 39).getTime();
    expect(dateTimeText(at)).toBe('2026-12-05 07:32:39');
    expect(timeOfDay(at)).toBe('07:32:39');
    // The CLI prints the very same text as the window.
    expect(formatLocalTime(at)).toBe(dateTimeText(at));
  });

  test('ago: a future time (clock skew) is "just now", never "in a moment"', () => {
    const now = 1_000_000_000;
    expect(agoText(now + 2_000, now)).toBe('just now');
    expect(agoText(now + 90_000, now)).toBe('just now');
    expect(agoText(now - 1_000, now)).toBe('just now');
    expect(agoText(now - 42_000, now)).toBe('42 s ago');
    expect(agoText(now - 3 * 60_000, now)).toBe('3 min ago');
    expect(agoText(now - 2 * 3_600_000, now)).toBe('2 h ago');
    expect(agoText(now - 5 * 86_400_000, now)).toBe('5 d ago');
  });
});
