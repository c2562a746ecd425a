// Error types the core raises, so callers can tell bad input from a broken environment.

/** The user (or a caller on their behalf) gave something invalid: a port of 70000, `abc`, an unknown host form. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** Sockets could not be collected at all (missing tools, permissions, garbage output). */
export class CollectorError extends Error {
  override readonly name = 'CollectorError';
  constructor(
    message: string,
    /** Short machine-readable reason: `missing-tool`, `permission`, `parse`, `failed`. */
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Message of anything thrown, for logs and degraded-state reasons. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** How much of a user's input an error message repeats: a 5,000-digit port must not flood the screen. */
export const ECHO_MAX = 40;

/** User input as an error message repeats it: at most ECHO_MAX characters, then "…". */
export function echoInput(text: string): string {
  return text.length > ECHO_MAX ? `${text.slice(0, ECHO_MAX)}…` : text;
}
