// Comparing secrets (browser mode's token, the metrics bearer token) without leaking them by timing.
import { createHash, timingSafeEqual } from 'node:crypto';

/** Hashing first makes both sides the same length, so the compare leaks neither content nor length. */
export function tokensMatch(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string' || given === '') return false;
  const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(expected), digest(given));
}
