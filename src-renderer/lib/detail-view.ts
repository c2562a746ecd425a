// Words for the port detail: who answers localhost per family (and whether that is the problem), the holders, a down watch.
import type { Answer, Conflict, PortSocket } from '../../src-main/domain/index.js';
import { ownerLabel } from '../../src-main/domain/labels.js';
import { watchProblem } from '../../src-main/domain/problem-list.js';
import {
  conflictSeverity,
  problemSeverity,
  worstSeverity,
  type Severity,
} from '../../src-main/domain/severity.js';
import { probeErrorText } from '../../src-main/domain/probe-text.js';
import { unnamedHolder } from '../../src-main/domain/unattributed.js';
import type { WatchView } from '../../src-main/shared/contract.js';
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
  if (answer.pid === null) parts.push(unnamedHolder(answer.unattributedCause));
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
        `${s.protocol}|${s.localAddress}|${s.state}|${s.remoteAddress}|${s.remotePort}|${s.pid}|${s.container?.id ?? ''}`,
    )
    .sort()
    .join('\n');
}

/** One answer as "Who answers" shows it: its words, and its severity when it is part of the problem. */
export interface MarkedAnswer {
  answer: Answer;
  text: string;
  /** The problem's severity when this answer is part of it; null when the answer is fine (or just closed). */
  severity: Severity | null;
}

export interface AnswerMarks {
  /** In the order a client tries them: ::1 first (browsers, Node >= 17, curl prefer IPv6), then IPv4. */
  answers: MarkedAnswer[];
  /** Which answer a localhost client gets, when the answers disagree; null when they agree. */
  verdict: string | null;
  /** The worst mark, or null when nothing is marked. */
  severity: Severity | null;
}

/** Clients that resolve `localhost` try ::1 before 127.0.0.1: IPv6 first, the core's order within a family. */
function clientOrder(answers: readonly Answer[]): Answer[] {
  return [...answers].sort((a, b) => b.family - a.family);
}

function whoAnswered(answer: Answer, sockets: readonly PortSocket[]): string {
  if (answer.pid === null) return unnamedHolder(answer.unattributedCause);
  return ownerLabel(answer.pid, processNameOf(answer.pid, sockets));
}

/** The rival by name alone ("not node"), unless that name is the winner's too ("not node (PID 4121)"). */
function rivalName(rival: Answer, first: Answer, sockets: readonly PortSocket[]): string {
  if (rival.pid === null) return unnamedHolder(rival.unattributedCause);
  const name = processNameOf(rival.pid, sockets);
  const firstName = first.pid === null ? null : processNameOf(first.pid, sockets);
  if (name === null) return `PID ${rival.pid}`;
  return name === firstName ? ownerLabel(rival.pid, name) : name;
}

function whyClosed(answer: Answer): string {
  return answer.error ?? (answer.ms === null ? 'timeout' : 'closed');
}

function verdictOf(
  first: Answer,
  others: readonly Answer[],
  sockets: readonly PortSocket[],
): string {
  const lead = `localhost → ${first.address} first`;
  if (first.open) {
    const rival = others.find((a) => a.open && a.pid !== first.pid);
    if (rival)
      return `${lead}: ${whoAnswered(first, sockets)} answers, not ${rivalName(rival, first, sockets)}`;
    const closed = others.find((a) => !a.open);
    return `${lead}: ${whoAnswered(first, sockets)} answers; ${closed?.address ?? 'the other address'} gets no answer (${closed ? whyClosed(closed) : 'closed'})`;
  }
  const fallback = others.find((a) => a.open);
  return `${lead}: no answer (${whyClosed(first)}); clients that fall back to ${fallback?.address ?? 'the other address'} get ${fallback ? whoAnswered(fallback, sockets) : 'nothing'}`;
}

/**
 * Marks "who answers localhost" with the port's problem, so the list never shows green for the very
 * conflict it explains. The answers disagree when two different processes answer for the two
 * families, or one family answers and another does not: then every answer carries the severity of the
 * port's TCP conflicts (a shadowed port without its conflict known yet is `shadowed`, one family
 * refused is `half-reachable`), and the verdict says which answer a client gets. When they agree, an
 * answer that reaches an unexpected owner still carries that conflict's severity.
 */
export function markAnswers(
  answers: readonly Answer[],
  conflicts: readonly Conflict[],
  sockets: readonly PortSocket[],
): AnswerMarks {
  const ordered = clientOrder(answers);
  const tcp = conflicts.filter((c) => c.protocol === 'tcp');
  const open = ordered.filter((a) => a.open);
  const split = new Set(open.map((a) => a.pid)).size > 1;
  const partial = open.length > 0 && open.length < ordered.length;
  const text = (a: Answer): string => describeAnswer(a, sockets);

  if (split || partial) {
    const severity =
      worstSeverity(tcp.map(conflictSeverity)) ??
      problemSeverity(split ? 'shadowed' : 'half-reachable');
    const [first, ...others] = ordered as [Answer, ...Answer[]];
    return {
      answers: ordered.map((answer) => ({ answer, text: text(answer), severity })),
      verdict: verdictOf(first, others, sockets),
      severity,
    };
  }

  const unexpected = tcp.filter((c) => c.kind === 'unexpected-owner');
  const marked = ordered.map((answer) => {
    const hit = unexpected.filter(
      (c) => answer.open && answer.pid !== null && c.pids.includes(answer.pid),
    );
    return { answer, text: text(answer), severity: worstSeverity(hit.map(conflictSeverity)) };
  });
  return {
    answers: marked,
    verdict: null,
    severity: worstSeverity(marked.flatMap((m) => (m.severity === null ? [] : [m.severity]))),
  };
}

/** What "Who holds port P" says when nobody listens: free, or down (error) when a watch says so. */
export function vacancyText(
  port: number,
  watch: WatchView | undefined,
): { text: string; severity: Severity | null } {
  if (watch?.state?.status !== 'down') {
    return { text: `Nobody listens on port ${port}: it is free.`, severity: null };
  }
  const problem = watchProblem(watch);
  return {
    text: `Port ${port} is down: nobody listens on it. ${problem.message}`,
    severity: problem.severity,
  };
}
