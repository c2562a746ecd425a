// Node-free: one line per container engine that did not answer, for the CLI, the tray and the window.
import type { EngineStatus } from './container.js';

/**
 * `container engine docker (unix:///var/run/docker.sock) is unavailable: permission denied …; its
 * containers' ports show their forwarder only`, one per unavailable engine, in the snapshot's order.
 */
export function engineNotes(engines: readonly EngineStatus[] | undefined): string[] {
  return (engines ?? [])
    .filter((e) => e.state === 'unavailable')
    .map((e) => {
      const why = e.reason ? `: ${e.reason}` : '';
      return `container engine ${e.id} (${e.endpoint}) is unavailable${why}; ports of its containers show their forwarding process only`;
    });
}
