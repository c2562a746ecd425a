// A socket table's view settings (filter text, sort order, folded rows), kept in the store so they survive view switches.
import type { SortOrder } from './sort.js';

export class TableState {
  filter = $state('');
  sort = $state.raw<SortOrder | null>(null);
  /** Show the closing connections no process holds (TIME_WAIT…) instead of one summary row. */
  showClosing = $state(false);

  constructor(sort: SortOrder | null = null) {
    this.sort = sort;
  }
}
