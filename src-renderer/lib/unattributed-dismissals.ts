// Which unattributed-socket causes the user dismissed, and at what count, kept in localStorage across reloads.
import {
  UNATTRIBUTED_CAUSES,
  type UnattributedCause,
  type UnattributedCounts,
} from '../../src-main/domain/index.js';

export const DISMISSALS_KEY = 'porthole.unattributed-dismissed';

/** Cause → the count it had when dismissed. A cause shows again once its count exceeds that. */
export type Dismissals = Partial<Record<UnattributedCause, number>>;

/** Storage as the window has it; tests pass their own. Missing or throwing storage keeps nothing. */
export interface DismissalStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function defaultStorage(): DismissalStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage disabled (a sandboxed page): dismissals last until reload
  }
}

/** A stored JSON value, or undefined when missing or unreadable. */
export function loadStored(key: string, storage = defaultStorage()): unknown {
  try {
    return JSON.parse(storage?.getItem(key) ?? 'null') ?? undefined;
  } catch {
    return undefined;
  }
}

/** Stores a JSON value; a full or refusing storage keeps it for this page only. */
export function saveStored(key: string, value: unknown, storage = defaultStorage()): void {
  try {
    storage?.setItem(key, JSON.stringify(value));
  } catch {
    // Full or refused: the dismissal holds for this page only.
  }
}

/** The stored dismissals; anything unreadable counts as none. */
export function loadDismissals(storage = defaultStorage()): Dismissals {
  const value = loadStored(DISMISSALS_KEY, storage);
  const dismissals: Dismissals = {};
  if (typeof value !== 'object' || value === null) return dismissals;
  for (const cause of UNATTRIBUTED_CAUSES) {
    const count = (value as Record<string, unknown>)[cause];
    if (typeof count === 'number' && Number.isInteger(count) && count >= 0)
      dismissals[cause] = count;
  }
  return dismissals;
}

export function saveDismissals(dismissals: Dismissals, storage = defaultStorage()): void {
  saveStored(DISMISSALS_KEY, dismissals, storage);
}

/** Whether a cause's notice shows: it has sockets, more than when it was dismissed. */
export function isShown(
  cause: UnattributedCause,
  counts: UnattributedCounts,
  d: Dismissals,
): boolean {
  const dismissedAt = d[cause];
  return counts[cause] > 0 && (dismissedAt === undefined || counts[cause] > dismissedAt);
}

/**
 * Dismissals follow a count down (so growth from the lower count shows again) and are dropped
 * once it grows past them. A zero is not followed: before the first state arrives every count
 * reads zero, and that must not undo a dismissal. Returns the same object when nothing changes,
 * so callers save only then.
 */
export function followCounts(d: Dismissals, counts: UnattributedCounts): Dismissals {
  let next: Dismissals | null = null;
  for (const cause of UNATTRIBUTED_CAUSES) {
    const dismissedAt = d[cause];
    if (dismissedAt === undefined) continue;
    const count = counts[cause];
    if (count > dismissedAt) {
      next ??= { ...d };
      delete next[cause];
    } else if (count > 0 && count < dismissedAt) {
      next ??= { ...d };
      next[cause] = count;
    }
  }
  return next ?? d;
}
