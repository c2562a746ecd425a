// Node-free: the one severity scale the tray, the window, the CLI and notifications rank and colour problems by.
import type { Conflict } from './model.js';

/**
 * How much a problem matters. `error`: something is broken now (a watched port is down, a stranger
 * holds it); `warning`: something will bite (a shadowed or shared port, a server open to the
 * network); `hint`: worth knowing (only one loopback family answers); `info`: deliberate and fine
 * (SO_REUSEPORT workers of one parent).
 */
export type Severity = 'error' | 'warning' | 'hint' | 'info';

/** Every kind of problem Porthole reports, conflicts and watches alike. */
export type ProblemKind =
  'watch-down' | 'unexpected-owner' | 'shadowed' | 'shared-port' | 'exposed' | 'half-reachable';

/** Most urgent first: the order Overview, the tray menu, notifications and the CLI list problems in. */
export const PROBLEM_ORDER: readonly ProblemKind[] = [
  'watch-down',
  'unexpected-owner',
  'shadowed',
  'shared-port',
  'exposed',
  'half-reachable',
];

/** Most severe first. */
export const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'hint', 'info'];

const SEVERITY_OF: Record<ProblemKind, Severity> = {
  'watch-down': 'error',
  'unexpected-owner': 'error',
  shadowed: 'warning',
  'shared-port': 'warning',
  exposed: 'warning',
  'half-reachable': 'hint',
};

/** The words every layer prints beside a severity's colour (screen readers hear them too). */
export const SEVERITY_LABEL: Record<Severity, string> = {
  error: 'Error',
  warning: 'Warning',
  hint: 'Hint',
  info: 'Info',
};

export interface SeverityFacts {
  /** A shared port whose holders are workers of one parent (SO_REUSEPORT on purpose). */
  deliberate?: boolean;
}

/** The severity of a kind of problem; a deliberate shared port is only `info`. */
export function problemSeverity(kind: ProblemKind, facts: SeverityFacts = {}): Severity {
  if (kind === 'shared-port' && facts.deliberate === true) return 'info';
  return SEVERITY_OF[kind];
}

/** A conflict's severity: what every layer colours and ranks it by. */
export function conflictSeverity(c: Pick<Conflict, 'kind' | 'deliberate'>): Severity {
  return problemSeverity(c.kind, { deliberate: c.deliberate });
}

/** Errors and warnings raise the badge, the tray's attention icon and notifications; hints and info only show. */
export function isAlarming(severity: Severity): boolean {
  return severity === 'error' || severity === 'warning';
}

/** Sorts most urgent first: by severity, then by kind (PROBLEM_ORDER), then by port. */
export function compareProblems(
  a: { severity: Severity; kind: ProblemKind; port?: number | null },
  b: { severity: Severity; kind: ProblemKind; port?: number | null },
): number {
  return (
    SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
    PROBLEM_ORDER.indexOf(a.kind) - PROBLEM_ORDER.indexOf(b.kind) ||
    (a.port ?? Number.MAX_SAFE_INTEGER) - (b.port ?? Number.MAX_SAFE_INTEGER)
  );
}

/** The most severe of several, or null for none. */
export function worstSeverity(severities: Iterable<Severity>): Severity | null {
  let worst: Severity | null = null;
  for (const s of severities) {
    if (worst === null || SEVERITY_ORDER.indexOf(s) < SEVERITY_ORDER.indexOf(worst)) worst = s;
  }
  return worst;
}
