// Makes text from other programs (command lines, process names) safe to print on a terminal.

// C0 and C1 control characters, DEL included: a command line holding ESC could restyle or
// rewrite the user's terminal, and a newline would break a table row.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** Line breaks and tabs become spaces; other control characters become `?`. */
export function printable(text: string): string {
  return text.replace(CONTROL, (ch) => (ch === '\n' || ch === '\r' || ch === '\t' ? ' ' : '?'));
}
