// What `porthole conflicts` does when it runs, loaded only then (conflicts.ts defines the command).
import { findConflicts } from '../../core/rules/conflicts.js';
import { printProse, println, type CliContext } from '../context.js';
import { palette } from '../format/color.js';
import { renderConflicts, SEVERITY_LEGEND } from '../format/conflicts.js';
import { conflictJson, jsonBlock } from '../format/json.js';
import { loadSettings, reportSnapshotWarnings, takeSnapshot, unattributedLine } from '../load.js';

export async function runConflicts(ctx: CliContext, options: { json?: boolean }): Promise<void> {
  const settings = await loadSettings(ctx);
  const snapshot = await takeSnapshot();
  const conflicts = findConflicts(snapshot, settings.watches);
  reportSnapshotWarnings(ctx, snapshot);
  if (options.json) {
    println(ctx, jsonBlock({ conflicts: conflicts.map(conflictJson) }));
    return;
  }
  const p = palette(ctx.color);
  if (conflicts.length === 0) println(ctx, 'No port conflicts.');
  for (const line of renderConflicts(conflicts, p)) printProse(ctx, line);
  if (conflicts.length > 0) println(ctx, p.dim(SEVERITY_LEGEND));
  const unattributed = unattributedLine(snapshot.unattributed, snapshot);
  if (unattributed) printProse(ctx, `(${unattributed}; conflicts among those cannot be seen)`);
}
