// Filtering as the user types: text that only narrows the last filter searches the last result.
import type { PortSocket } from '../../src-main/domain/index.js';
import { matchesTerm, sameContext, type FilterContext, type FilterTerm } from './filter.js';
import { searchTexts } from './search-texts.js';

function sameTerm(a: FilterTerm, b: FilterTerm): boolean {
  return a.kind === b.kind && a.value === b.value && a.negate === b.negate;
}

/** True when every socket matching `term` also matches `wider`. */
function implies(term: FilterTerm, wider: FilterTerm): boolean {
  if (sameTerm(term, wider)) return true;
  // "redis" is found only where "red" is; no such rule holds for "-redis" or any other kind.
  return (
    term.kind === 'text' &&
    wider.kind === 'text' &&
    !term.negate &&
    !wider.negate &&
    term.value.includes(wider.value)
  );
}

/**
 * True when `next` keeps only sockets `previous` keeps: each earlier term is implied by a new
 * one ("red" → "redis", "node" → "node listen"). Filtering keeps order, so filtering the earlier
 * result then gives exactly what filtering everything would.
 */
export function narrows(next: readonly FilterTerm[], previous: readonly FilterTerm[]): boolean {
  return previous.every((wider) => next.some((term) => implies(term, wider)));
}

/**
 * Positions in `sockets` of the candidates that satisfy `term`; null stands for every position.
 * When every candidate does, `candidates` itself, so callers can tell nothing was dropped.
 */
function keep(
  sockets: readonly PortSocket[],
  candidates: readonly number[] | null,
  term: FilterTerm,
  context: FilterContext,
): readonly number[] | null {
  const kept: number[] = [];
  const count = candidates === null ? sockets.length : candidates.length;
  if (term.kind === 'text') {
    // The common term while typing a name: a plain loop over plain strings.
    const texts = searchTexts(sockets).all();
    const { value, negate } = term;
    for (let j = 0; j < count; j += 1) {
      const i = candidates === null ? j : candidates[j]!;
      if (texts[i]!.includes(value) !== negate) kept.push(i);
    }
  } else {
    for (let j = 0; j < count; j += 1) {
      const i = candidates === null ? j : candidates[j]!;
      if (matchesTerm(sockets[i]!, term, context) !== term.negate) kept.push(i);
    }
  }
  return kept.length === count ? candidates : kept;
}

interface LastRun {
  sockets: readonly PortSocket[];
  terms: readonly FilterTerm[];
  context: FilterContext;
  /** Positions in `sockets` of `result`; null when the result is every socket. */
  positions: readonly number[] | null;
  result: readonly PortSocket[];
}

/**
 * `filterSockets` for one table's filter box, with the same result: it remembers its last run,
 * so a keystroke that narrows the filter only searches the rows the last one kept.
 */
export class NarrowingFilter {
  #last: LastRun | null = null;

  apply(
    sockets: readonly PortSocket[],
    terms: readonly FilterTerm[],
    context: FilterContext,
  ): readonly PortSocket[] {
    const last = this.#last;
    let positions: readonly number[] | null = null;
    let todo = terms;
    if (
      last !== null &&
      last.sockets === sockets &&
      sameContext(last.context, context) &&
      narrows(terms, last.terms)
    ) {
      // Narrowing both ways ("redis" and "redis "): the same sockets, so the same list.
      if (narrows(last.terms, terms)) return last.result;
      positions = last.positions;
      // Every row the last run kept satisfies its terms already.
      todo = terms.filter((term) => !last.terms.some((done) => sameTerm(term, done)));
    }
    for (const term of todo) positions = keep(sockets, positions, term, context);
    // Nothing dropped ("r" in a list where every row has an r): the same list, so the table
    // below has nothing to do.
    const result =
      positions === last?.positions && last.sockets === sockets
        ? last.result
        : positions === null
          ? sockets
          : positions.map((i) => sockets[i]!);
    this.#last = { sockets, terms, context, positions, result };
    return result;
  }
}
