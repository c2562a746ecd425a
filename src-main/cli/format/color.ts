// ANSI styles that collapse to plain text when color is off.

export type Paint = (text: string) => string;

export interface Palette {
  bold: Paint;
  dim: Paint;
  red: Paint;
  yellow: Paint;
  green: Paint;
}

const plain: Paint = (text) => text;

/** Exactly the SGR sequences palette() writes: the only escape sequences the CLI's output may carry. */
// eslint-disable-next-line no-control-regex
export const PALETTE_SGR = /\u001b\[(?:1|2|22|31|32|33|39)m/;

function sgr(open: number, close: number): Paint {
  return (text) => (text === '' ? text : `\u001b[${open}m${text}\u001b[${close}m`);
}

export function palette(color: boolean): Palette {
  if (!color) return { bold: plain, dim: plain, red: plain, yellow: plain, green: plain };
  return {
    bold: sgr(1, 22),
    dim: sgr(2, 22),
    red: sgr(31, 39),
    yellow: sgr(33, 39),
    green: sgr(32, 39),
  };
}
