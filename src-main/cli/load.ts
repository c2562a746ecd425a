// Loads what most commands start from: the settings (never fatal) and one snapshot of the sockets.
import { readFileSync } from 'node:fs';
import { createCollector, defaultContainerSource } from '../core/collector/index.js';
import type { Snapshot } from '../domain/model.js';
import type { UnattributedCount } from '../service/reports/rows.js';
import { unattributedClause, unattributedCounts } from '../domain/unattributed.js';
import type { Settings } from '../core/settings/settings-model.js';
import { SettingsStore } from '../core/settings/store.js';
import { warn, type CliContext } from './context.js';

/**
 * Reads a small file at once: a command reads settings.json (and its validation record) before it
 * does anything else, so waiting for the thread pool (which a first async read also starts) only
 * adds to its start-up.
 */
// eslint-disable-next-line @typescript-eslint/require-await -- sync inside, a promise outside
async function readNow(file: string): Promise<string> {
  return readFileSync(file, 'utf8');
}

/**
 * Settings for watches (unexpected-owner conflicts) and preferences. A corrupt file is moved aside
 * by the store; its warning goes to stderr and the command carries on with what could be read.
 */
export async function loadSettings(ctx: CliContext): Promise<Settings> {
  const { settings, warnings } = await new SettingsStore({ readFile: readNow }).loadOrDefaults();
  for (const message of warnings) warn(ctx, message);
  return settings;
}

/** One snapshot, containers included (engines listed once, no event stream); a CollectorError
 *  propagates (main turns it into exit 4). */
export async function takeSnapshot(): Promise<Snapshot> {
  const containers = defaultContainerSource(false);
  try {
    return await createCollector({ containers }).snapshot();
  } finally {
    containers?.close();
  }
}

/** Collector warnings go to stderr, so `--json` output stays parseable. */
export function reportSnapshotWarnings(ctx: CliContext, snapshot: Snapshot): void {
  for (const message of snapshot.warnings) warn(ctx, message);
}

export { countUnattributed, type UnattributedCount } from '../service/reports/rows.js';

/**
 * Why, per cause (the collector's classification, words from domain/unattributed.ts): only
 * other users' sockets advise sudo; as root there are none of those.
 */
function causeHint(snapshot: Snapshot, count: number): string {
  const clause = unattributedClause(unattributedCounts(snapshot));
  if (clause === '') return 'no reason known';
  return count === snapshot.unattributed ? clause : `of all ${snapshot.unattributed}: ${clause}`;
}

/** The line shown under tables when some sockets have no known owner. */
export function unattributedLine(count: number, snapshot: Snapshot): string | null {
  if (count <= 0) return null;
  const noun = count === 1 ? 'socket' : 'sockets';
  return `${count} ${noun} could not be attributed to a process (${causeHint(snapshot, count)})`;
}

/** `list`'s lines: the shown rows' count, then how many more unattributed connections --all shows. */
export function unattributedLines(
  { shown, hidden }: UnattributedCount,
  snapshot: Snapshot,
): string[] {
  const lines: string[] = [];
  const first = unattributedLine(shown, snapshot);
  if (first) lines.push(first);
  if (hidden > 0) {
    const noun = hidden === 1 ? 'connection' : 'connections';
    lines.push(
      first
        ? `… and ${hidden} more unattributed ${noun} with --all`
        : `${hidden} unattributed ${noun} not shown; --all shows ${hidden === 1 ? 'it' : 'them'} (${causeHint(snapshot, hidden)})`,
    );
  }
  return lines;
}
