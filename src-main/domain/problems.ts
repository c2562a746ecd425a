// Node-free: which exposed listeners are problems, and how many problems a state holds, for every layer.
import { exposureKey, isExposed } from './exposure.js';
import type { Conflict, PortSocket, WatchStatus } from './model.js';
import { conflictSeverity, isAlarming } from './severity.js';

/**
 * What makes one exposure problem: `tcp:5432`. A user means "5432 is exposed", so one server
 * listening on 0.0.0.0:5432 and :::5432 (or forked workers sharing it) is one problem, not two.
 * Acknowledgements stay per listener (`exposureKey`): the user accepts one binding at a time.
 */
export function exposedPortKey(s: Pick<PortSocket, 'protocol' | 'localPort'>): string {
  return `${s.protocol}:${s.localPort}`;
}

/** One exposed port: its listeners the user has not acknowledged, in the order given. */
export interface ExposedPort {
  key: string;
  sockets: PortSocket[];
}

/** Unacknowledged exposed listeners grouped by `exposedPortKey`, in order of first listener. */
export function exposedPorts(
  sockets: readonly PortSocket[],
  acknowledged: readonly string[] = [],
): ExposedPort[] {
  // No acknowledgements (the usual case): no exposureKey to build for each listener.
  const known = acknowledged.length === 0 ? null : new Set(acknowledged);
  const byKey = new Map<string, ExposedPort>();
  for (const s of sockets) {
    if (!isExposed(s) || known?.has(exposureKey(s))) continue;
    const key = exposedPortKey(s);
    const port = byKey.get(key);
    if (port) port.sockets.push(s);
    else byKey.set(key, { key, sockets: [s] });
  }
  return [...byKey.values()];
}

/** What the problem count is made of; the service's state and the window's store both fit. */
export interface ProblemSource {
  conflicts: readonly Conflict[];
  watches: readonly { state: { status: WatchStatus } | null }[];
  sockets: readonly PortSocket[];
  acknowledgedExposures: readonly string[];
}

/** Watches whose target is down. */
export function downWatches<W extends ProblemSource['watches'][number]>(
  watches: readonly W[],
): W[] {
  return watches.filter((w) => w.state?.status === 'down');
}

/** Conflicts worth the user's attention now (errors and warnings): hints and info only show in lists. */
export function alarmingConflicts<C extends Pick<Conflict, 'kind' | 'deliberate'>>(
  conflicts: readonly C[],
): C[] {
  return conflicts.filter((c) => isAlarming(conflictSeverity(c)));
}

/**
 * The number of alarming problems: conflicts that are errors or warnings, down watches and exposed
 * ports. The tray's title, the window's badge and Overview, and the CLI all print this one count,
 * so they always agree; hints (half-reachable) and info (deliberate SO_REUSEPORT) are not counted.
 */
export function countProblems(source: ProblemSource): number {
  return (
    alarmingConflicts(source.conflicts).length +
    downWatches(source.watches).length +
    exposedPorts(source.sockets, source.acknowledgedExposures).length
  );
}
