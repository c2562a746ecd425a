// Stored dismissals of the unattributed-sockets notice: whatever the storage holds, it reads safely.
import { describe, expect, test } from 'vitest';
import {
  DISMISSALS_KEY,
  loadDismissals,
  saveDismissals,
  type DismissalStorage,
} from '../../../src-renderer/lib/unattributed-dismissals.js';

function storageHolding(text: string | null): DismissalStorage {
  return { getItem: () => text, setItem: () => {} };
}

describe('loadDismissals', () => {
  test.each([
    ['not JSON', '{kernel: 4'],
    ['an array', '[4, 2]'],
    ['a number', '42'],
    ['null', 'null'],
    ['a string count', '{"kernel": "4"}'],
    ['a negative count', '{"kernel": -1}'],
    ['a fraction', '{"kernel": 1.5}'],
    ['an infinite count', '{"kernel": 1e999}'],
  ])('%s counts as no dismissal', (_what, text) => {
    expect(loadDismissals(storageHolding(text))).toEqual({});
  });

  test('unknown causes and prototype keys are dropped; known causes kept', () => {
    const text = '{"kernel": 3, "__proto__": {"polluted": 1}, "constructor": 1, "other-user": 0}';
    const loaded = loadDismissals(storageHolding(text));
    expect(loaded).toEqual({ kernel: 3, 'other-user': 0 });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  test('storage that throws on read or write, or none at all, leaves the page working', () => {
    const throwing: DismissalStorage = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    };
    expect(loadDismissals(throwing)).toEqual({});
    expect(() => saveDismissals({ kernel: 2 }, throwing)).not.toThrow();
    expect(loadDismissals(null)).toEqual({});
  });

  test('a saved dismissal reads back under its key', () => {
    let stored: string | null = null;
    const storage: DismissalStorage = {
      getItem: (key) => (key === DISMISSALS_KEY ? stored : null),
      setItem: (_key, value) => (stored = value),
    };
    saveDismissals({ gone: 5 }, storage);
    expect(loadDismissals(storage)).toEqual({ gone: 5 });
  });
});
