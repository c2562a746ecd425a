// Node-free: the one-line status (listening ports, problems by severity, watches down) bare `porthole` prints.
import { isListener, type PortSocket, type WatchSpec, type WatchState } from './model.js';
import { buildProblems } from './problem-list.js';
import { countProblems, type ProblemSource } from './problems.js';
import { isAlarming, SEVERITY_ORDER, type Severity } from './severity.js';

/** Distinct listening `protocol:port` pairs: a server on 127.0.0.1:3000 and [::1]:3000 is one port. */
export function listeningPortCount(sockets: readonly PortSocket[]): number {
  return new Set(sockets.filter(isListener).map((s) => `${s.protocol}:${s.localPort}`)).size;
}

export interface StatusCounts {
  /** Distinct listening ports (listeningPortCount). */
  listening: number;
  /** Problems that need attention (countProblems: errors and warnings), and how many of each severity (domain/severity.ts), hints and info included. */
  problems: number;
  severities: Record<Severity, number>;
  watches: number;
  watchesDown: number;
}

/** The counts of a state, from the same problem list the tray and the window show. */
export function statusCounts(
  source: ProblemSource & { watches: readonly { spec: WatchSpec; state: WatchState | null }[] },
): StatusCounts {
  const problems = buildProblems(source);
  const severities: Record<Severity, number> = { error: 0, warning: 0, hint: 0, info: 0 };
  for (const problem of problems) severities[problem.severity] += 1;
  return {
    listening: listeningPortCount(source.sockets),
    problems: countProblems(source),
    severities,
    watches: source.watches.length,
    watchesDown: source.watches.filter((w) => w.state?.status === 'down').length,
  };
}

function plural(count: number, noun: string, many = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : many}`;
}

/**
 * `14 listening ports · 2 problems (1 error, 1 warning) · 1 for your information · 3 watches, 1 down`; parts with nothing
 * to say read "no problems" and, without watches, are left out.
 */
export function statusLine(counts: StatusCounts): string {
  const parts = [plural(counts.listening, 'listening port')];
  if (counts.problems === 0) parts.push('no problems');
  else {
    const bySeverity = SEVERITY_ORDER.filter((s) => isAlarming(s) && counts.severities[s] > 0).map(
      (s) => plural(counts.severities[s], s),
    );
    parts.push(`${plural(counts.problems, 'problem')} (${bySeverity.join(', ')})`);
  }
  // Hints and deliberate setups show, as in the window, without counting as problems.
  const quiet = SEVERITY_ORDER.filter((s) => !isAlarming(s)).reduce(
    (n, s) => n + counts.severities[s],
    0,
  );
  if (quiet > 0) parts.push(`${quiet} for your information`);
  if (counts.watches > 0) {
    const down = counts.watchesDown > 0 ? `, ${counts.watchesDown} down` : '';
    parts.push(`${plural(counts.watches, 'watch', 'watches')}${down}`);
  }
  return parts.join(' · ');
}
