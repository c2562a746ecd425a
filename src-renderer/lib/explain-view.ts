// How the Explain panel shows a finding's status: a mark and a word (never colour alone), problems first.
import type { ExplanationFinding, ExplanationStatus } from '../../src-main/domain/explanation.js';
import type { PortSocket } from '../../src-main/domain/model.js';
import { ownerLabel } from '../../src-main/domain/labels.js';
import { containerStopOf, type ContainerStop } from './container-view.js';

export interface StatusLook {
  /** The CLI's marks: `!` problem, `i` info, `✓` fine, `–` skipped. */
  mark: string;
  word: string;
  /** The colour class (theme.css); the mark and word carry the meaning without it. */
  className: string;
}

const LOOKS: Readonly<Record<ExplanationStatus, StatusLook>> = {
  problem: { mark: '!', word: 'Problem', className: 'sev-error' },
  info: { mark: 'i', word: 'Note', className: 'sev-info' },
  ok: { mark: '✓', word: 'Fine', className: 'status-ok' },
  skipped: { mark: '–', word: 'Skipped', className: 'status-skipped' },
};

export function statusLook(status: ExplanationStatus): StatusLook {
  return LOOKS[status];
}

const ORDER: Readonly<Record<ExplanationStatus, number>> = {
  problem: 0,
  info: 1,
  ok: 2,
  skipped: 3,
};

/** Problems first, then notes, fine and skipped; the service's order within each. */
export function problemsFirst(findings: readonly ExplanationFinding[]): ExplanationFinding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => ORDER[a.f.status] - ORDER[b.f.status] || a.i - b.i)
    .map(({ f }) => f);
}

/** What the window sends at most: browser mode's request body is 64 KB, and a character may take
 *  four bytes in UTF-8; an error line is near the start of what is pasted. */
export const MAX_SENT_CHARS = 16_000;

/** The text to send, and whether it was cut. */
export function textToSend(text: string): { text: string; cut: boolean } {
  return text.length > MAX_SENT_CHARS
    ? { text: text.slice(0, MAX_SENT_CHARS), cut: true }
    : { text, cut: false };
}

/** The input a port's page starts with: the port itself (what answers on it, and why). */
export function prefillFor(port: number | null): string {
  return port === null ? '' : String(port);
}

/** The port page to open for a finding's processes: the explained port when one of them holds it,
 *  else the first port one of them listens on, else the explained port. */
export function holderPort(
  pids: readonly number[],
  target: number,
  listeners: readonly Pick<PortSocket, 'pid' | 'pids' | 'localPort'>[],
): number {
  const held = listeners.filter((s) =>
    pids.some((pid) => s.pid === pid || (s.pids ?? []).includes(pid)),
  );
  if (held.length === 0 || held.some((s) => s.localPort === target)) return target;
  return held[0]!.localPort;
}

/** A finding's way to a port page: the port, and every PID of the findings that lead there. */
export interface OpenLink {
  port: number;
  pids: number[];
}

/**
 * One "Open port" link per port page: on the first finding that leads there (problems come first),
 * naming the PIDs of every finding that does; none to the page already showing (`current`).
 */
export function openLinks(
  findings: readonly Pick<ExplanationFinding, 'pids'>[],
  target: number,
  listeners: readonly Pick<PortSocket, 'pid' | 'pids' | 'localPort'>[],
  current: number | null,
): (OpenLink | null)[] {
  const byPort = new Map<number, OpenLink>();
  return findings.map(({ pids }) => {
    if (pids.length === 0) return null;
    const port = holderPort(pids, target, listeners);
    if (port === current) return null;
    const seen = byPort.get(port);
    if (seen === undefined) {
      const link = { port, pids: [...new Set(pids)] };
      byPort.set(port, link);
      return link;
    }
    seen.pids.push(...pids.filter((pid) => !seen.pids.includes(pid)));
    return null;
  });
}

/** A "Stop …" action: a process a problem finding is about, named as the window's rows name it;
 *  for a container's port, the container (its forwarder process is not to be stopped). */
export interface StopOffer {
  pid: number;
  label: string;
  container: ContainerStop | null;
}

/**
 * Per finding, what it offers to stop (after the usual confirmation): only problems, only PIDs the
 * window sees holding a socket (so they can be named and judged), each process or container once —
 * on the first problem about it. A container's port offers the container, not its forwarder.
 */
export function stopOffers(
  findings: readonly Pick<ExplanationFinding, 'pids' | 'status'>[],
  listeners: readonly PortSocket[],
): StopOffer[][] {
  const offered = new Set<string>();
  return findings.map(({ pids, status }) => {
    if (status !== 'problem') return [];
    const offers: StopOffer[] = [];
    for (const pid of pids) {
      const holder = listeners.find((s) => s.pid === pid || s.pids?.includes(pid) === true);
      if (!holder) continue;
      const container = containerStopOf(holder);
      const key = container ? `container:${container.container.id}` : `pid:${pid}`;
      if (offered.has(key)) continue;
      offered.add(key);
      const label = container
        ? `container ${container.container.name}`
        : ownerLabel(pid, holder.pid === pid ? holder.process : null);
      offers.push({ pid, label, container });
    }
    return offers;
  });
}
