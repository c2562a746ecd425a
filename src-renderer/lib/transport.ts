// Picks the window's API: the Electron preload's when present, otherwise browser mode's HTTP transport.
import type { PortholeApi } from '../../src-main/shared/api.js';
import { createHttpTransport } from './transport-http.js';

export interface Transport {
  kind: 'ipc' | 'http';
  api: PortholeApi;
  /** Only browser mode can lose its server; under Electron the link is the process itself. */
  onConnectionChange?: (listener: (connected: boolean) => void) => () => void;
  /** Browser mode: the server refused the page's token (it restarted with a new one). */
  onTokenRefused?: (listener: () => void) => () => void;
}

export function pickTransport(win: Pick<Window, 'porthole'> = window): Transport {
  if (win.porthole) return { kind: 'ipc', api: win.porthole };
  const http = createHttpTransport();
  return {
    kind: 'http',
    api: http.api,
    onConnectionChange: http.onConnectionChange,
    onTokenRefused: http.onTokenRefused,
  };
}
