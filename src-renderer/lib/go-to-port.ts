// Reads the "Go to port" box: a port 1–65535, or a message saying what is wrong with what was typed.
import { parsePortNumber } from '../../src-main/domain/endpoint.js';

export type GoToPortResult = { ok: true; port: number } | { ok: false; error: string };

const RANGE = 'a port is a number from 1 to 65535';

/** `3000` → port 3000; `70000`, `0`, `abc`, `` → why not, in words a person can act on. */
export function parseGoToPort(text: string): GoToPortResult {
  const input = text.trim();
  if (input === '') return { ok: false, error: `Type a port number: ${RANGE}.` };
  // ":3000" is how the filter box and addresses write a port; accept it here too.
  const digits = input.startsWith(':') ? input.slice(1) : input;
  if (!/^\d+$/.test(digits)) {
    const shown = input.length > 20 ? `${input.slice(0, 20)}…` : input;
    return { ok: false, error: `"${shown}" is not a port number: ${RANGE}.` };
  }
  const port = parsePortNumber(digits);
  if (port === null || port < 1) {
    const shown = digits.length > 12 ? `${digits.slice(0, 12)}…` : digits;
    return { ok: false, error: `${shown} is out of range: ${RANGE}.` };
  }
  return { ok: true, port };
}
