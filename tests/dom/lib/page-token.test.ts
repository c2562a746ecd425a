// The page's token: taken from the printed address once, kept in sessionStorage, gone from the address bar.
import { afterEach, describe, expect, test } from 'vitest';
import {
  TOKEN_KEY,
  takePageToken,
  tokenFrom,
  withoutToken,
  type TokenPage,
} from '../../../src-renderer/lib/page-token.js';

afterEach(() => {
  sessionStorage.clear();
  history.replaceState(null, '', '/');
});

describe('page token', () => {
  test('reads the token from the query string only when set', () => {
    expect(tokenFrom('?token=abc&x=1')).toBe('abc');
    expect(tokenFrom('?token=')).toBeNull();
    expect(tokenFrom('')).toBeNull();
  });

  test('removes only the token from an address', () => {
    expect(withoutToken('http://127.0.0.1:5/?token=abc')).toBe('http://127.0.0.1:5/');
    expect(withoutToken('http://127.0.0.1:5/?view=x&token=abc#h')).toBe(
      'http://127.0.0.1:5/?view=x#h',
    );
  });

  test('the printed address: stored in sessionStorage, then gone from the address bar and history', () => {
    history.replaceState({ kept: 1 }, '', '/?token=s3cret');
    const before = history.length;
    expect(takePageToken(window)).toBe('s3cret');
    expect(location.href).not.toContain('s3cret');
    expect(location.search).toBe('');
    expect(sessionStorage.getItem(TOKEN_KEY)).toBe('s3cret');
    // Replaced, not pushed: Back does not lead to the address with the token.
    expect(history.length).toBe(before);
    expect(history.state).toEqual({ kept: 1 });
  });

  test('a reload (no token in the address) finds the stored one; a new printed address wins', () => {
    history.replaceState(null, '', '/?token=first');
    takePageToken(window);
    expect(takePageToken(window)).toBe('first');
    history.replaceState(null, '', '/?token=second');
    expect(takePageToken(window)).toBe('second');
    expect(takePageToken(window)).toBe('second');
  });

  test('neither in the address nor stored: null', () => {
    expect(takePageToken(window)).toBeNull();
  });

  test('without usable storage the token stays in the address, so a reload still works', () => {
    const replaced: string[] = [];
    const page: TokenPage = {
      location: { href: 'http://127.0.0.1:5/?token=t' },
      history: { state: null, replaceState: (_s, _t, url) => replaced.push(String(url)) },
      sessionStorage: {
        getItem: () => {
          throw new Error('SecurityError');
        },
        setItem: () => {
          throw new Error('QuotaExceededError');
        },
      },
    };
    expect(takePageToken(page)).toBe('t');
    expect(replaced).toEqual([]);
    page.location.href = 'http://127.0.0.1:5/';
    expect(takePageToken(page)).toBeNull();
  });
});
