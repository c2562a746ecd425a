// `watch --save`: stores the watch in settings.json so the tray app keeps watching it.
import { describeError } from '../core/errors.js';
import type { WatchSpec } from '../core/model.js';
import { SettingsStore } from '../core/settings/index.js';
import { warn, type CliContext } from './context.js';

/** Adds or replaces (same id) the watch. A refusal to save is a warning: watching still works. */
export async function saveWatch(ctx: CliContext, spec: WatchSpec): Promise<boolean> {
  const store = new SettingsStore();
  try {
    await store.update((settings) => ({
      ...settings,
      watches: [...settings.watches.filter((w) => w.id !== spec.id), spec],
    }));
    return true;
  } catch (error) {
    warn(ctx, `could not save the watch to ${store.path}: ${describeError(error)}`);
    return false;
  }
}
