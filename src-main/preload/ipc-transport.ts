// The preload's two transport functions over ipcRenderer: invoke with a channel check, and subscribe with a real unsubscribe.
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import type { Invoke, Subscribe } from '../shared/api.js';
import { EVENT_CHANNEL, isChannel, type PortholeEvent } from '../shared/contract.js';

type EventHandler = (event: IpcRendererEvent, payload: PortholeEvent) => void;

/** What the transport uses of ipcRenderer (the real one fits; tests hand in a fake). */
export interface RendererIpc {
  invoke: IpcRenderer['invoke'];
  on(channel: string, listener: EventHandler): unknown;
  removeListener(channel: string, listener: EventHandler): unknown;
}

/** Main answers every call with an envelope; a rejected invoke (no handler yet) becomes one too. */
export function ipcInvoke(ipc: RendererIpc): Invoke {
  return async (channel, request) => {
    if (!isChannel(channel)) {
      return {
        ok: false,
        error: { code: 'invalid-request', message: `unknown channel ${String(channel)}` },
      };
    }
    try {
      return (await ipc.invoke(channel, request)) as Awaited<ReturnType<Invoke>>;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, error: { code: 'unavailable', message } };
    }
  };
}

/** Listeners get the payload only; the returned function removes exactly this listener's handler. */
export function ipcSubscribe(ipc: RendererIpc): Subscribe {
  return (listener) => {
    const handler: EventHandler = (_event, payload) => listener(payload);
    ipc.on(EVENT_CHANNEL, handler);
    return () => {
      ipc.removeListener(EVENT_CHANNEL, handler);
    };
  };
}
