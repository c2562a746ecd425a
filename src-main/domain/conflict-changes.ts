// Node-free: a conflict's identity and order, how two conflict lists differ, and how a delta replays.
import { sameSocket } from './diff.js';
import { compareText } from './socket-order.js';
import type { Conflict, ConflictKind } from './model.js';

const KIND_ORDER: readonly ConflictKind[] = [
  'shared-port',
  'shadowed',
  'unexpected-owner',
  'half-reachable',
];

/** The watch a conflict was raised for, when it was raised for one. */
function watchIdOf(c: Conflict): string | null {
  return typeof c.watchId === 'string' ? c.watchId : null;
}

/** The order every conflict list is kept in: port, kind, protocol, watch. */
export function compareConflicts(a: Conflict, b: Conflict): number {
  return (
    a.port - b.port ||
    KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
    compareText(a.protocol, b.protocol) ||
    compareText(watchIdOf(a) ?? '', watchIdOf(b) ?? '')
  );
}

/** Identity of a conflict across snapshots: `kind:protocol:port`, plus the watch id for unexpected owners. */
export function conflictKey(c: Conflict): string {
  const base = `${c.kind}:${c.protocol}:${c.port}`;
  const watchId = c.kind === 'unexpected-owner' ? watchIdOf(c) : null;
  return watchId === null ? base : `${base}:${watchId}`;
}

/** True when two conflicts say the same thing: same key, text, PIDs and sockets (field by field). */
export function sameConflict(a: Conflict, b: Conflict): boolean {
  if (a === b) return true;
  return (
    conflictKey(a) === conflictKey(b) &&
    a.summary === b.summary &&
    a.message === b.message &&
    a.command === b.command &&
    a.deliberate === b.deliberate &&
    a.fix === b.fix &&
    a.pids.length === b.pids.length &&
    a.pids.every((pid, i) => pid === b.pids[i]) &&
    a.sockets.length === b.sockets.length &&
    a.sockets.every((s, i) => sameSocket(s, b.sockets[i]!))
  );
}

/** The same conflicts in the same order, each `sameConflict`. */
export function sameConflicts(a: readonly Conflict[], b: readonly Conflict[]): boolean {
  return a.length === b.length && a.every((c, i) => sameConflict(c, b[i]!));
}

export interface ConflictChanges {
  /** In `next` only, by conflictKey: news worth a notice and a history entry. */
  appeared: Conflict[];
  /** In `prev` only, by conflictKey. */
  resolved: Conflict[];
  /** In both by key, but with other text, PIDs or sockets (as in `next`): the window's list is stale. */
  changed: Conflict[];
}

/** How `next` differs from `prev`: conflicts that appeared, were resolved, or kept their key but changed. */
export function diffConflicts(
  prev: readonly Conflict[],
  next: readonly Conflict[],
): ConflictChanges {
  const before = new Map(prev.map((c) => [conflictKey(c), c]));
  const after = new Set(next.map(conflictKey));
  const appeared: Conflict[] = [];
  const changed: Conflict[] = [];
  for (const c of next) {
    const earlier = before.get(conflictKey(c));
    if (earlier === undefined) appeared.push(c);
    else if (!sameConflict(earlier, c)) changed.push(c);
  }
  return { appeared, resolved: prev.filter((c) => !after.has(conflictKey(c))), changed };
}

/** What travels to windows and shells: whole conflicts only where they are new or changed. */
export interface ConflictDelta {
  appeared: Conflict[];
  changed: Conflict[];
  /** conflictKey of each resolved conflict. */
  resolved: string[];
}

export function conflictDelta(changes: ConflictChanges): ConflictDelta {
  return {
    appeared: changes.appeared,
    changed: changes.changed,
    resolved: changes.resolved.map(conflictKey),
  };
}

/** Replays a delta onto a list in conflict order; returns the same list when the delta is empty. */
export function applyConflictDelta(list: Conflict[], delta: ConflictDelta): Conflict[] {
  if (delta.appeared.length + delta.changed.length + delta.resolved.length === 0) return list;
  const byKey = new Map(list.map((c) => [conflictKey(c), c]));
  for (const key of delta.resolved) byKey.delete(key);
  for (const c of [...delta.changed, ...delta.appeared]) byKey.set(conflictKey(c), c);
  return [...byKey.values()].sort(compareConflicts);
}
