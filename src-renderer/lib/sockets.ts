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
 * Row keys for a keyed list, built only for the rows asked for: a virtualized table asks for a
 * screenful, not for all 10,000. The socket key, with `#2`, `#3`... for sockets whose endpoints
 * the source could not tell apart (no inode), since a keyed list must never see a key twice.
 */
export function rowKeys(rows: readonly PortSocket[]): (index: number) => string | undefined {
  let repeats: Map<number, number> | null = null;
  return (index) => {
    const row = rows[index];
    if (row === undefined) return undefined;
    repeats ??= repeatNumbers(rows);
    const n = repeats.get(index);
    return n === undefined ? keyOf(row) : `${keyOf(row)}#${n}`;
  };
}

/** Row index → 2, 3... for each repeat of an earlier row's key. */
function repeatNumbers(rows: readonly PortSocket[]): Map<number, number> {
  // A key includes the local port, so only rows sharing a port with another row can repeat one:
  // a cheap count by port spares building the other keys.
  const perPort = new Map<number, number>();
  for (const row of rows) perPort.set(row.localPort, (perPort.get(row.localPort) ?? 0) + 1);
  const seen = new Map<string, number>();
  const repeats = new Map<number, number>();
  rows.forEach((row, index) => {
    if (perPort.get(row.localPort) === 1) return;
    const key = keyOf(row);
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n > 1) repeats.set(index, n);
  });
  return repeats;
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
