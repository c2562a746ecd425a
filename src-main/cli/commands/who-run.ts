// What `porthole who` does when it runs, loaded only then (who.ts defines the command).
import type { Answer, Conflict, PortSocket, Snapshot } from '../../domain/model.js';
import { listenerReachedBy } from '../../core/watches/prober.js';
import { whoJson, whoReport } from '../../service/reports/who.js';
import { parsePortArg, parseSecondsArg } from '../args.js';
import { printProse, println, terminalWidth, type CliContext } from '../context.js';
import { palette, type Palette } from '../format/color.js';
import { renderProblems, SEVERITY_LEGEND } from '../format/conflicts.js';
import { jsonBlock } from '../format/json.js';
import { ownerLabel } from '../../domain/labels.js';
import { engineNotes } from '../../domain/engine-notes.js';
import { socketOwnerOrUnknown } from '../../domain/socket-owner.js';
import { unnamedHolder } from '../../domain/unattributed.js';
import { probeErrorText } from '../../domain/probe-text.js';
import { printable } from '../format/printable.js';
import { containerLines, renderSocketTable } from '../format/sockets.js';
import { renderTable, type Cell } from '../format/table.js';
import { formatMs } from '../format/time.js';
import { loadSettings, reportSnapshotWarnings, takeSnapshot, unattributedLine } from '../load.js';

export interface WhoOptions {
  timeout: string;
  json?: boolean;
}

function answersTable(
  port: number,
  answers: Answer[],
  snapshot: Snapshot,
  p: Palette,
  width: number | null,
): string {
  const rows = answers.map((a): Cell[] => [
    `IPv${a.family}`,
    a.address,
    a.open ? { text: 'open', paint: p.green } : { text: probeErrorText(a.error), paint: p.red },
    formatMs(a.ms),
    listenerText(a, port, snapshot),
  ]);
  const columns = [
    { header: 'FAMILY' },
    { header: 'ADDRESS' },
    { header: 'ANSWER' },
    { header: 'TIME', align: 'right' as const },
    { header: 'LISTENER', shrink: true },
  ];
  return renderTable(columns, rows, { width, header: p.bold });
}

/** Who answered, as the socket the snapshot says was reached: the container first, else the process. */
function listenerText(a: Answer, port: number, snapshot: Snapshot): string {
  if (!a.open && a.pid === null) return '-';
  const reached = listenerReachedBy(snapshot, a.address, port);
  const pid = a.pid;
  if (reached && (pid === null || reached.pid === pid || reached.pids?.includes(pid) === true)) {
    return socketOwnerOrUnknown(reached);
  }
  if (pid === null) return unnamedHolder(null);
  return ownerLabel(pid, snapshot.sockets.find((s) => s.pid === pid && s.process)?.process ?? null);
}

function printHuman(
  ctx: CliContext,
  port: number,
  holders: PortSocket[],
  answers: Answer[],
  snapshot: Snapshot,
  conflicts: Conflict[],
  acknowledged: readonly string[],
): void {
  const p = palette(ctx.color);
  const width = terminalWidth(ctx);
  const anyOpen = answers.some((a) => a.open);
  if (holders.length === 0) {
    println(ctx, `Nobody listens on port ${port}: it is free.`);
  } else {
    println(ctx, p.bold(`Port ${port} is held by:`));
    println(ctx, renderSocketTable(holders, { connections: false, width, palette: p }));
    for (const line of containerLines(holders)) printProse(ctx, printable(line));
  }
  for (const note of engineNotes(snapshot.engines)) printProse(ctx, `note: ${printable(note)}`);
  if (holders.length > 0 || anyOpen) {
    println(ctx);
    println(ctx, p.bold(`Who answers localhost:${port}:`));
    println(ctx, answersTable(port, answers, snapshot, p, width));
  }
  // The same problem lines `list` prints, for this port: conflicts, hints and exposure alike.
  const problems = renderProblems(conflicts, holders, acknowledged, p);
  if (problems.length > 0) {
    println(ctx);
    for (const line of problems) printProse(ctx, line);
    println(ctx, p.dim(SEVERITY_LEGEND));
  }
  const unattributed = unattributedLine(snapshot.unattributed, snapshot);
  if (unattributed && (holders.length === 0 || holders.some((s) => s.pid === null))) {
    println(ctx);
    printProse(ctx, unattributed);
  }
}

export async function runWho(ctx: CliContext, text: string, options: WhoOptions): Promise<void> {
  const port = parsePortArg(text);
  const timeoutMs = parseSecondsArg('--timeout', options.timeout, 0.01, 60);
  const settings = await loadSettings(ctx);
  const report = await whoReport(takeSnapshot, settings.watches, port, timeoutMs);
  const { snapshot } = report;
  reportSnapshotWarnings(ctx, snapshot);
  if (options.json) {
    println(ctx, jsonBlock(whoJson(report)));
    return;
  }
  const { holders, conflicts, answers } = report;
  printHuman(ctx, port, holders, answers, snapshot, conflicts, settings.acknowledgedExposures);
}
