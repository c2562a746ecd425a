// Node-free: why a watched port went down, as one finding — the phrase a down notice, the watch's
// event and History lead with ("62893 is down: node (PID 4121) exited"), and what to do about it.
import { containerCommand } from './container-actions.js';
import { containerLabel } from './container.js';
import { formatEndpoint } from './endpoint.js';
import { ownerLabel } from './labels.js';
import { holdsPid, isListener, type DownCause, type PortSocket, type WatchOwner } from './model.js';

export type { DownCause } from './model.js';

/** What became of a process that no longer holds a port, in the words every layer uses. */
export const FATE_WORDS: Readonly<Record<'exited' | 'stopped-listening', string>> = {
  exited: 'exited',
  'stopped-listening': 'stopped listening',
};

export interface DownFacts {
  port: number;
  /** The owner the watch last saw. */
  owner: WatchOwner | null;
  /** The latest snapshot's sockets; null when none. */
  sockets: readonly PortSocket[] | null;
  /** Whether the owner's PID still runs; null when that cannot be told (then a PID that holds no
   *  socket at all counts as exited). */
  alive: boolean | null;
  /** The failed check's reason: `ECONNREFUSED`, `timed out`…; null when none was given. */
  error: string | null;
  /** Whether the check's connection would reach this listener (the addresses it tries). */
  reached(listener: PortSocket): boolean;
}

/** Why the owner a watch last saw no longer answers; null when that cannot be told (no PID known,
 *  or a snapshot that still shows it listening where a refused check went: not yet refreshed). */
export function downCause(facts: DownFacts): DownCause | null {
  const { port, owner, sockets, alive, error } = facts;
  if (owner === null || owner.pid === null) return null;
  const pid = owner.pid;
  const label = owner.container ? containerLabel(owner.container) : ownerLabel(pid, owner.process);
  const listening = (sockets ?? []).filter(
    (s) => s.protocol === 'tcp' && s.localPort === port && isListener(s) && holdsPid(s, pid),
  );
  if (listening.some((s) => facts.reached(s))) {
    if (error === null || error === 'ECONNREFUSED') return null;
    return {
      kind: 'not-answering',
      text: `${label} still listens but does not answer`,
      fix: 'It may be stuck or busy: look at its logs, or restart it.',
    };
  }
  if (listening.length > 0) {
    const where = [...new Set(listening.map((s) => formatEndpoint(s.localAddress, port)))];
    return {
      kind: 'moved',
      text: `${label} now listens only on ${where.join(' and ')}`,
      fix: `Watch ${where[0]} instead, or have the server listen where the watch looks.`,
    };
  }
  const gone =
    alive === false ||
    (alive === null && sockets !== null && !sockets.some((s) => holdsPid(s, pid)));
  if (gone) {
    if (owner.container) {
      return {
        kind: 'exited',
        text: `${label} stopped`,
        fix: `Start the container again (${containerCommand('start', owner.container)}).`,
      };
    }
    return { kind: 'exited', text: `${label} ${FATE_WORDS.exited}`, fix: 'Start it again.' };
  }
  if (alive === null && sockets === null) return null;
  return {
    kind: 'stopped-listening',
    text: `${label} ${FATE_WORDS['stopped-listening']} but still runs`,
    fix: 'Check its logs for why it closed the port, or restart it.',
  };
}
