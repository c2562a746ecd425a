// The soak's trend arithmetic: a least-squares slope per minute, and the second half apart from warm-up.
import { describe, expect, test } from 'vitest';

interface Sample {
  atMs: number;
  rssKb: number;
  heapKb: number;
  fds: number;
}
interface Trend {
  measure: string;
  start: number;
  end: number;
  min: number;
  max: number;
  perMinute: number;
  perMinuteSecondHalf: number;
}
/** bench/ is JavaScript type-checked on its own (tsconfig.bench.json): its shape is restated here. */
const { slope, trends } = (await import(
  new URL('../../../bench/soak-stats.js', import.meta.url).href
)) as {
  slope: (xs: number[], ys: number[]) => number;
  trends: (samples: Sample[]) => Trend[];
};

describe('slope', () => {
  test('is the least-squares slope, exact on a line and 0 when flat or too short', () => {
    expect(slope([0, 1, 2, 3], [5, 7, 9, 11])).toBeCloseTo(2);
    expect(slope([0, 1, 2, 3], [4, 4, 4, 4])).toBe(0);
    expect(slope([1], [9])).toBe(0);
    expect(slope([2, 2], [1, 9])).toBe(0);
    // Noise: the fit over every point, not the line between the ends (which would be flat).
    expect(slope([0, 1, 2, 3, 4], [0, 3, 1, 4, 0])).toBeCloseTo(0.1);
  });
});

describe('trends', () => {
  test('per minute, with start, end, bounds, and the second half on its own', () => {
    // RSS climbs 600 KB/min for 5 min (warm-up), then stays flat; fds never move.
    const samples = Array.from({ length: 11 }, (_, i) => ({
      atMs: i * 60_000,
      rssKb: 1000 + 600 * Math.min(i, 5),
      heapKb: 500 + 10 * i,
      fds: 29,
    }));
    const [rss, heap, fds] = trends(samples);
    expect(rss).toMatchObject({ measure: 'rssKb', start: 1000, end: 4000, min: 1000, max: 4000 });
    expect(rss?.perMinute).toBeGreaterThan(0);
    expect(rss?.perMinuteSecondHalf).toBe(0);
    expect(heap?.perMinute).toBeCloseTo(10);
    expect(heap?.perMinuteSecondHalf).toBeCloseTo(10);
    expect(fds).toMatchObject({ start: 29, end: 29, perMinute: 0, perMinuteSecondHalf: 0 });
  });
});
