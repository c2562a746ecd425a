// The one place contract channels meet ipcMain: sender check, then the shared dispatch; answers are envelopes.
import { ipcMain } from 'electron';
import {
  CHANNELS,
  EVENT_CHANNEL,
  type Channel,
  type Envelope,
  type PortholeBackend,
  type ResponseOf,
} from '../../shared/contract.js';
import { dispatch } from '../../service/dispatch.js';
import { toTransportError } from '../../service/errors.js';
import type { SenderEvent, TrustedWindows } from './trusted-windows.js';

/** Registers every channel and forwards backend events to our windows; returns the undo. */
export function registerIpc(backend: PortholeBackend, trusted: TrustedWindows): () => void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, ...args: unknown[]) =>
      answer(channel, event, args, backend, trusted),
    );
  }
  const unsubscribe = backend.onEvent((event) => {
    for (const contents of trusted.recipients()) contents.send(EVENT_CHANNEL, event);
  });
  return () => {
    unsubscribe();
    for (const channel of CHANNELS) ipcMain.removeHandler(channel);
  };
}

/**
 * One call, start to end. Never throws: an exception thrown across IPC reaches the window as a
 * mangled "Error invoking remote method" string, so failures travel as data. The Electron event
 * stops here; the backend sees only the validated request.
 */
export async function answer<C extends Channel>(
  channel: C,
  event: SenderEvent,
  args: unknown[],
  backend: PortholeBackend,
  trusted: TrustedWindows,
): Promise<Envelope<ResponseOf<C>>> {
  try {
    if (!trusted.isTrustedSender(event)) {
      return {
        ok: false,
        error: {
          code: 'forbidden',
          message: `${channel}: only Porthole's own window may call this`,
        },
      };
    }
    if (args.length > 1) {
      return {
        ok: false,
        error: {
          code: 'invalid-request',
          message: `${channel}: expected one request, got ${args.length}`,
        },
      };
    }
    return await dispatch(backend, channel, args[0]);
  } catch (error) {
    // Only the sender check can throw here (a destroyed frame); dispatch itself never does.
    return { ok: false, error: toTransportError(error) };
  }
}
