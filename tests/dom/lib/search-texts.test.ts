// Search texts prepared ahead, a slice at a time, and the idle scheduler that drives them.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { searchTextOf } from '../../../src-renderer/lib/filter.js';
import { whileIdle } from '../../../src-renderer/lib/idle-work.js';
import { searchTexts } from '../../../src-renderer/lib/search-texts.js';
import { listener, manyListeners } from '../fakes.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('searchTexts', () => {
  test('prepared in slices, the texts line up with the rows', () => {
    const rows = manyListeners(700);
    const texts = searchTexts(rows);
    let budget = 0;
    // Each slice may do one batch, then runs out of time.
    expect(texts.prepare(() => budget++ % 2 === 0)).toBe(false);
    while (!texts.prepare(() => budget++ % 2 === 0));
    expect(texts.all()).toEqual(rows.map(searchTextOf));
    expect(searchTexts(rows)).toBe(texts);
  });

  test('all() prepares whatever is missing', () => {
    const rows = [listener({ process: 'Redis', command: null, user: null })];
    // Address, peer, process, command, user, container name, image: one line each, empty when unknown.
    expect(searchTexts(rows).all()).toEqual(['127.0.0.1\n\nredis\n\n\n\n']);
  });
});

describe('whileIdle', () => {
  test('runs slices in idle callbacks until done, and can be cancelled', () => {
    const pending: IdleRequestCallback[] = [];
    vi.stubGlobal('requestIdleCallback', (cb: IdleRequestCallback) => pending.push(cb));
    vi.stubGlobal('cancelIdleCallback', () => pending.splice(0));
    const deadline = { didTimeout: false, timeRemaining: () => 10 };
    let slices = 0;
    whileIdle(() => ++slices === 3);
    while (pending.length > 0) pending.shift()!(deadline);
    expect(slices).toBe(3);

    const cancel = whileIdle(() => false);
    cancel();
    expect(pending).toHaveLength(0);
  });

  test('does nothing where the browser has no idle callbacks', () => {
    vi.stubGlobal('requestIdleCallback', undefined);
    const slice = vi.fn(() => true);
    whileIdle(slice)();
    expect(slice).not.toHaveBeenCalled();
  });
});
