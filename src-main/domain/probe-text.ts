// Node-free words for why a probe failed: the one mapping CLI, window and watch events use for error codes.

/** Error codes (as the prober records them) and the words people read for them. */
const WORDS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'refused (nothing listens)',
  ECONNRESET: 'reset by the other side',
  timeout: 'timed out (filtered or down)',
  ETIMEDOUT: 'timed out (filtered or down)',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'no such host',
  EAI_NONAME: 'no such host',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  EADDRNOTAVAIL: 'address not available here',
};

// Codes stand as whole words: a combined watch error reads "127.0.0.1 ECONNREFUSED, ::1 timeout".
const CODE = new RegExp(`(?<![\\w.])(${Object.keys(WORDS).join('|')})(?![\\w])`, 'g');

/**
 * Words for a probe's error: `ECONNREFUSED` → "refused (nothing listens)", `ENOTFOUND` → "no such
 * host". Known codes inside a longer text are replaced in place; an unknown code is kept as it is
 * (it still tells an expert something), and no error at all reads "no answer".
 */
export function probeErrorText(error: string | null | undefined): string {
  if (error === null || error === undefined || error.trim() === '') return 'no answer';
  return error.replace(CODE, (code: string) => WORDS[code] ?? code);
}
