// Wraps prose to the terminal's width at spaces only, so an address, command or path is never cut in two.
import { PALETTE_SGR } from './color.js';

const SGR_ALL = new RegExp(PALETTE_SGR.source, 'g');

/** Columns a text takes on screen: our color sequences take none. */
export function visibleLength(text: string): number {
  return text.replace(SGR_ALL, '').length;
}

/**
 * Breaks one line at spaces so each piece fits `width` columns; continuation lines start with the
 * line's own indent plus `hang` spaces. A token longer than a line (a long path) stands alone on
 * its line, whole: a terminal's hard wrap of one token is better than a cut inside it. `width`
 * null (output piped, or width unknown) leaves the line as it is.
 */
export function wrapLine(line: string, width: number | null, hang = 2): string[] {
  if (width === null || visibleLength(line) <= width) return [line];
  const lead = /^ */.exec(line)?.[0] ?? '';
  const words = line.slice(lead.length).split(/ +/);
  const indent = ' '.repeat(Math.min(lead.length + hang, Math.floor(width / 2)));
  const lines: string[] = [];
  let current = lead;
  let length = lead.length;
  let empty = true;
  for (const word of words) {
    const size = visibleLength(word);
    if (!empty && length + 1 + size > width) {
      lines.push(current);
      current = indent + word;
      length = indent.length + size;
      continue;
    }
    current += empty ? word : ` ${word}`;
    length += empty ? size : 1 + size;
    empty = false;
  }
  lines.push(current);
  return lines;
}

/** wrapLine for several lines (each may itself hold line breaks). */
export function wrapLines(lines: readonly string[], width: number | null, hang = 2): string[] {
  return lines.flatMap((line) => line.split('\n').flatMap((part) => wrapLine(part, width, hang)));
}
