// What changed between two snapshots, and how a window replays those changes onto its own list.
import { canonicalOrder } from './socket-order.js';
import type { ContainerRef, ForwardTarget } from './container.js';
import type { PortSocket, Snapshot, SnapshotDiff, SocketChange } from './model.js';

/** Identity without the kernel inode: the endpoints of the socket. */
function endpointKey(s: PortSocket): string {
  return `${s.protocol}|${s.family}|${s.localAddress}|${s.localPort}|${s.remoteAddress ?? '*'}|${s.remotePort ?? '*'}`;
}

/**
 * Identity of a socket: protocol, family and both endpoints, plus the inode when the source knows
 * it. Pid and state are deliberately left out, so a restart or a state change is a change, not a
 * remove plus an add.
 */
export function socketKey(s: PortSocket): string {
  const base = endpointKey(s);
  return typeof s.inode === 'number' ? `${base}|i${s.inode}` : base;
}

function samePids(a: PortSocket, b: PortSocket): boolean {
  const x = a.pids;
  const y = b.pids;
  if (x === undefined || y === undefined) return x === y;
  return x.length === y.length && x.every((pid, i) => pid === y[i]);
}

function sameContainer(a: ContainerRef | null | undefined, b: ContainerRef | null | undefined) {
  if (a === b) return true;
  if (!a || !b) return (a ?? null) === (b ?? null);
  return (
    a.engine === b.engine &&
    a.id === b.id &&
    a.name === b.name &&
    a.image === b.image &&
    a.containerPort === b.containerPort &&
    a.protocol === b.protocol &&
    a.project === b.project &&
    a.service === b.service
  );
}

function sameTarget(a: ForwardTarget | null | undefined, b: ForwardTarget | null | undefined) {
  if (!a || !b) return (a ?? null) === (b ?? null);
  return a.address === b.address && a.port === b.port;
}

/**
 * True when nothing a user can see differs. Besides state, pid, pids, process, command and user,
 * exposure, inode and parent are compared too: without them `prev + diff` would not rebuild `next`;
 * so are the container, the forward target, `published` (an engine that answers later) and why
 * no process is named.
 */
function sameDetails(a: PortSocket, b: PortSocket): boolean {
  return (
    a.state === b.state &&
    a.pid === b.pid &&
    samePids(a, b) &&
    a.process === b.process &&
    a.command === b.command &&
    a.user === b.user &&
    a.exposure === b.exposure &&
    (a.inode ?? null) === (b.inode ?? null) &&
    a.parent === b.parent &&
    sameContainer(a.container, b.container) &&
    sameTarget(a.forwardsTo, b.forwardsTo) &&
    a.published === b.published &&
    a.unattributedCause === b.unattributedCause
  );
}

/** True when two sockets hold the very same values, field by field (an inode of null is not a missing one). */
export function sameSocket(a: PortSocket, b: PortSocket): boolean {
  return compareEndpoints(a, b) === 0 && sameDetails(a, b) && a.inode === b.inode;
}

function groupByEndpoint(sockets: readonly PortSocket[]): Map<string, PortSocket[]> {
  const groups = new Map<string, PortSocket[]>();
  for (const s of sockets) {
    const key = endpointKey(s);
    const group = groups.get(key);
    if (group) group.push(s);
    else groups.set(key, [s]);
  }
  return groups;
}

/**
 * Pairs sockets that share endpoints. Equal inodes pair first; two different inodes are two
 * different sockets and never pair; a socket without an inode pairs with any, preferring one of
 * the same pid (several UDP or SO_REUSEPORT sockets can share endpoints).
 */
