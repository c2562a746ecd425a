// The committed tray and app icons: right sizes per platform, visible, distinct, and where the shell looks.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import { assetsDir, trayIconPath } from '../../../src-main/electron/icons.js';
import type { TrayIcon } from '../../../src-main/electron/tray-view.js';
import { icnsElements, icoEntries, pngFileHeader } from './icon-files.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const assets = path.join(root, 'assets');
const STATES = [
  'ok',
  'attention',
  'down',
  'paused',
  'error',
] as const satisfies readonly TrayIcon[];

async function pixels(file: string) {
  const { data, info } = await sharp(file)
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** Share of visible pixels and the mean colour of the clearly opaque ones. */
async function ink(file: string) {
  const { data } = await pixels(file);
  let visible = 0;
  let opaque = 0;
  const sum = [0, 0, 0];
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3]! > 24) visible++;
    if (data[i + 3]! > 200) {
      opaque++;
      for (let c = 0; c < 3; c++) sum[c]! += data[i + c]!;
    }
  }
  const [r, g, b] = sum.map((s) => s / Math.max(1, opaque)) as [number, number, number];
  return { coverage: visible / (data.length / 4), r, g, b };
}

describe('tray icons', () => {
  test.each(STATES)('%s: Linux 22 px and 44 px (@2x) RGBA PNGs', (state) => {
    const x1 = pngFileHeader(path.join(assets, 'tray', `${state}.png`));
    const x2 = pngFileHeader(path.join(assets, 'tray', `${state}@2x.png`));
    expect([x1.width, x1.height, x1.colourType]).toEqual([22, 22, 6]);
    expect([x2.width, x2.height, x2.colourType]).toEqual([44, 44, 6]);
  });

  test.each(STATES)('%s: macOS template 16 px and 32 px, black with alpha only', async (state) => {
    for (const [name, size] of [
      [`${state}Template.png`, 16],
      [`${state}Template@2x.png`, 32],
    ] as const) {
      const file = path.join(assets, 'tray', 'mac', name);
      const { data, width, height } = await pixels(file);
      expect([width, height]).toEqual([size, size]);
      let coloured = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i]! + data[i + 1]! + data[i + 2]! > 0) coloured++;
      }
      // macOS tints template images itself; any colour would show as a wrong shade.
      expect(coloured).toBe(0);
    }
  });

  test.each(STATES)('%s: Windows ico with 16, 24 and 32 px 32-bit images', (state) => {
    const entries = icoEntries(readFileSync(path.join(assets, 'tray', 'win', `${state}.ico`)));
    expect(entries.map((e) => e.width)).toEqual([16, 24, 32]);
    for (const entry of entries) {
      expect(entry.bitCount).toBe(32);
      expect([entry.imageWidth, entry.imageHeight]).toEqual([entry.width, entry.height]);
    }
  });

  test('every state draws a visible glyph, and no two states look the same', async () => {
    const seen = new Map<string, string>();
    for (const state of STATES) {
      const file = path.join(assets, 'tray', `${state}.png`);
      const { coverage } = await ink(file);
      expect(coverage, state).toBeGreaterThan(0.2);
      expect(coverage, state).toBeLessThan(0.8);
      const key = (await pixels(file)).data.toString('base64');
      expect(seen.get(key), `${state} repeats ${seen.get(key)}`).toBeUndefined();
      seen.set(key, state);
    }
  });

  test('colours say the state: green ok, amber attention, red down, grey paused, purple error', async () => {
    const c = Object.fromEntries(
      await Promise.all(
        STATES.map(async (s) => [s, await ink(path.join(assets, 'tray', `${s}.png`))] as const),
      ),
    );
    expect(c.ok!.g).toBeGreaterThan(c.ok!.r + 40);
    expect(c.ok!.g).toBeGreaterThan(c.ok!.b + 40);
    expect(c.attention!.r).toBeGreaterThan(c.attention!.b + 100);
    expect(c.attention!.g).toBeGreaterThan(c.attention!.b + 60);
    expect(c.down!.r).toBeGreaterThan(c.down!.g + 100);
    const grey = [c.paused!.r, c.paused!.g, c.paused!.b];
    expect(Math.max(...grey) - Math.min(...grey)).toBeLessThan(30);
    expect(c.error!.b).toBeGreaterThan(c.error!.g + 60);
    expect(c.error!.r).toBeGreaterThan(c.error!.g + 20);
  });

  test.each(['linux', 'darwin', 'win32'] as const)(
    'the shell finds a file for every state on %s',
    (platform) => {
      const dir = assetsDir({ resourcesPath: undefined, appPath: root });
      expect(dir).toBe(assets);
      for (const state of STATES) {
        const file = trayIconPath(state, platform, dir);
        expect(() => readFileSync(file), file).not.toThrow();
      }
    },
  );
});

describe('app icon', () => {
  test('icon.png is 512x512 RGBA and not empty', async () => {
    const header = pngFileHeader(path.join(assets, 'icon.png'));
    expect([header.width, header.height, header.colourType]).toEqual([512, 512, 6]);
    expect((await ink(path.join(assets, 'icon.png'))).coverage).toBeGreaterThan(0.5);
  });

  test('icon.ico holds 16 to 256 px, small sizes as DIBs and large as PNG', () => {
    const entries = icoEntries(readFileSync(path.join(assets, 'icon.ico')));
    expect(entries.map((e) => [e.width, e.format])).toEqual([
      [16, 'dib'],
      [24, 'dib'],
      [32, 'dib'],
      [48, 'dib'],
      [64, 'png'],
      [128, 'png'],
      [256, 'png'],
    ]);
    for (const entry of entries) expect(entry.imageWidth).toBe(entry.width);
  });

  test('icon.icns elements carry PNGs of the size their type promises', () => {
    const expected: Record<string, number> = {
      icp4: 16,
      icp5: 32,
      ic11: 32,
      icp6: 64,
      ic12: 64,
      ic07: 128,
      ic08: 256,
      ic13: 256,
      ic09: 512,
      ic14: 512,
      ic10: 1024,
    };
    const elements = icnsElements(readFileSync(path.join(assets, 'icon.icns')));
    expect(Object.fromEntries(elements.map((e) => [e.type, e.width]))).toEqual(expected);
  });
});
