// A socket table's view settings (filter text, sort order), kept in the store so they survive view switches.
import type { SortOrder } from './sort.js';

export class TableState {
  filter = $state('');
  sort = $state.raw<SortOrder | null>(null);

  constructor(sort: SortOrder | null = null) {
    this.sort = sort;
  }
}
