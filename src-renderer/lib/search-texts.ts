// Each row's searchable text for one list, in the list's order, prepared while the window idles.
import type { PortSocket } from '../../src-main/domain/index.js';
import { searchTextOf } from './filter.js';

/**
 * A name term then scans plain strings in one tight loop: fast even on the first keystroke,
 * before the JIT has warmed up to the filter's code.
 */
export class SearchTexts {
  readonly #rows: readonly PortSocket[];
  readonly #texts: string[] = [];

  constructor(rows: readonly PortSocket[]) {
    this.#rows = rows;
  }

  /** Prepares more texts while `hasTime()` says so; true once every row has its text. */
  prepare(hasTime: () => boolean): boolean {
    const rows = this.#rows;
    const texts = this.#texts;
    while (texts.length < rows.length && hasTime()) {
      // Asking for the time costs more than a row: ask once per batch.
      const end = Math.min(rows.length, texts.length + 256);
      for (let i = texts.length; i < end; i += 1) texts.push(searchTextOf(rows[i]!));
    }
    return texts.length === rows.length;
  }

  /** Every row's text, `texts[i]` for `rows[i]`; prepares what is still missing. */
  all(): readonly string[] {
    this.prepare(() => true);
    return this.#texts;
  }
}

const ofList = new WeakMap<readonly PortSocket[], SearchTexts>();

/** The search texts of `rows`, one per list (every keystroke filters the same sorted list). */
export function searchTexts(rows: readonly PortSocket[]): SearchTexts {
  let texts = ofList.get(rows);
  if (texts === undefined) {
    texts = new SearchTexts(rows);
    ofList.set(rows, texts);
  }
  return texts;
}
