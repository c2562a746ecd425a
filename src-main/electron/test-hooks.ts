// Read-only hooks for the real-Electron smoke test, installed only when PORTHOLE_TEST_HOOKS=1.
import type { TrayService } from './tray.js';

export interface PortholeTestHooks {
  tray(): { created: boolean; icon: string | null; tooltip: string | null };
}

/** Exposes what the tray shows on `globalThis.__portholeTest`; a tray cannot be seen from the window. */
export function installTestHooks(
  env: NodeJS.ProcessEnv,
  tray: Pick<TrayService<unknown>, 'shownState'>,
): void {
  if (env.PORTHOLE_TEST_HOOKS !== '1') return;
  const hooks: PortholeTestHooks = {
    tray: () => {
      const shown = tray.shownState();
      return {
        created: shown !== null,
        icon: shown?.icon ?? null,
        tooltip: shown?.tooltip ?? null,
      };
    },
  };
  (globalThis as { __portholeTest?: PortholeTestHooks }).__portholeTest = hooks;
}
