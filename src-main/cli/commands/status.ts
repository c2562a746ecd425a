// `porthole status` (and bare `porthole`): one line — listening ports, problems by severity, watches down.
import { Command } from 'commander';
import { statusLine } from '../../domain/status-line.js';
import { statusJson, statusReport } from '../../service/reports/status.js';
import { printProse, println, type CliContext } from '../context.js';
import { palette } from '../format/color.js';
import { jsonBlock } from '../format/json.js';
import { loadSettings, reportSnapshotWarnings, takeSnapshot } from '../load.js';

const EXAMPLES = `
Counts the same problems the tray and the window show (conflicts, down watches, exposed ports),
checking each saved watch once. The exit code is 0 whatever the status; \`porthole conflicts\`,
\`porthole list\` and \`porthole watch\` tell more.

Examples:
  $ porthole
  $ porthole status --json`;

export function statusCommand(ctx: CliContext): Command {
  return new Command('status')
    .description('one line: listening ports, problems, watches down (what bare `porthole` prints)')
    .option(
      '--json',
      'print {line, listening, problems, severities: {error, warning, hint, info}, watches, watchesDown, watchStates: [{id, target, label, status, pid, process, error}]} as JSON',
    )
    .addHelpText('after', EXAMPLES)
    .action(async (options: { json?: boolean }) => {
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
    });
}
