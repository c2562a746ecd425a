// What `porthole status` does when it runs, loaded only then (status.ts defines the command).
import { findConflicts } from '../../core/rules/conflicts.js';
import { probeTcp } from '../../core/watches/prober.js';
import { observeWatch } from '../../core/watches/watch-observe.js';
import { initialWatchState, nextWatchState } from '../../core/watches/watch-state.js';
import type { Snapshot, WatchSpec, WatchState } from '../../domain/model.js';
import { statusCounts, statusLine } from '../../domain/status-line.js';
import { printProse, println, type CliContext } from '../context.js';
import { palette } from '../format/color.js';
import { jsonBlock } from '../format/json.js';
import { loadSettings, reportSnapshotWarnings, takeSnapshot } from '../load.js';

/** One check of a saved watch: its first observation decides up or down, as the app's first check does. */
async function checkOnce(spec: WatchSpec, snapshot: Snapshot): Promise<WatchState> {
  const now = Date.now();
  const observation = await observeWatch(spec, snapshot, probeTcp, Date.now);
  return nextWatchState(spec, initialWatchState(now), observation).state;
}

export async function runStatus(ctx: CliContext, options: { json?: boolean }): Promise<void> {
  const settings = await loadSettings(ctx);
  const snapshot = await takeSnapshot();
  reportSnapshotWarnings(ctx, snapshot);
  const watches = await Promise.all(
    settings.watches.map(async (spec) => ({ spec, state: await checkOnce(spec, snapshot) })),
  );
  const counts = statusCounts({
    conflicts: findConflicts(snapshot, settings.watches),
    watches,
    sockets: snapshot.sockets,
    acknowledgedExposures: settings.acknowledgedExposures,
  });
  const line = statusLine(counts);
  if (options.json) {
    println(ctx, jsonBlock({ line, ...counts }));
    return;
  }
  const p = palette(ctx.color);
  const worst = counts.severities.error > 0 ? p.red : counts.problems > 0 ? p.yellow : p.green;
  printProse(ctx, `porthole: ${worst(line)}`);
}
