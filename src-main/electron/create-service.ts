// Builds the app's PortholeService: settings (never fatal), history sized by them, IPC transport, kill allowed.
import { describeError } from '../core/errors.js';
import { HistoryLog } from '../core/history.js';
import { PortholeService } from '../core/service/index.js';
import { SettingsStore, defaultSettings, type LoadResult } from '../core/settings/index.js';

async function loadSettings(store: SettingsStore): Promise<LoadResult> {
  try {
    return await store.load();
  } catch (error) {
    return {
      settings: defaultSettings(),
      warnings: [`could not load settings (${describeError(error)}); using defaults`],
      movedAside: null,
    };
  }
}

/** Settings are loaded once here and handed over, so the history limit and the warnings agree. */
export async function createService(
  openExternal: (url: string) => Promise<void>,
): Promise<PortholeService> {
  const store = new SettingsStore();
  const loaded = await loadSettings(store);
  return PortholeService.create({
    settings: store,
    loaded,
    history: new HistoryLog({ limit: loaded.settings.preferences.historyLimit }),
    transport: 'ipc',
    allowKill: true,
    openExternal,
  });
}
