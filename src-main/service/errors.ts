// Expected service failures carry a code; both transports turn any thrown error into an envelope error.
import { PortholeError } from '../shared/api.js';
import { isErrorCode, type ErrorCode, type TransportError } from '../shared/contract.js';
import { InputError, describeError } from '../core/errors.js';
import { SettingsBusyError, SettingsLockedError } from '../core/settings/index.js';

export { PortholeError } from '../shared/api.js';

/** The codes a handler may throw: the contract's list, so a typo fails the type-check. */
export type ServiceErrorCode = ErrorCode;

export function serviceError(code: ServiceErrorCode, message: string): PortholeError {
  return new PortholeError(code, message);
}

/** Maps what a handler threw onto a coded error; unexpected errors pass through unchanged. */
export function asServiceError(error: unknown): unknown {
  if (error instanceof PortholeError) return error;
  if (error instanceof InputError) return serviceError('invalid-request', error.message);
  if (error instanceof SettingsLockedError || error instanceof SettingsBusyError)
    return serviceError('unavailable', error.message);
  return error;
}

/**
 * The error half of an envelope. Only service codes travel: a Node error's own code (`ENOENT`)
 * would mean nothing to the window, so anything unexpected becomes `failed`.
 */
export function toTransportError(error: unknown): TransportError {
  const mapped = asServiceError(error);
  const code = (mapped as { code?: unknown } | null)?.code;
  if (mapped instanceof Error && isErrorCode(code)) {
    return { code, message: mapped.message };
  }
  return { code: 'failed', message: describeError(mapped) };
}
