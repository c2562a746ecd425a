// Types for layout-probe.mjs (plain JavaScript so it runs in the page as written).

export interface LayoutProblem {
  kind: 'overflow' | 'clipped-control' | 'clipped-text' | 'text-overflow' | 'squeezed-text';
  /** 'tables' inside or around a socket grid (fitted separately), 'shell' everywhere else. */
  owner: 'tables' | 'shell';
  what: string;
  detail: string;
}

/** Runs in the page: `await page.evaluate(probeLayout)`. */
export declare function probeLayout(): LayoutProblem[];
