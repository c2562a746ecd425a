// SVG source of the tray glyph: a porthole ring with one mark per state, sized in whole pixels.

/** The states the tray shows; the shell picks one per tick. */
export const TRAY_STATES = ['ok', 'attention', 'down', 'paused', 'error'];

/** Mid-tone colours chosen to stay readable on both light and dark panels. */
export const STATE_COLOURS = {
  ok: '#1f9d55',
  attention: '#e08e0b',
  down: '#d92d20',
  paused: '#868e96',
  error: '#8250df',
};

/**
 * Builds the glyph for one state at one pixel size. Geometry is computed per size (not just
 * scaled) so strokes stay at least ~2 px wide at 16 px and the mark keeps a clear gap to the ring.
 * @param {string} state one of TRAY_STATES
 * @param {number} size square edge in pixels
 * @param {{ colour: string }} paint `colour` for every stroke and fill (black for macOS templates)
 */
export function trayGlyphSvg(state, size, paint) {
  if (!TRAY_STATES.includes(state)) throw new Error(`unknown tray state: ${state}`);
  const c = size / 2;
  // Whole-pixel ring width and padding keep the ring's edges on pixel boundaries (crisp at 16 px).
  const ringWidth = Math.max(2, Math.round(size * 0.13));
  const outer = size / 2 - (size <= 16 ? 0 : Math.max(1, Math.round(size * 0.04)));
  const ringRadius = outer - ringWidth / 2;
  const inner = outer - ringWidth;
  const mark = markSvg(state, { c, inner, outer, size, ringWidth });
  const fill = paint.colour;
  const body = [
    `<circle cx="${c}" cy="${c}" r="${fmt(ringRadius)}" fill="none" stroke="${fill}" stroke-width="${fmt(ringWidth)}"/>`,
    mark,
  ].join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">` +
    `<g fill="${fill}" color="${fill}" stroke-linecap="round">${body}</g></svg>`
  );
}

function markSvg(state, g) {
  const { c, inner, outer, size, ringWidth } = g;
  const stroke = Math.max(2, Math.round(size * 0.125));
  const colourStroke = (d) =>
    `<path d="${d}" fill="none" stroke="currentColor" stroke-width="${fmt(stroke)}"/>`;
  // Diagonals look heavier than verticals at the same width; thin them a little.
  const thinStroke = (d) =>
    `<path d="${d}" fill="none" stroke="currentColor" stroke-width="${fmt(stroke * 0.9)}"/>`;
  switch (state) {
    case 'ok':
      // A filled centre: "all quiet, everything answers".
      return `<circle cx="${c}" cy="${c}" r="${fmt(inner * 0.52)}"/>`;
    case 'attention': {
      // "!" - a bar and a dot, centred as a whole; an odd stroke moves half a pixel to stay crisp.
      const x = c + (stroke % 2 === 1 ? 0.5 : 0);
      const top = c - inner * 0.62;
      const barEnd = c + inner * 0.12;
      const dotY = c + inner * 0.55;
      return (
        colourStroke(`M${fmt(x)} ${fmt(top)}V${fmt(barEnd)}`) +
        `<circle cx="${fmt(x)}" cy="${fmt(dotY)}" r="${fmt(stroke * 0.58)}"/>`
      );
    }
    case 'down': {
      const h = inner * 0.42;
      return thinStroke(
        `M${fmt(c - h)} ${fmt(c - h)}L${fmt(c + h)} ${fmt(c + h)}M${fmt(c + h)} ${fmt(c - h)}L${fmt(c - h)} ${fmt(c + h)}`,
      );
    }
    case 'paused': {
      // Whole-pixel bars and an even gap and height put every edge on the pixel grid.
      const barWidth = Math.max(2, Math.round(size * 0.12));
      const gap = 2 * Math.max(1, Math.round(size * 0.05));
      const h = 2 * Math.round(inner * 0.55);
      const y = c - h / 2;
      const x1 = c - gap / 2 - barWidth;
      const x2 = c + gap / 2;
      const r = barWidth * 0.3;
      return (
        `<rect x="${fmt(x1)}" y="${fmt(y)}" width="${fmt(barWidth)}" height="${fmt(h)}" rx="${fmt(r)}"/>` +
        `<rect x="${fmt(x2)}" y="${fmt(y)}" width="${fmt(barWidth)}" height="${fmt(h)}" rx="${fmt(r)}"/>`
      );
    }
    case 'error': {
      // A slash across the whole porthole, like a "no entry" sign: Porthole itself cannot see.
      const d = (outer - ringWidth * 0.5) * Math.SQRT1_2;
      return `<path d="M${fmt(c - d)} ${fmt(c - d)}L${fmt(c + d)} ${fmt(c + d)}" fill="none" stroke="currentColor" stroke-width="${fmt(ringWidth)}" stroke-linecap="butt"/>`;
    }
    default:
      throw new Error(`unknown tray state: ${state}`);
  }
}

function fmt(n) {
  return Number(n.toFixed(3)).toString();
}
