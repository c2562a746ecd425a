// `porthole list`: every listener (and with --all every connection), then conflicts and caveats.
import { Command } from 'commander';
import { findConflicts } from '../../core/rules/conflicts.js';
import { isListener } from '../../domain/model.js';
import { printProse, println, terminalWidth, type CliContext } from '../context.js';
import { palette } from '../format/color.js';
import { renderProblems, SEVERITY_LEGEND } from '../format/conflicts.js';
import { jsonBlock, listJson } from '../format/json.js';
import { renderSocketTable, sortSockets } from '../format/sockets.js';
import {
  countUnattributed,
  loadSettings,
  reportSnapshotWarnings,
  takeSnapshot,
  unattributedLines,
} from '../load.js';

const EXAMPLES = `
Examples:
  $ porthole list              listeners: who holds which port
  $ porthole list --all        connections too
  $ porthole list --json | jq '.sockets[] | select(.exposure != "loopback")'`;

interface ListOptions {
  all?: boolean;
  json?: boolean;
}

export function listCommand(ctx: CliContext): Command {
  return new Command('list')
    .description('show listening sockets with their process, user and exposure')
    .option('-a, --all', 'also show connections, not only listeners')
    .option(
      '--json',
      'print {takenAt, sockets, conflicts, unattributed, unattributedHidden, unattributedByCause} as JSON (unattributed: among the sockets shown; unattributedHidden: how many more --all would show; unattributedByCause: all of them by cause: other-user, kernel, gone, unknown)',
    )
    .addHelpText('after', EXAMPLES)
    .action(async (options: ListOptions) => {
      const settings = await loadSettings(ctx);
      const snapshot = await takeSnapshot();
      const sockets = sortSockets(
        options.all ? snapshot.sockets : snapshot.sockets.filter(isListener),
      );
      const conflicts = findConflicts(snapshot, settings.watches);
      reportSnapshotWarnings(ctx, snapshot);
      if (options.json) {
        const counts = countUnattributed(snapshot, options.all === true);
        println(ctx, jsonBlock(listJson(snapshot, sockets, conflicts, counts)));
        return;
      }
      const p = palette(ctx.color);
      if (sockets.length === 0) println(ctx, options.all ? 'No sockets.' : 'No listening sockets.');
      else {
        const width = terminalWidth(ctx);
        println(
          ctx,
          renderSocketTable(sockets, { connections: options.all === true, width, palette: p }),
        );
      }
      const problems = renderProblems(conflicts, sockets, settings.acknowledgedExposures, p);
      if (problems.length > 0) {
        println(ctx);
        for (const line of problems) printProse(ctx, line);
        println(ctx, p.dim(SEVERITY_LEGEND));
      }
      const unattributed = unattributedLines(
        countUnattributed(snapshot, options.all === true),
        snapshot,
      );
      if (unattributed.length > 0) println(ctx);
      for (const line of unattributed) printProse(ctx, line);
    });
}
