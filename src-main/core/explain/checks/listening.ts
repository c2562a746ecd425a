// `listening`: who listens on the port on every address and family; nothing → who held it last, from history.
import { FATE_WORDS } from '../../../domain/down-cause.js';
import type { HistoryEntry } from '../../../domain/history-entry.js';
import { ownerLabel } from '../../../domain/labels.js';
import { timeOfDay } from '../../../domain/time-text.js';
import type { ExplainCheck, ExplainContext, Finding } from '../check.js';
import {
  finding,
  isThisMachine,
  noSnapshot,
  placeAndOwner,
  socketPids,
  targetListeners,
} from '../port-facts.js';

const NAME = 'listening';

/** The newest entry that names a process, and the first `down` after it (when it stopped). */
function lastHolder(
  entries: readonly HistoryEntry[],
): { owner: HistoryEntry; until: number | null } | null {
  for (let i = entries.length - 1; i >= 0; i -= 1) {
    const owner = entries[i]!;
    if (owner.pid === null) continue;
    const down = entries.slice(i).find((e) => e.event === 'down');
    return { owner, until: down?.at ?? null };
  }
  return null;
}

async function historyClause(ctx: ExplainContext): Promise<{ text: string; pid: number | null }> {
  if (!ctx.history) return { text: '', pid: null };
  const entries = await ctx.history(ctx.input.target.port).catch(() => []);
  const last = lastHolder(entries);
  if (!last) return { text: '', pid: null };
  const who = ownerLabel(last.owner.pid, last.owner.process) ?? 'a process';
  const when = last.until === null ? '' : ` until ${timeOfDay(last.until)}`;
  const alive = last.owner.pid === null ? null : (ctx.alive?.(last.owner.pid) ?? null);
  const fate =
    alive === false
      ? `, which ${FATE_WORDS.exited}`
      : alive === true
        ? `, which ${FATE_WORDS['stopped-listening']} but still runs`
        : '';
  return { text: `; it was held by ${who}${when}${fate}`, pid: last.owner.pid };
}

export const listeningCheck: ExplainCheck = {
  name: NAME,
  async run(ctx): Promise<Finding[]> {
    if (!ctx.snapshot) return [noSnapshot(NAME)];
    const { host, port, protocol } = ctx.input.target;
    // Another machine's port is the remote check's; this machine's sockets say nothing about it.
    if (!isThisMachine(ctx, host)) return [];
    const listeners = targetListeners(ctx);
    const situation = ctx.input.situation;
    if (listeners.length > 0) {
      const where = listeners.map(placeAndOwner).join(', ');
      const status = situation === 'address-in-use' ? 'info' : 'ok';
      return [
        finding(
          NAME,
          status,
          `Listening on ${protocol}/${port}: ${where}.`,
          null,
          listeners.flatMap(socketPids),
        ),
      ];
    }
    const past = await historyClause(ctx);
    const message = `Nothing listens on ${protocol}/${port}${past.text}.`;
    if (situation === 'address-in-use' || situation === 'permission-denied') {
      return [finding(NAME, 'info', message, null, [past.pid])];
    }
    const fix = `start the server (or check the port it is configured for), then try ${port} again`;
    return [finding(NAME, 'problem', message, fix, [past.pid])];
  },
};
