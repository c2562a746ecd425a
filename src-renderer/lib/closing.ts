// Pure: closing connections no process holds any more (TIME_WAIT…), folded behind one summary row.
import type { PortSocket } from '../../src-main/domain/index.js';
import type { FilterTerm } from './filter.js';

type SocketState = PortSocket['state'];

const CLOSING: ReadonlySet<SocketState> = new Set([
  'TIME_WAIT',
  'FIN_WAIT1',
  'FIN_WAIT2',
  'CLOSING',
  'LAST_ACK',
  'CLOSE',
  'CLOSE_WAIT',
]);

/**
 * A socket on its way out that no process owns: the kernel keeps it for a while (TIME_WAIT), and
 * a row of it is dashes. A CLOSE_WAIT held by a process stays a row: that process forgot to close.
 */
export function isOwnerlessClosing(s: PortSocket): boolean {
  return s.pid === null && CLOSING.has(s.state);
}

export interface Folded {
  rows: readonly PortSocket[];
  /** How many rows were folded away, and in which states, most common first. */
  count: number;
  states: { state: SocketState; count: number }[];
}

/**
 * Splits off ownerless closing sockets unless `show`. A filter naming one of their states asks
 * for them, so they are never folded then.
 */
export function foldClosing(
  rows: readonly PortSocket[],
  show: boolean,
  terms: readonly FilterTerm[] = [],
): Folded {
  const asked = terms.some((t) => t.kind === 'state' && !t.negate && CLOSING.has(t.value));
  const counts = new Map<SocketState, number>();
  const kept: PortSocket[] = [];
  for (const s of rows) {
    if (isOwnerlessClosing(s)) counts.set(s.state, (counts.get(s.state) ?? 0) + 1);
    if (show || asked || !isOwnerlessClosing(s)) kept.push(s);
  }
  const states = [...counts]
    .map(([state, count]) => ({ state, count }))
    .sort((a, b) => b.count - a.count);
  const count = states.reduce((n, s) => n + s.count, 0);
  return { rows: count === 0 || show || asked ? rows : kept, count: asked ? 0 : count, states };
}

/** "183 closing connections (TIME_WAIT 180, FIN_WAIT2 3)". */
export function closingSummary(folded: Folded): string {
  const noun = folded.count === 1 ? 'closing connection' : 'closing connections';
  const states = folded.states.map((s) => `${s.state} ${s.count}`).join(', ');
  return `${folded.count} ${noun} (${states})`;
}
