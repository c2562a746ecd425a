// Turns command-line text into checked values; every refusal is an InputError naming the problem.
import { InputError, echoInput } from '../core/errors.js';

/** A port from the command line: `porthole: "abc" is not a port`, `port 70000 is out of range (1-65535)`. */
export function parsePortArg(text: string): number {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) throw new InputError(`"${echoInput(text)}" is not a port`);
  const port = Number(trimmed);
  if (port < 1 || port > 65535)
    throw new InputError(`port ${echoInput(trimmed)} is out of range (1-65535)`);
  return port;
}

/** A whole number of at least `min`, for flags like --count and --failures. */
export function parseCountArg(flag: string, text: string, min = 1, max = 1000): number {
  if (!/^\d+$/.test(text.trim()))
    throw new InputError(`${flag} needs a whole number, got "${echoInput(text)}"`);
  const value = Number(text.trim());
  if (value < min || value > max)
    throw new InputError(
      `${flag} must be between ${min} and ${max}, got ${echoInput(text.trim())}`,
    );
  return value;
}

/** Seconds (fractions allowed) as milliseconds, for --interval and --timeout. */
export function parseSecondsArg(
  flag: string,
  text: string,
  minSeconds = 0.1,
  maxSeconds = 86_400,
): number {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value))
    throw new InputError(`${flag} needs a number of seconds, got "${echoInput(text)}"`);
  if (value < minSeconds || value > maxSeconds) {
    throw new InputError(
      `${flag} must be between ${minSeconds} and ${maxSeconds} seconds, got ${echoInput(text.trim())}`,
    );
  }
  return Math.round(value * 1000);
}

const UNIT_MS: Record<string, number> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** `--since`: an ISO 8601 time, or a duration back from now (`30m`, `1h`, `2d`). Returns epoch ms. */
export function parseSinceArg(text: string, now: number): number {
  const trimmed = text.trim();
  const relative = /^(\d+(?:\.\d+)?)\s*([smhdw])$/i.exec(trimmed);
  if (relative?.[1] && relative[2]) {
    return now - Number(relative[1]) * (UNIT_MS[relative[2].toLowerCase()] ?? 0);
  }
  // Only accept texts that look like dates: Date.parse alone takes odd strings like "1".
  const at = /^\d{4}-\d{2}-\d{2}/.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  if (Number.isNaN(at)) {
    throw new InputError(
      `"${echoInput(text)}" is not a time (use ISO 8601 like 2025-05-01T12:00, or a duration like 30m, 1h, 2d)`,
    );
  }
  return at;
}

/** Runs a parser and names the flag in its refusal: `--near: "abc" is not a port`. */
export function forFlag<T>(flag: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof InputError) throw new InputError(`${flag}: ${error.message}`);
    throw error;
  }
}

/** A name for --container or --image: not empty, at most 200 characters. */
export function parseNameArg(flag: string, text: string): string {
  const name = text.trim();
  if (name === '') throw new InputError(`${flag} needs a name, e.g. ${flag} db`);
  if (name.length > 200) throw new InputError(`${flag} is too long (at most 200 characters)`);
  return name;
}
