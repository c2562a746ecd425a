// Globals the renderer sees: the preload's API under Electron (absent in browser mode).
import type { PortholeApi } from '../src-main/shared/api.js';

declare global {
  interface Window {
    porthole?: PortholeApi;
  }
}

export {};
