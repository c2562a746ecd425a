// Text helpers: relative times, durations, PIDs, exposure badges.
import { describe, expect, test } from 'vitest';
import {
  exposureBadge,
  formatAgo,
  formatCount,
  formatDuration,
  formatPid,
  plural,
} from '../../../src-renderer/lib/format.js';

describe('format', () => {
  test('relative times', () => {
    const now = 1_000_000_000;
    expect(formatAgo(now - 2000, now)).toBe('just now');
    expect(formatAgo(now - 42_000, now)).toBe('42 s ago');
    expect(formatAgo(now - 3 * 60_000, now)).toBe('3 min ago');
    expect(formatAgo(now - 2 * 3600_000, now)).toBe('2 h ago');
    expect(formatAgo(now - 5 * 86_400_000, now)).toBe('5 d ago');
    // A time ahead of the window's clock is skew, not a prophecy.
    expect(formatAgo(now + 10_000, now)).toBe('just now');
    expect(formatAgo(now + 3_600_000, now)).toBe('just now');
  });

  test('durations round up to whole seconds', () => {
    expect(formatDuration(4200)).toBe('5 s');
    expect(formatDuration(90_000)).toBe('1 min 30 s');
    expect(formatDuration(120_000)).toBe('2 min');
    expect(formatDuration(-5)).toBe('0 s');
  });

  test('counts and PIDs', () => {
    expect(plural(1, 'socket')).toBe('1 socket');
    expect(plural(12_000, 'socket')).toBe('12,000 sockets');
    expect(formatPid({ pid: null })).toBe('—');
    expect(formatPid({ pid: 10, pids: [10, 11, 12] })).toBe('10 +2');
    expect(formatPid({ pid: 10, pids: [10] })).toBe('10');
  });

  test('counts group thousands exactly as en-US Intl does, without building a formatter', () => {
    const intl = new Intl.NumberFormat('en-US');
    const samples = [0, 7, 999, 1000, 10_001, 65_535, 1_234_567, -1, -1000, -987_654_321];
    for (let n = 1; n < 1e15; n = n * 7 + 3) samples.push(n, -n);
    for (const n of samples) expect(formatCount(n), String(n)).toBe(intl.format(n));
    expect(formatCount(1234.5)).toBe('1,234.5');
  });

  test('exposure badges', () => {
    expect(exposureBadge('loopback')?.label).toBe('local');
    expect(exposureBadge('all-interfaces')).toMatchObject({ label: 'exposed', tone: 'danger' });
    expect(exposureBadge('network')).toMatchObject({ label: 'network', tone: 'warn' });
    expect(exposureBadge(null)).toBeNull();
  });
});
