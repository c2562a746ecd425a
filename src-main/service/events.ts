// Translates the monitor's events into the window's PortholeEvents (a diff, never a whole snapshot).
import type { PortholeEvent } from '../shared/contract.js';
import { conflictDelta } from '../domain/conflict-changes.js';
import { unattributedCounts } from '../domain/unattributed.js';
import type { Monitor, MonitorEvents } from '../core/monitor/monitor.js';

type Emit = (event: PortholeEvent) => void;

function listen<K extends keyof MonitorEvents>(
  monitor: Monitor,
  name: K,
  handler: (...args: MonitorEvents[K]) => void,
): () => void {
  // Node's typings cannot match a generic K to its listener type; the signature above already does.
  const listener = handler as Parameters<Monitor['on']>[1];
  monitor.on(name, listener);
  return () => monitor.off(name, listener);
}

/** Subscribes to the monitor; returns the function that unsubscribes again. */
export function forwardMonitorEvents(monitor: Monitor, emit: Emit): () => void {
  const detach = [
    listen(monitor, 'snapshot', (snapshot, diff) =>
      emit({
        type: 'snapshot-diff',
        takenAt: snapshot.takenAt,
        diff,
        unattributed: snapshot.unattributed,
        unattributedByCause: unattributedCounts(snapshot),
        warnings: snapshot.warnings,
        source: snapshot.source,
        ...(snapshot.engines ? { engines: snapshot.engines } : {}),
      }),
    ),
    listen(monitor, 'conflicts', (_current, appeared, resolved, changed) =>
      emit({ type: 'conflicts', ...conflictDelta({ appeared, resolved, changed }) }),
    ),
    listen(monitor, 'status', (status) => emit({ type: 'status', status })),
    listen(monitor, 'watch-state', (id, state) => emit({ type: 'watch-state', id, state })),
    listen(monitor, 'watch', (event) => emit({ type: 'watch-event', event })),
  ];
  return () => {
    for (const off of detach) off();
  };
}