function pairGroup(before: PortSocket[], after: PortSocket[], diff: SnapshotDiff): void {
  const left = [...before];
  const right = [...after];
  const pairs: SocketChange[] = [];
  const take = (match: (a: PortSocket, b: PortSocket) => boolean): void => {
    for (let i = 0; i < left.length;) {
      const a = left[i]!;
      const j = right.findIndex((b) => match(a, b));
      if (j < 0) {
        i += 1;
        continue;
      }
      pairs.push({ before: a, after: right[j]! });
      left.splice(i, 1);
      right.splice(j, 1);
    }
  };
  const hasInode = (s: PortSocket): boolean => typeof s.inode === 'number';
  const compatible = (a: PortSocket, b: PortSocket): boolean => !hasInode(a) || !hasInode(b);
  take((a, b) => hasInode(a) && a.inode === b.inode);
  take((a, b) => compatible(a, b) && a.pid === b.pid);
  take(compatible);
  for (const { before: a, after: b } of pairs) {
    if (!sameDetails(a, b)) diff.changed.push({ before: a, after: b });
  }
  diff.removed.push(...left);
  diff.added.push(...right);
}

/**
 * Sorts a diff in place. The walk in snapshot order takes only lists whose sockets of different
 * endpoints never tie here, and keeps each endpoint's sockets in keyed order: both end identical.
 */
function sorted(diff: SnapshotDiff): SnapshotDiff {
  diff.added.sort(canonicalOrder);
  diff.removed.sort(canonicalOrder);
  diff.changed.sort((x, y) => canonicalOrder(x.after, y.after));
  return diff;
}

/** The diff of two lists in any order: every socket keyed by its endpoints, each endpoint paired. */
export function diffByKey(
  before: readonly PortSocket[],
  after: readonly PortSocket[],
): SnapshotDiff {
  const diff: SnapshotDiff = { added: [], removed: [], changed: [] };
  const old = groupByEndpoint(before);
  const now = groupByEndpoint(after);
  for (const [key, group] of now) pairGroup(old.get(key) ?? [], group, diff);
  for (const [key, group] of old) if (!now.has(key)) diff.removed.push(...group);
  return sorted(diff);
}

/** -1, 0 or 1 for two values of one endpoint field; NaN when `<` cannot order them. */
function compareField(a: string | number, b: string | number): number {
  if (a === b) return 0;
  return a < b ? -1 : a > b ? 1 : NaN;
}

/** compareField with the collector's stand-in for no peer; NaN when only the stand-in tells them apart. */
function comparePeer<T extends string | number>(a: T | null, b: T | null, none: T): number {
  if (a === b) return 0;
  const x = a ?? none;
  const y = b ?? none;
  return x === y ? NaN : compareField(x, y);
}

/**
 * Endpoints in the collector's snapshot order (protocol, local port, family, local address, peer).
 * 0 only for the very same endpoint; NaN where that order and endpointKey could disagree, so the
 * caller falls back to keys rather than pair differently.
 */
function compareEndpoints(a: PortSocket, b: PortSocket): number {
  let c = compareField(a.protocol, b.protocol);
  if (c !== 0) return c;
  c = compareField(a.localPort, b.localPort);
  if (c !== 0) return c;
  c = compareField(a.family, b.family);
  if (c !== 0) return c;
  c = compareField(a.localAddress, b.localAddress);
  if (c !== 0) return c;
  c = comparePeer(a.remoteAddress, b.remoteAddress, '');
  if (c !== 0) return c;
  return comparePeer(a.remotePort, b.remotePort, -1);
}

/** False for text that endpointKey could run together with its neighbours ('|' inside, '*' as a peer). */
function plainEndpoint(s: PortSocket): boolean {
  const peer = s.remoteAddress;
  return !s.localAddress.includes('|') && (peer === null || (peer !== '*' && !peer.includes('|')));
}

/** End of the run of sockets sharing `list[start]`'s endpoint; -1 when the list is out of order. */
function runEnd(list: readonly PortSocket[], start: number): number {
  if (start >= list.length) return start;
  if (!plainEndpoint(list[start]!)) return -1;
  let end = start + 1;
  while (end < list.length) {
    const order = compareEndpoints(list[end - 1]!, list[end]!);
    if (order === -1) break;
    if (order !== 0) return -1;
    end += 1;
  }
  return end;
}

