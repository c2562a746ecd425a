// Pure: whether a filter box holds a pasted error (or a URL) rather than a filter, so the window offers to explain it.
import { isExplainInputError, parseExplainInput } from '../../src-main/domain/explain-input.js';

/** Past this a paste is not a filter anyone typed; the parser cuts long input anyway. */
const MAX_OFFER_CHARS = 4_000;

/**
 * True when `explain` would read `text` as an error (a refusal, an address in use, a permission
 * error, a timeout) or it is a URL. Plain targets (`3000`, `:8080`, `localhost:3000`) and words
 * (`node`, `container:web`) are filters, never offered.
 */
export function looksLikeError(text: string): boolean {
  const trimmed = text.trim().slice(0, MAX_OFFER_CHARS);
  if (trimmed === '') return false;
  const read = parseExplainInput([trimmed]);
  if (isExplainInputError(read)) return false;
  return read.situation !== 'reachability' || read.recogniser === 'url';
}
