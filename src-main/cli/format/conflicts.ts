// Human rendering of problems: a severity mark, what is wrong, the one-line fix and a command to copy.
import { exposureFix, loopbackPublishCommand } from '../../domain/exposure.js';
import type { Conflict, PortSocket } from '../../domain/model.js';
import { exposedPorts } from '../../domain/problems.js';
import { bindCommand } from '../../domain/recognise.js';
import {
  compareProblems,
  conflictSeverity,
  problemSeverity,
  type ProblemKind,
  type Severity,
} from '../../domain/severity.js';
import type { Palette } from './color.js';
import { printable } from './printable.js';

const KIND_LABEL: Record<Conflict['kind'], string> = {
  'shared-port': 'shared port',
  shadowed: 'shadowed',
  'unexpected-owner': 'unexpected owner',
  'half-reachable': 'half-reachable',
};

/** The mark before each problem line: `!` needs attention, `·` a hint, `i` deliberate and fine. */
export const SEVERITY_MARK: Record<Severity, string> = {
  error: '!',
  warning: '!',
  hint: '·',
  info: 'i',
};

/** Printed under a list of problems, so the marks need no guessing. */
export const SEVERITY_LEGEND =
  '! error or warning   · hint: worth knowing   i info: deliberate, fine';

export function severityMark(severity: Severity, p: Palette): string {
  const mark = SEVERITY_MARK[severity];
  return severity === 'error' ? p.red(mark) : severity === 'warning' ? p.yellow(mark) : p.dim(mark);
}

/** One problem's lines, with what it is ranked by. */
interface Rendered {
  severity: Severity;
  kind: ProblemKind;
  port: number;
  lines: string[];
}

function conflictLines(c: Conflict, p: Palette): Rendered {
  const severity = conflictSeverity(c);
  const lines = [
    `${severityMark(severity, p)} ${p.bold(`${c.protocol}/${c.port} ${KIND_LABEL[c.kind]}`)}: ${printable(c.message)}`,
    `  ${p.dim('fix:')} ${printable(c.fix)}`,
  ];
  if (c.command) lines.push(`  ${p.dim('run:')} ${printable(c.command)}`);
  return { severity, kind: c.kind, port: c.port, lines };
}

function exposureLines(sockets: readonly PortSocket[], p: Palette): Rendered | null {
  const socket = sockets[0];
  const fix = socket ? exposureFix(socket) : null;
  if (socket === undefined || fix === null) return null;
  const severity = problemSeverity('exposed');
  const lines = [
    `${severityMark(severity, p)} ${p.bold(`${socket.protocol}/${socket.localPort} exposed`)}: ${printable(fix)}`,
  ];
  // A container is published on 127.0.0.1 by its engine, with its own port inside.
  const command = socket.container
    ? loopbackPublishCommand(socket.localPort, socket.container)
    : bindCommand(socket, 'loopback-only');
  if (command) lines.push(`  ${p.dim('run:')} ${printable(command)}`);
  return { severity, kind: 'exposed', port: socket.localPort, lines };
}

function ranked(items: readonly (Rendered | null)[]): string[] {
  return items
    .filter((r): r is Rendered => r !== null)
    .sort(compareProblems)
    .flatMap((r) => r.lines);
}

/** Lines for a list of conflicts, most urgent first, each with its fix indented under it. */
export function renderConflicts(conflicts: readonly Conflict[], p: Palette): string[] {
  return ranked(conflicts.map((c) => conflictLines(c, p)));
}

/** One entry per exposed port the user has not acknowledged: the same count the tray and window show. */
export function renderExposures(
  sockets: readonly PortSocket[],
  acknowledged: readonly string[],
  p: Palette,
): string[] {
  return ranked(exposedPorts(sockets, acknowledged).map((e) => exposureLines(e.sockets, p)));
}

/**
 * Conflicts and exposed ports together, most urgent first (domain/severity.ts): what `list` prints
 * under its table and `who` under its port, so the two never disagree.
 */
export function renderProblems(
  conflicts: readonly Conflict[],
  sockets: readonly PortSocket[],
  acknowledged: readonly string[],
  p: Palette,
): string[] {
  return ranked([
    ...conflicts.map((c) => conflictLines(c, p)),
    ...exposedPorts(sockets, acknowledged).map((e) => exposureLines(e.sockets, p)),
  ]);
}
