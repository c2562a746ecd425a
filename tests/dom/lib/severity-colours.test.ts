// The severity colours in theme.css: every severity has a colour and a background, light and dark,
// and each colour reads at WCAG AA (4.5:1) on its background and on the window's surfaces.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { SEVERITY_ORDER } from '../../../src-main/domain/severity.js';
import { severityLook } from '../../../src-renderer/lib/severity-view.js';

// Vitest runs from the repository root (jsdom's import.meta.url is not a file URL).
const css = readFileSync(path.resolve('src-renderer/styles/theme.css'), 'utf8');

/** `--name: light-dark(#light, #dark)` → [light, dark]. */
function pair(name: string): [string, string] {
  const match = new RegExp(
    `${name}:\\s*light-dark\\((#[0-9a-f]{6}),\\s*(#[0-9a-f]{6})\\)`,
    'i',
  ).exec(css);
  if (!match) throw new Error(`${name} is not a light-dark() pair of hex colours in theme.css`);
  return [match[1]!, match[2]!];
}

function luminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('severity colours', () => {
  test('the contrast formula matches known values', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  describe.each(SEVERITY_ORDER)('%s', (severity) => {
    const fg = pair(`--sev-${severity}`);
    const bg = pair(`--sev-${severity}-bg`);
    const surfaces = ['--bg', '--bg-elevated'].map(pair);

    test.each([
      ['light', 0],
      ['dark', 1],
    ] as const)('reads at 4.5:1 or more in %s', (_scheme, i) => {
      expect(contrast(fg[i], bg[i])).toBeGreaterThanOrEqual(4.5);
      for (const surface of surfaces)
        expect(contrast(fg[i], surface[i])).toBeGreaterThanOrEqual(4.5);
      // Body text stays readable on the tinted background too.
      expect(contrast(pair('--fg')[i], bg[i])).toBeGreaterThanOrEqual(4.5);
    });

    test('its class sets --sev and --sev-bg to its own colours', () => {
      const rule = new RegExp(
        `\\.${severityLook(severity).className}\\s*\\{[^}]*--sev:\\s*var\\(--sev-${severity}\\);[^}]*--sev-bg:\\s*var\\(--sev-${severity}-bg\\);`,
      );
      expect(css).toMatch(rule);
    });
  });

  test('four different colours', () => {
    const colours = SEVERITY_ORDER.map((s) => pair(`--sev-${s}`).join());
    expect(new Set(colours).size).toBe(SEVERITY_ORDER.length);
  });
});
