// `watch --save`: stores the watch in settings.json so the tray app keeps watching it.
import { describeError } from '../core/errors.js';
import type { WatchSpec } from '../domain/model.js';
import { SettingsStore } from '../core/settings/index.js';
import type { CliContext } from './context.js';
import { EXIT } from './exit-codes.js';

/**
 * Adds or replaces (same id) the watch. A refusal says `not saved: ...` and sets exit code 3: a
 * script asking to save must never read success when the watch did not reach the file.
 */
export async function saveWatch(ctx: CliContext, spec: WatchSpec): Promise<boolean> {
  const store = new SettingsStore();
  try {
    await store.update((settings) => ({
      ...settings,
      watches: [...settings.watches.filter((w) => w.id !== spec.id), spec],
    }));
    return true;
  } catch (error) {
    ctx.stderr.write(
      `porthole: not saved: watch ${spec.id} (${store.path}): ${describeError(error)}\n`,
    );
    ctx.exitCode = EXIT.notSaved;
    return false;
  }
}