/** True when the runs `before[i..iEnd)` and `after[j..jEnd)` (one endpoint) match in order. */
function sameRun(
  before: readonly PortSocket[],
  i: number,
  iEnd: number,
  after: readonly PortSocket[],
  j: number,
  jEnd: number,
): boolean {
  if (iEnd - i !== jEnd - j) return false;
  for (let k = 0; i + k < iEnd; k += 1)
    if (!sameDetails(before[i + k]!, after[j + k]!)) return false;
  return true;
}

/**
 * diffByKey for two lists in snapshot order (the collector's), walked side by side one endpoint
 * at a time: nothing is keyed, and an endpoint whose sockets did not change costs a few
 * comparisons (keyed, such a run would pair with itself). Null when a list is out of order.
 */
export function diffInSnapshotOrder(
  before: readonly PortSocket[],
  after: readonly PortSocket[],
): SnapshotDiff | null {
  const diff: SnapshotDiff = { added: [], removed: [], changed: [] };
  let i = 0;
  let j = 0;
  let iEnd = runEnd(before, 0);
  let jEnd = runEnd(after, 0);
  while (i < before.length || j < after.length) {
    if (iEnd < 0 || jEnd < 0) return null;
    const order =
      i >= before.length ? 1 : j >= after.length ? -1 : compareEndpoints(before[i]!, after[j]!);
    if (order === -1) {
      for (let k = i; k < iEnd; k += 1) diff.removed.push(before[k]!);
    } else if (order === 1) {
      for (let k = j; k < jEnd; k += 1) diff.added.push(after[k]!);
    } else if (order === 0) {
      if (!sameRun(before, i, iEnd, after, j, jEnd))
        pairGroup(before.slice(i, iEnd), after.slice(j, jEnd), diff);
    } else return null;
    if (order !== 1) {
      i = iEnd;
      iEnd = runEnd(before, i);
    }
    if (order !== -1) {
      j = jEnd;
      jEnd = runEnd(after, j);
    }
  }
  return sorted(diff);
}

/** Sockets added, removed and changed (same identity, different state or owner) from prev to next. */
export function diffSnapshots(prev: Snapshot | null, next: Snapshot): SnapshotDiff {
  // A collector that saw no change hands back the same list: nothing to compare.
  if (prev?.sockets === next.sockets) return { added: [], removed: [], changed: [] };
  const before = prev?.sockets ?? [];
  return diffInSnapshotOrder(before, next.sockets) ?? diffByKey(before, next.sockets);
}

export function isEmptyDiff(d: SnapshotDiff): boolean {
  return d.added.length === 0 && d.removed.length === 0 && d.changed.length === 0;
}

/**
 * Replays a diff onto a list (a window's copy of the previous snapshot) and returns the new list
 * in snapshot order. Tolerant of a list that drifted: a removal it cannot find is ignored, a
 * change it cannot find is added.
 */
export function applyDiff(sockets: PortSocket[], diff: SnapshotDiff): PortSocket[] {
  // Most ticks change nothing: hand back the same list, so views keyed on it do no work.
  if (isEmptyDiff(diff)) return sockets;
  const slots: (PortSocket | null)[] = [...sockets];
  const index = new Map<string, number[]>();
  slots.forEach((s, i) => {
    const key = endpointKey(s!);
    const list = index.get(key);
    if (list) list.push(i);
    else index.set(key, [i]);
  });
  // Exact match first, then same identity, so a drifted list still converges.
  const find = (target: PortSocket): number => {
    const candidates = (index.get(endpointKey(target)) ?? []).filter((i) => slots[i] !== null);
    const exact = candidates.find((i) => sameDetails(slots[i]!, target));
    if (exact !== undefined) return exact;
    return candidates.find((i) => socketKey(slots[i]!) === socketKey(target)) ?? -1;
  };
  const extra: PortSocket[] = [...diff.added];
  for (const gone of diff.removed) {
    const i = find(gone);
    if (i >= 0) slots[i] = null;
  }
  for (const { before, after } of diff.changed) {
    const i = find(before);
    if (i >= 0) slots[i] = null;
    extra.push(after);
  }
  const result = slots.filter((s): s is PortSocket => s !== null);
  result.push(...extra);
  return result.sort(canonicalOrder);
}
