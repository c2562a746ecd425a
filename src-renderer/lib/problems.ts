// Pure: what the Overview lists first — conflicts, down watches, exposed listeners — as uniform problems.
import type { WatchView } from '../../src-main/shared/contract.js';
import type { Conflict, PortSocket } from '../../src-main/domain/index.js';
import { formatEndpoint, formatProtocol } from './format.js';
import { exposureKey } from './sockets.js';

export type ProblemKind = 'conflict' | 'watch-down' | 'exposed';

export interface Problem {
  /** Stable across refreshes (a keyed list). */
  id: string;
  kind: ProblemKind;
  severity: 'error' | 'warning';
  title: string;
  message: string;
  /** One line on what to do; null when there is nothing to suggest. */
  fix: string | null;
  /** The local port to open in detail; null for remote watches. */
  port: number | null;
  /** For `exposed`: the listener to acknowledge. */
  socket?: PortSocket;
}

function watchTarget(w: WatchView): string {
  const { host, port } = w.spec.target;
  return host === null ? `port ${port}` : formatEndpoint(host, port);
}

export function conflictProblem(c: Conflict): Problem {
  const kinds = {
    'shared-port': 'Port shared',
    shadowed: 'Port shadowed',
    'unexpected-owner': 'Unexpected owner',
  } as const;
  return {
    id: `conflict:${c.kind}:${c.protocol}:${c.port}:${c.watchId ?? ''}`,
    kind: 'conflict',
    severity: 'error',
    title: `${kinds[c.kind]} on ${c.protocol} ${c.port}`,
    message: c.message,
    fix: c.fix,
    port: c.port,
  };
}

export function watchProblem(w: WatchView): Problem {
  const name = w.spec.label ? `${w.spec.label} (${watchTarget(w)})` : watchTarget(w);
  const owner = w.state?.owner?.process;
  const error = w.state?.lastError;
  return {
    id: `watch:${w.spec.id}`,
    kind: 'watch-down',
    severity: 'error',
    title: `Watch down: ${name}`,
    message:
      [
        owner
          ? `Last held by ${owner}${w.state?.owner?.pid ? ` (PID ${w.state.owner.pid})` : ''}.`
          : null,
        error ? `Last check: ${error}.` : null,
      ]
        .filter(Boolean)
        .join(' ') || 'Nothing answers there.',
    fix: null,
    port: w.spec.target.host === null ? w.spec.target.port : null,
  };
}

export function exposureProblem(s: PortSocket): Problem {
  const who = s.process ? `${s.process}${s.pid ? ` (PID ${s.pid})` : ''}` : 'An unknown process';
  const where = s.exposure === 'network' ? `network address ${s.localAddress}` : 'every interface';
  const loop = s.family === 6 ? '::1' : '127.0.0.1';
  return {
    id: `exposed:${exposureKey(s)}`,
    kind: 'exposed',
    severity: 'warning',
    title: `Exposed: ${formatProtocol(s)} ${s.localPort}`,
    message: `${who} listens on ${where}; other machines can reach port ${s.localPort}.`,
    fix: `If only this machine needs it, bind it to ${loop} or firewall the port.`,
    port: s.localPort,
    socket: s,
  };
}

/** The exposed listeners that make a problem: one per exposure key (forked workers share one). */
function distinctExposures(exposed: readonly PortSocket[]): PortSocket[] {
  // The key includes the port, so only listeners sharing a port can share one: counting ports
  // first spares building thousands of keys on a big machine.
  const perPort = new Map<number, number>();
  for (const s of exposed) perPort.set(s.localPort, (perPort.get(s.localPort) ?? 0) + 1);
  const seen = new Set<string>();
  return exposed.filter((s) => {
    if (perPort.get(s.localPort) === 1) return true;
    const key = exposureKey(s);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * How many problems `buildProblems` lists, without building them. The sidebar badge, the window
 * title and the Overview's "Problems (n)" all use this, so they always agree.
 */
export function countProblems(
  conflicts: readonly Conflict[],
  downWatches: readonly WatchView[],
  exposed: readonly PortSocket[],
): number {
  return conflicts.length + downWatches.length + distinctExposures(exposed).length;
}

/** Errors first (conflicts, then down watches), then exposure warnings; one entry per exposure key. */
export function buildProblems(
  conflicts: readonly Conflict[],
  downWatches: readonly WatchView[],
  exposed: readonly PortSocket[],
): Problem[] {
  const exposures = distinctExposures(exposed).map(exposureProblem);
  const seen = new Set(exposures.map((p) => p.id));
  const errors = [...conflicts.map(conflictProblem), ...downWatches.map(watchProblem)];
  // Keys must stay unique for a keyed list even if the core reports two alike.
  for (const problem of errors) {
    let id = problem.id;
    for (let n = 2; seen.has(id); n += 1) id = `${problem.id}#${n}`;
    seen.add(id);
    problem.id = id;
  }
  return [...errors, ...exposures];
}
