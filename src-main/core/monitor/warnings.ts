// A headless monitor's troubles as warning lines (`porthole watch`, `porthole metrics`): each once.
import type { Monitor } from './monitor.js';

/** Says when sockets cannot be collected (once per reason; probes go on) and every monitor error. */
export function warnMonitorTrouble(monitor: Monitor, warn: (message: string) => void): void {
  let lastReason: string | null = null;
  monitor.on('status', (status) => {
    // Without sockets the watch still probes; it just cannot name the process.
    if (status.state === 'degraded' && status.reason !== lastReason)
      warn(`could not collect sockets (${status.reason ?? 'unknown reason'}); probing only`);
    lastReason = status.state === 'degraded' ? status.reason : null;
  });
  monitor.on('error', (error) => warn(error.message));
}
