// Builds the app's PortholeService: settings (never fatal), history sized by them, IPC transport, kill allowed.
import { defaultContainerSource } from '../core/collector/index.js';
import { HistoryLog } from '../core/history/history-log.js';
import { PortholeService } from '../service/index.js';
import { SettingsStore } from '../core/settings/index.js';

/** Settings are loaded once here and handed over, so the history limit and the warnings agree. */
export async function createService(
  openExternal: (url: string) => Promise<void>,
): Promise<PortholeService> {
  const store = new SettingsStore();
  const loaded = await store.loadOrDefaults();
  return PortholeService.create({
    settings: store,
    loaded,
    history: new HistoryLog({ limit: loaded.settings.preferences.historyLimit }),
    transport: 'ipc',
    allowKill: true,
    openExternal,
    containers: defaultContainerSource(),
  });
}
