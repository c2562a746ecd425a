// Pure facts about one socket the window needs in several places: exposure, exposure key, row keys.
import { socketKey, type PortSocket } from '../../src-main/domain/index.js';

/** The key the settings keep for an acknowledged exposure (`tcp:0.0.0.0:5432`): the core's one. */
export { exposureKey } from '../../src-main/domain/index.js';

/** Reachable from outside this machine: the domain's rule, under the name the store uses. */
export { isExposed as isExposedListener } from '../../src-main/domain/index.js';

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
 * `rows` may be filtered from `all` (same records, same order): repeats are then numbered over
 * `all`, once, so a row keeps its key as the filter changes and the table keeps its element.
 */
export function rowKeys(
  rows: readonly PortSocket[],
  all: readonly PortSocket[] = rows,
): (index: number) => string | undefined {
  let repeatOf: ((index: number) => number | undefined) | null = null;
  return (index) => {
    const row = rows[index];
    if (row === undefined) return undefined;
    repeatOf ??= repeatsFor(rows, all);
    const n = repeatOf(index);
    return n === undefined ? keyOf(row) : `${keyOf(row)}#${n}`;
  };
}

interface Repeats {
  /** Row index → 2, 3... for each repeat of an earlier row's key. */
  byIndex: Map<number, number>;
  /** One record listed twice: repeat numbers cannot follow records, only positions. */
  recordTwice: boolean;
}

// Every keystroke filters the same full list again: its repeats are numbered once.
const recordRepeats = new WeakMap<readonly PortSocket[], ReadonlyMap<PortSocket, number> | null>();

/** Record → its repeat number in `all`; null when a record is listed twice (numbers follow positions then). */
function repeatsByRecord(all: readonly PortSocket[]): ReadonlyMap<PortSocket, number> | null {
  let byRecord = recordRepeats.get(all);
  if (byRecord === undefined) {
    const { byIndex, recordTwice } = repeatNumbers(all);
    byRecord = recordTwice ? null : new Map([...byIndex].map(([index, n]) => [all[index]!, n]));
    recordRepeats.set(all, byRecord);
  }
  return byRecord;
}

function repeatsFor(
  rows: readonly PortSocket[],
  all: readonly PortSocket[],
): (index: number) => number | undefined {
  const byRecord = repeatsByRecord(all);
  if (byRecord === null) {
    const { byIndex } = repeatNumbers(rows);
    return (index) => byIndex.get(index);
  }
  return byRecord.size === 0 ? () => undefined : (index) => byRecord.get(rows[index]!);
}

/** Whether more than one row holds each port: a key includes the local port, so only those can repeat one. */
function sharedPorts(rows: readonly PortSocket[]): (port: number) => boolean {
  const counts = new Uint8Array(65536);
  for (const row of rows) {
    const port = row.localPort;
    const count = counts[port];
    if (count !== undefined && count < 2) counts[port] = count + 1;
  }
  // A port outside the array (never from the collector) counts as shared: that only costs a key.
  return (port) => (counts[port] ?? 2) > 1;
}

function repeatNumbers(rows: readonly PortSocket[]): Repeats {
  const shared = sharedPorts(rows);
  const seen = new Map<string, number>();
  const records = new Set<PortSocket>();
  const byIndex = new Map<number, number>();
  let recordTwice = false;
  rows.forEach((row, index) => {
    if (!shared(row.localPort)) return;
    if (records.has(row)) recordTwice = true;
    records.add(row);
    const key = keyOf(row);
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n > 1) byIndex.set(index, n);
  });
  return { byIndex, recordTwice };
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
