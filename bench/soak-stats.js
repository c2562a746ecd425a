// Soak sampling: this process's RSS, heap and open file descriptors, and their least-squares trend.
import { readdirSync } from 'node:fs';

/** @typedef {{atMs: number, rssKb: number, heapKb: number, fds: number}} Sample */

/** One sample; garbage is collected first when node runs with --expose-gc, so heap is live data. */
export function sample(/** @type {number} */ atMs) {
  globalThis.gc?.();
  const memory = process.memoryUsage();
  return {
    atMs,
    rssKb: Math.round(memory.rss / 1024),
    heapKb: Math.round(memory.heapUsed / 1024),
    // Linux: one entry per open descriptor (the listing's own descriptor included, every time alike).
    fds: readdirSync('/proc/self/fd').length,
  };
}

/**
 * Least-squares slope of y over x, in units of y per x; 0 for fewer than two points.
 * @param {number[]} xs @param {number[]} ys
 */
export function slope(xs, ys) {
  const n = xs.length;
  if (n < 2) return 0;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  xs.forEach((x, i) => {
    const dx = x - mx;
    num += dx * ((ys[i] ?? my) - my);
    den += dx * dx;
  });
  return den === 0 ? 0 : num / den;
}

/**
 * One row per measure: start, end, min, max and the slope per minute over all samples and over
 * the second half (after warm-up: module loading, JIT and the first full snapshots are done).
 * @param {Sample[]} samples
 */
export function trends(samples) {
  const half = samples.slice(Math.floor(samples.length / 2));
  const minutes = (/** @type {Sample[]} */ s) => s.map((x) => x.atMs / 60_000);
  /** @type {{key: 'rssKb' | 'heapKb' | 'fds', unit: string}[]} */
  const measures = [
    { key: 'rssKb', unit: 'KB' },
    { key: 'heapKb', unit: 'KB' },
    { key: 'fds', unit: 'fds' },
  ];
  return measures.map(({ key, unit }) => {
    const values = samples.map((s) => s[key]);
    return {
      measure: key,
      unit,
      start: values[0] ?? 0,
      end: values.at(-1) ?? 0,
      min: Math.min(...values),
      max: Math.max(...values),
      perMinute: slope(minutes(samples), values),
      perMinuteSecondHalf: slope(
        minutes(half),
        half.map((s) => s[key]),
      ),
    };
  });
}
