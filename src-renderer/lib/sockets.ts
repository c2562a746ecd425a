// Pure facts about one socket the window needs in several places: exposure, exposure key, row keys.
import { socketKey, type PortSocket } from '../../src-main/shared/snapshot.js';

/** The key the settings keep for an acknowledged exposure (`tcp:0.0.0.0:5432`): the core's one. */
export { exposureKey } from '../../src-main/shared/snapshot.js';

/** Reachable from outside this machine (a listener not bound to loopback). */
export function isExposedListener(s: PortSocket): boolean {
  return s.exposure !== null && s.exposure !== 'loopback';
}

// Sockets keep their identity across refreshes (applyDiff reuses unchanged records), so a
// key computed once serves every later refresh: with 10,000 rows this saves most of the work.
const keys = new WeakMap<PortSocket, string>();

/** socketKey, cached per record. */
export function keyOf(s: PortSocket): string {
  let key = keys.get(s);
  if (key === undefined) {
    key = socketKey(s);
    keys.set(s, key);
  }
  return key;
}

/**
 * Row keys for a keyed list: the socket key, with `#2`, `#3`... for sockets whose endpoints the
 * source could not tell apart (no inode), since a keyed list must never see a key twice.
 */
export function rowKeys(rows: readonly PortSocket[]): string[] {
  const seen = new Map<string, number>();
  return rows.map((row) => {
    const key = keyOf(row);
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return n === 1 ? key : `${key}#${n}`;
  });
}

export const NO_KEYS: ReadonlySet<string> = new Set();

/** A lookup set of keys (acknowledged exposures...). */
export function keySet(keys: readonly string[]): ReadonlySet<string> {
  return keys.length === 0 ? NO_KEYS : new Set(keys);
}

/** How many of `rows` are not among `ghosts` (closed rows still fading out). */
export function countLive(rows: readonly PortSocket[], ghosts: readonly PortSocket[]): number {
  if (ghosts.length === 0) return rows.length;
  const closed = new Set(ghosts);
  return rows.reduce((n, s) => (closed.has(s) ? n : n + 1), 0);
}
