// Loads what most commands start from: the settings (never fatal) and one snapshot of the sockets.
import { createCollector } from '../core/collector/index.js';
import type { Snapshot } from '../core/model.js';
import { SettingsStore, type Settings } from '../core/settings/index.js';
import { warn, type CliContext } from './context.js';

/**
 * Settings for watches (unexpected-owner conflicts) and preferences. A corrupt file is moved aside
 * by the store; its warning goes to stderr and the command carries on with what could be read.
 */
export async function loadSettings(ctx: CliContext): Promise<Settings> {
  const { settings, warnings } = await new SettingsStore().loadOrDefaults();
  for (const message of warnings) warn(ctx, message);
  return settings;
}

/** One snapshot; a CollectorError propagates (main turns it into exit 4). */
export async function takeSnapshot(): Promise<Snapshot> {
  return createCollector().snapshot();
}

/** Collector warnings go to stderr, so `--json` output stays parseable. */
export function reportSnapshotWarnings(ctx: CliContext, snapshot: Snapshot): void {
  for (const message of snapshot.warnings) warn(ctx, message);
}

/** The line shown under tables when some sockets have no known owner. */
export function unattributedLine(count: number): string | null {
  if (count <= 0) return null;
  const noun = count === 1 ? 'socket' : 'sockets';
  // As root, what stays hidden belongs to another network namespace (a container), not another user.
  const hint =
    process.getuid?.() === 0
      ? 'they may belong to a container or another network namespace'
      : 'run as root to see them';
  return `${count} ${noun} could not be attributed to a process (${hint})`;
}
