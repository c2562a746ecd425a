// Words for the port detail: who answers localhost per family, and the processes holding the port.
import type { Answer, PortSocket } from '../../src-main/domain/index.js';
import { probeErrorText } from '../../src-main/domain/probe-text.js';
import { formatLatency } from './watch-view.js';

/** One process holding the port, with every address it holds it on. */
export interface PortOwner {
  pid: number;
  process: string | null;
  user: string | null;
  command: string | null;
  addresses: string[];
}

export const familyLabel = (family: 4 | 6): string => `IPv${family}`;

/** A name for a PID from the sockets we know, or null. */
export function processNameOf(pid: number, sockets: readonly PortSocket[]): string | null {
  return (
    sockets.find((s) => (s.pid === pid || s.pids?.includes(pid)) && s.process)?.process ?? null
  );
}

/**
 * "IPv4 (127.0.0.1) → node, PID 4121, 0.3 ms"; a closed address says why:
 * "IPv6 (::1) → refused (nothing listens)", in the words probeErrorText gives every probe.
 */
export function describeAnswer(answer: Answer, sockets: readonly PortSocket[]): string {
  const where = `${familyLabel(answer.family)} (${answer.address})`;
  if (!answer.open)
    return `${where} → ${probeErrorText(answer.error ?? (answer.ms === null ? 'timeout' : null))}`;
  const parts: string[] = [];
  if (answer.pid === null) parts.push('an unknown process');
  else {
    const name = processNameOf(answer.pid, sockets);
    if (name) parts.push(name);
    parts.push(`PID ${answer.pid}`);
  }
  if (answer.ms !== null) parts.push(formatLatency(answer.ms));
  return `${where} → ${parts.join(', ')}`;
}

/** All answers in one sentence, IPv4 first. */
export function describeAnswers(
  answers: readonly Answer[],
  sockets: readonly PortSocket[],
): string {
  return [...answers]
    .sort((a, b) => a.family - b.family)
    .map((a) => describeAnswer(a, sockets))
    .join('; ');
}

/** Distinct owning processes (forked workers sharing a socket count each), by PID. */
export function ownersOf(sockets: readonly PortSocket[]): PortOwner[] {
  const byPid = new Map<number, PortOwner>();
  for (const s of sockets) {
    const pids = s.pids && s.pids.length > 0 ? s.pids : s.pid === null ? [] : [s.pid];
    for (const pid of pids) {
      const owner = byPid.get(pid) ?? {
        pid,
        process: null,
        user: null,
        command: null,
        addresses: [],
      };
      // Workers listed in `pids` may carry no name of their own; borrow the socket's when it is theirs.
      if (pid === s.pid) {
        owner.process ??= s.process;
        owner.user ??= s.user;
        owner.command ??= s.command;
      }
      const where = s.family === 6 ? `[${s.localAddress}]` : s.localAddress;
      const address = `${s.protocol} ${where}`;
      if (!owner.addresses.includes(address)) owner.addresses.push(address);
      byPid.set(pid, owner);
    }
  }
  return [...byPid.values()].sort((a, b) => a.pid - b.pid);
}

/** A stable text for "the sockets on this port changed", so the detail re-fetches only then. */
export function socketsSignature(sockets: readonly PortSocket[]): string {
  return sockets
    .map(
      (s) =>
        `${s.protocol}|${s.localAddress}|${s.state}|${s.remoteAddress}|${s.remotePort}|${s.pid}`,
    )
    .sort()
    .join('\n');
}
