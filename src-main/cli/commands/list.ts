// `porthole list`: every listener (and with --all every connection), then conflicts and caveats.
import { Command } from 'commander';
import { findConflicts } from '../../core/rules/conflicts.js';
import { isListener } from '../../domain/model.js';
import { printProse, println, terminalWidth, type CliContext } from '../context.js';
import { palette } from '../format/color.js';
import { renderConflicts } from '../format/conflicts.js';
import { renderExposures } from '../format/exposures.js';
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
      'print {takenAt, sockets, conflicts, unattributed, unattributedHidden} as JSON (unattributed: among the sockets shown; unattributedHidden: how many more --all would show)',
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
      if (conflicts.length > 0) {
        println(ctx);
        for (const line of renderConflicts(conflicts, p)) printProse(ctx, line);
      }
      const exposed = renderExposures(sockets, settings.acknowledgedExposures, p);
      if (exposed.length > 0) {
        println(ctx);
        for (const line of exposed) printProse(ctx, line);
      }
      const unattributed = unattributedLines(countUnattributed(snapshot, options.all === true));
      if (unattributed.length > 0) println(ctx);
      for (const line of unattributed) printProse(ctx, line);
    });
}
