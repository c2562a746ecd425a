// Node-free: every problem a state holds — conflicts, down watches, exposed ports — as one ranked list for every layer.
import { loopbackOf, targetText } from './endpoint.js';
import { exposureFix, exposureKey, loopbackPublishCommand } from './exposure.js';
import { ownerLabel, portTag, problemLine, upperFirst } from './labels.js';
import type { Conflict, PortSocket, WatchSpec, WatchState } from './model.js';
import { probeErrorText } from './probe-text.js';
import { downWatches, exposedPorts, type ExposedPort, type ProblemSource } from './problems.js';
import { bindCommand } from './recognise.js';
import { containerName, socketOwner, socketOwnerOrUnknown } from './socket-owner.js';
import {
  compareProblems,
  conflictSeverity,
  problemSeverity,
  type ProblemKind,
  type Severity,
} from './severity.js';

export type { ProblemKind, Severity };

/** A watch as the state carries it (the contract's WatchView). */
interface WatchEntry {
  spec: WatchSpec;
  state: WatchState | null;
}

export interface Problem {
  /** Stable across refreshes (a keyed list). */
  id: string;
  kind: ProblemKind;
  severity: Severity;
  title: string;
  message: string;
  /** One line on what to do; null when there is nothing to suggest. */
  fix: string | null;
  /** A command the user can copy to fix it (specific to the process when recognised); null when none. */
  command: string | null;
  /** The processes the problem is about (empty when none is known). */
  pids: number[];
  /** The local port to open in detail; null for remote watches. */
  port: number | null;
  /** For `exposed`: the listeners to acknowledge, one per acknowledgement key. */
  sockets?: PortSocket[];
}

/** A conflict as a problem: its one-line summary is the title, its message the explanation. */
export function conflictProblem(c: Conflict): Problem {
  return {
    id: `conflict:${c.kind}:${c.protocol}:${c.port}:${c.watchId ?? ''}`,
    kind: c.kind,
    severity: conflictSeverity(c),
    title: c.summary,
    message: c.message,
    fix: c.fix,
    command: c.command ?? null,
    pids: c.pids,
    port: c.port,
  };
}

/** `62893 · down · node (PID 4121) exited` (its cause, when the check could tell; else `was node
 *  (PID 4121)`); a labelled watch reads `api (62893) · down`. */
export function watchProblem(w: WatchEntry): Problem {
  const { host, port } = w.spec.target;
  const target = targetText(w.spec.target);
  const owner = w.state?.owner;
  const error = w.state?.lastError;
  const cause = w.state?.downCause ?? null;
  const was = owner?.process || owner?.pid != null ? ownerLabel(owner.pid, owner.process) : null;
  return {
    id: `watch:${w.spec.id}`,
    kind: 'watch-down',
    severity: problemSeverity('watch-down'),
    title: problemLine(
      w.spec.label ? `${w.spec.label} (${target})` : target,
      'down',
      cause ? cause.text : was === null ? null : `was ${was}`,
    ),
    message:
      [
        cause ? `${cause.text}.` : null,
        !cause && owner?.process ? `Last held by ${ownerLabel(owner.pid, owner.process)}.` : null,
        error ? `Last check: ${probeErrorText(error)}.` : null,
      ]
        .filter(Boolean)
        .join(' ') || 'Nothing answers there.',
    fix: cause?.fix ?? null,
    command: null,
    pids: owner?.pid == null ? [] : [owner.pid],
    port: host === null ? port : null,
  };
}

/** One problem per exposed port; it names its first listener and acknowledges them all. */
export function exposureProblem({ key, sockets }: ExposedPort): Problem {
  const s = sockets[0]!;
  const named = socketOwner(s);
  const owner = socketOwnerOrUnknown(s);
  const where = s.exposure === 'network' ? `network address ${s.localAddress}` : 'every interface';
  const loop = loopbackOf(s.family);
  const message = s.container
    ? `${containerName(s.container)} is published on ${where}; other machines can reach port ${s.localPort}.`
    : `${named ?? upperFirst(owner)} listens on ${where}; other machines can reach port ${s.localPort}.`;
  // Forked workers share one listener's key: acknowledge each key once.
  const keys = new Set<string>();
  const toAcknowledge: PortSocket[] = [];
  for (const socket of sockets) {
    const k = exposureKey(socket);
    if (keys.has(k)) continue;
    keys.add(k);
    toAcknowledge.push(socket);
  }
  return {
    id: `exposed:${key}`,
    kind: 'exposed',
    severity: problemSeverity('exposed'),
    title: problemLine(
      portTag(s.protocol, s.localPort),
      owner,
      `reachable from other machines on ${s.localAddress}`,
    ),
    message,
    fix: s.container
      ? exposureFix(s)
      : `If only this machine needs it, bind it to ${loop} or firewall the port.`,
    command: s.container
      ? loopbackPublishCommand(s.localPort, s.container)
      : bindCommand(s, 'loopback-only'),
    pids: [...new Set(sockets.flatMap((x) => (x.pid === null ? [] : [x.pid])))],
    port: s.localPort,
    sockets: toAcknowledge,
  };
}

/**
 * Most urgent first (domain/severity.ts: down watches, wrong owners, shadowed, shared, exposed,
 * half-reachable), one entry per exposed port. Lists every problem, hints and info included; the
 * alarming ones among them are exactly `countProblems(source)`.
 */
export function buildProblems(
  source: ProblemSource & { watches: readonly WatchEntry[] },
): Problem[] {
  const exposures = exposedPorts(source.sockets, source.acknowledgedExposures).map(exposureProblem);
  const seen = new Set(exposures.map((p) => p.id));
  const others = [
    ...source.conflicts.map(conflictProblem),
    ...downWatches(source.watches).map(watchProblem),
  ];
  // Keys must stay unique for a keyed list even if the core reports two alike.
  for (const problem of others) {
    let id = problem.id;
    for (let n = 2; seen.has(id); n += 1) id = `${problem.id}#${n}`;
    seen.add(id);
    problem.id = id;
  }
  return [...others, ...exposures].sort(compareProblems);
}
