// A tiny column formatter: aligned columns, styled cells, one column cut to fit the terminal.
import type { Paint } from './color.js';
import { printable } from './printable.js';

export interface Column {
  header: string;
  align?: 'left' | 'right';
  /** This column gives up width when the table is wider than the terminal (at most one should). */
  shrink?: boolean;
}

/** A cell: plain text, or text with a style applied after padding is measured. */
export type Cell = string | { text: string; paint: Paint };

export interface TableOptions {
  /** Terminal width; null means never cut. */
  width: number | null;
  /** Style for the header row. */
  header?: Paint;
}

const GAP = '  ';
const MIN_SHRUNK = 8;

function textOf(cell: Cell): string {
  return printable(typeof cell === 'string' ? cell : cell.text);
}

/** Cuts text to `max` visible characters, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return text.slice(0, Math.max(0, max));
  return `${text.slice(0, max - 1)}…`;
}

function columnWidths(columns: Column[], rows: Cell[][], width: number | null): number[] {
  const widths = columns.map((col, i) =>
    Math.max(col.header.length, ...rows.map((row) => textOf(row[i] ?? '').length)),
  );
  if (width === null) return widths;
  const total = widths.reduce((sum, w) => sum + w, 0) + GAP.length * (columns.length - 1);
  const shrinkAt = columns.findIndex((col) => col.shrink);
  if (total > width && shrinkAt >= 0) {
    const current = widths[shrinkAt] ?? 0;
    widths[shrinkAt] = Math.max(Math.min(current, MIN_SHRUNK), current - (total - width));
  }
  return widths;
}

function renderRow(cells: Cell[], columns: Column[], widths: number[], last: number): string {
  const parts = columns.map((col, i) => {
    const cell = cells[i] ?? '';
    const w = widths[i] ?? 0;
    const text = truncate(textOf(cell), w);
    const shown = typeof cell === 'string' ? text : cell.paint(text);
    const pad = ' '.repeat(w - text.length);
    if (col.align === 'right') return pad + shown;
    // No trailing spaces after the last column.
    return i === last ? shown : shown + pad;
  });
  return parts.join(GAP).trimEnd();
}

/** Renders a header and rows as aligned lines (no trailing newline). */
export function renderTable(columns: Column[], rows: Cell[][], options: TableOptions): string {
  const widths = columnWidths(columns, rows, options.width);
  const last = columns.length - 1;
  const paintHeader = options.header ?? ((text: string) => text);
  const header = renderRow(
    columns.map((col) => ({ text: col.header, paint: paintHeader })),
    columns,
    widths,
    last,
  );
  return [header, ...rows.map((row) => renderRow(row, columns, widths, last))].join('\n');
}
