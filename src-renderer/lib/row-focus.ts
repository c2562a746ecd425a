// Pure: where keyboard focus goes when the focused row leaves the table (closed, filtered away).

/**
 * The row to focus after the rows changed: the focused row's new position when it is still there,
 * else the row that took its place (the next one), else the last row; -1 when no row is left (focus
 * the table itself then). `indexOfKey` finds a key among the new rows (-1 when gone).
 */
export function refocusIndex(
  key: string,
  oldIndex: number,
  length: number,
  indexOfKey: (key: string) => number,
): number {
  if (length === 0) return -1;
  const moved = indexOfKey(key);
  if (moved >= 0) return moved;
  return Math.min(Math.max(0, oldIndex), length - 1);
}

interface Focused {
  key: string;
  index: number;
  el: HTMLElement;
}

/** What a table tells the tracker after its rows changed. */
export interface TableRows {
  length: number;
  keyAt: (index: number) => string | undefined;
  focusRow: (index: number) => void;
  focusTable: () => void;
}

/**
 * Follows which row (or a control inside it) has focus. When rows change and that element went
 * with its row, focus goes to the row that took its place: never to the page.
 */
export class RowFocus {
  #focused: Focused | null = null;

  /** A focusin inside the table: `index`/`key` of the row holding `el`. */
  enter(el: HTMLElement, index: number, key: string): void {
    this.#focused = { key, index, el };
  }

  /** A focusout: `to` is where focus went (null when the element was removed, or on a click on nothing). */
  leave(to: Element | null, inTable: (el: Element) => boolean): void {
    if (to && !inTable(to)) this.#focused = null;
  }

  /** Call after the rows changed and the DOM caught up. */
  settle(table: TableRows, doc: Document = document): void {
    const was = this.#focused;
    if (!was) return;
    const active = doc.activeElement;
    if (was.el.isConnected && active === was.el) {
      const index = Number(was.el.closest<HTMLElement>('[data-index]')?.dataset.index);
      if (Number.isInteger(index)) this.#focused = { ...was, index };
      return;
    }
    // Focus went somewhere on purpose: leave it there.
    if (active !== null && active !== doc.body) return;
    const index = refocusIndex(was.key, was.index, table.length, (key) => {
      for (let i = 0; i < table.length; i += 1) if (table.keyAt(i) === key) return i;
      return -1;
    });
    if (index < 0) table.focusTable();
    else table.focusRow(index);
  }
}
