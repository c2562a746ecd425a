// What `porthole status` does when it runs, loaded only then (status.ts defines the command).
import { statusLine } from '../../domain/status-line.js';
import { statusJson, statusReport } from '../../service/reports/status.js';
import { printProse, println, type CliContext } from '../context.js';
import { palette } from '../format/color.js';
import { jsonBlock } from '../format/json.js';
import { loadSettings, reportSnapshotWarnings, takeSnapshot } from '../load.js';

export async function runStatus(ctx: CliContext, options: { json?: boolean }): Promise<void> {
  const settings = await loadSettings(ctx);
  const snapshot = await takeSnapshot();
  reportSnapshotWarnings(ctx, snapshot);
  const report = await statusReport(snapshot, settings);
  if (options.json) {
    println(ctx, jsonBlock(statusJson(report)));
    return;
  }
  const { counts } = report;
  const line = statusLine(counts);
  const p = palette(ctx.color);
  const worst = counts.severities.error > 0 ? p.red : counts.problems > 0 ? p.yellow : p.green;
  printProse(ctx, `porthole: ${worst(line)}`);
}
