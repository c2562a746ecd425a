// Makes text from other programs (command lines, process names, settings) safe to print on a terminal.
import type { OutputStream } from '../context.js';
import { PALETTE_SGR } from './color.js';

// C0 and C1 control characters, DEL included: a command line holding ESC could restyle or
// rewrite the user's terminal, and a newline would break a table row.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** Line breaks and tabs become spaces; other control characters become `?`. */
export function printable(text: string): string {
  return text.replace(CONTROL, (ch) => (ch === '\n' || ch === '\r' || ch === '\t' ? ' ' : '?'));
}

// Whole output: line feeds and tabs stay, and so does the \r of a \r\n line end (CSV's);
// every other C0/C1 control character, ESC first of all, becomes `?`.
// eslint-disable-next-line no-control-regex
const UNSAFE = /\r(?!\n)|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'g');
const UNSAFE_BUT_PALETTE = new RegExp(`(${PALETTE_SGR.source})|${UNSAFE.source}`, 'g');

/** Output text with every control sequence but line ends, tabs and (when `color`) our own colors defused. */
export function terminalText(text: string, color: boolean): string {
  if (!color) return text.replace(UNSAFE_ALL, '?');
  return text.replace(UNSAFE_BUT_PALETTE, (match, ours: string | undefined) =>
    ours === undefined ? '?' : match,
  );
}

/**
 * The one door to the terminal: every write of the CLI (tables, warnings, errors, commander's
 * messages, CSV) passes terminalText, so no string from a process or a file can reach it raw.
 */
export function printableStream(stream: OutputStream, color: () => boolean): OutputStream {
  return {
    write: (text: string) => stream.write(terminalText(text, color())),
    get isTTY() {
      return stream.isTTY;
    },
    get columns() {
      return stream.columns;
    },
  };
}
