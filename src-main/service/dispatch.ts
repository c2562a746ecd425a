// One request through the contract, the same for every border: validate, run, answer an envelope.
import {
  parseRequest,
  type Channel,
  type Envelope,
  type PortholeBackend,
  type ResponseOf,
} from '../shared/contract.js';
import { toTransportError } from './errors.js';

/**
 * Validates `payload` against the channel's contract, then asks the backend. Never throws: both
 * borders (Electron IPC, browser mode's HTTP) answer failures as data. `onFailure` hears the errors
 * that are bugs or breakage (code `failed`), not the user's bad input.
 */
export async function dispatch<C extends Channel>(
  backend: PortholeBackend,
  channel: C,
  payload: unknown,
  onFailure: (error: unknown) => void = () => undefined,
): Promise<Envelope<ResponseOf<C>>> {
  try {
    const parsed = parseRequest(channel, payload);
    if (!parsed.ok) return { ok: false, error: parsed.error };
    return { ok: true, value: await backend.handle(channel, parsed.value) };
  } catch (error) {
    const transportError = toTransportError(error);
    if (transportError.code === 'failed') onFailure(error);
    return { ok: false, error: transportError };
  }
}
