// What `porthole status` and the MCP server's watch_status report: the one-line counts and each saved watch checked once.
import { findConflicts } from '../../core/rules/conflicts.js';
import { probeTcp } from '../../core/watches/prober.js';
import { observeWatch } from '../../core/watches/watch-observe.js';
import { initialWatchState, nextWatchState } from '../../core/watches/watch-state.js';
import { targetText } from '../../domain/endpoint.js';
import type { Snapshot, WatchSpec, WatchState } from '../../domain/model.js';
import { statusCounts, statusLine, type StatusCounts } from '../../domain/status-line.js';

export interface CheckedWatch {
  spec: WatchSpec;
  state: WatchState;
}

export interface StatusReport {
  counts: StatusCounts;
  watches: CheckedWatch[];
}

/** One check of a saved watch: its first observation decides up or down, as the app's first check does. */
async function checkOnce(spec: WatchSpec, snapshot: Snapshot): Promise<WatchState> {
  const now = Date.now();
  const observation = await observeWatch(spec, snapshot, probeTcp, Date.now);
  return nextWatchState(spec, initialWatchState(now), observation).state;
}

/** Counts the same problems the tray and the window show, checking each saved watch once. */
export async function statusReport(
  snapshot: Snapshot,
  settings: { watches: readonly WatchSpec[]; acknowledgedExposures: readonly string[] },
): Promise<StatusReport> {
  const watches = await Promise.all(
    settings.watches.map(async (spec) => ({ spec, state: await checkOnce(spec, snapshot) })),
  );
  const counts = statusCounts({
    conflicts: findConflicts(snapshot, settings.watches),
    watches,
    sockets: snapshot.sockets,
    acknowledgedExposures: settings.acknowledgedExposures,
  });
  return { counts, watches };
}

/**
 * `status --json`: {line, listening, problems, severities, watches, watchesDown, watchStates};
 * watchStates (added) names each saved watch with its state and the process holding it.
 */
export function statusJson(r: StatusReport) {
  return {
    line: statusLine(r.counts),
    ...r.counts,
    watchStates: r.watches.map(({ spec, state }) => ({
      id: spec.id,
      target: targetText(spec.target),
      label: spec.label,
      status: state.status,
      pid: state.owner?.pid ?? null,
      process: state.owner?.process ?? null,
      error: state.lastError,
    })),
  };
}
