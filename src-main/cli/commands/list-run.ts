// What `porthole list` does when it runs, loaded only then (list.ts defines the command).
import { engineNotes } from '../../domain/engine-notes.js';
import { matchesContainerTerm } from '../../domain/expected-owner.js';
import type { PortSocket } from '../../domain/model.js';
import { listing, listingJson } from '../../service/reports/listing.js';
import { parseNameArg } from '../args.js';
import { printProse, println, terminalWidth, type CliContext } from '../context.js';
import { palette } from '../format/color.js';
import { renderProblems, SEVERITY_LEGEND } from '../format/conflicts.js';
import { jsonBlock } from '../format/json.js';
import { printable } from '../format/printable.js';
import { renderSocketTable } from '../format/sockets.js';
import { loadSettings, reportSnapshotWarnings, takeSnapshot, unattributedLines } from '../load.js';

export interface ListOptions {
  all?: boolean;
  json?: boolean;
  container?: string;
  image?: string;
}

/** The sockets of a container (by name) and of an image (`postgres`, `postgres:16`), when asked. */
function containerFilter(options: ListOptions): ((s: PortSocket) => boolean) | null {
  const name =
    options.container === undefined ? null : parseNameArg('--container', options.container);
  const image = options.image === undefined ? null : parseNameArg('--image', options.image);
  if (name === null && image === null) return null;
  return (s) =>
    s.container != null &&
    (name === null || matchesContainerTerm('container', name, s.container)) &&
    (image === null || matchesContainerTerm('image', image, s.container));
}

export async function runList(ctx: CliContext, options: ListOptions): Promise<void> {
  const only = containerFilter(options);
  const settings = await loadSettings(ctx);
  const snapshot = await takeSnapshot();
  const listed = listing(snapshot, settings.watches, options.all === true, only);
  const { sockets, conflicts } = listed;
  reportSnapshotWarnings(ctx, snapshot);
  if (options.json) {
    println(ctx, jsonBlock(listingJson(snapshot, listed)));
    return;
  }
  const p = palette(ctx.color);
  if (sockets.length === 0 && only) println(ctx, 'No ports of such a container.');
  else if (sockets.length === 0)
    println(ctx, options.all ? 'No sockets.' : 'No listening sockets.');
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
  const unattributed = unattributedLines(listed.unattributed, snapshot);
  if (unattributed.length > 0) println(ctx);
  for (const line of unattributed) printProse(ctx, line);
  for (const note of engineNotes(snapshot.engines)) printProse(ctx, `note: ${printable(note)}`);
}
