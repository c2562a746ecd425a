// Keeps the monitor's current conflicts and tells which rule results are news.
import { ConflictFinder, diffConflicts, type RuleOptions } from '../rules/conflicts.js';
import type { Conflict, Snapshot, WatchSpec } from '../../domain/model.js';

export interface ConflictNews {
  current: Conflict[];
  appeared: Conflict[];
  resolved: Conflict[];
  /** Same key, other text, PIDs or sockets. */
  changed: Conflict[];
}

export class MonitorConflicts {
  /** Remembers each port's rule results, so a tick re-runs the rules only where sockets changed. */
  readonly #finder: ConflictFinder;
  #current: Conflict[] = [];
  #known = false;

  constructor(rules: RuleOptions = {}) {
    this.#finder = new ConflictFinder(rules);
  }

  get current(): Conflict[] {
    return this.#current;
  }

  /** False until the rules have run once: their first answer is always news. */
  get known(): boolean {
    return this.#known;
  }

  /** Re-runs the rules; null when they found the same conflicts as last time. */
  update(snapshot: Snapshot, watches: readonly WatchSpec[]): ConflictNews | null {
    const current = this.#finder.find(snapshot, watches);
    const { appeared, resolved, changed } = diffConflicts(this.#current, current);
    this.#current = current;
    // A changed conflict (new PID, renamed process) goes out as `changed` so windows and the
    // tray drop the stale text, but not as `appeared`: it is no news for notices or history.
    if (this.#known && appeared.length + resolved.length + changed.length === 0) return null;
    this.#known = true;
    return { current, appeared, resolved, changed };
  }
}
