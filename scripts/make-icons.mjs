#!/usr/bin/env node
// Renders every tray and app icon from SVG into assets/ (outputs are committed; builds never run this).
//   node scripts/make-icons.mjs                  write all icons
//   node scripts/make-icons.mjs --preview F.png  also write a zoomed contact sheet on light and dark
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { appIconSvg } from './icons/app-glyph.mjs';
import { encodeIcns, encodeIco, ICNS_TYPES } from './icons/containers.mjs';
import { STATE_COLOURS, TRAY_STATES, trayGlyphSvg } from './icons/tray-glyph.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const assets = join(root, 'assets');

/** Linux AppIndicator draws tray icons at 22 px; Windows trays use 16 (24/32 at higher DPI). */
const LINUX_SIZE = 22;
const MAC_SIZE = 16;
const WIN_SIZES = [16, 24, 32];
const APP_ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

async function render(svg) {
  const { data, info } = await sharp(Buffer.from(svg))
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, rgba: data, png: await encodePng(data, info) };
}

function encodePng(rgba, { width, height }) {
  return sharp(rgba, { raw: { width, height, channels: 4 } })
    .png({ compressionLevel: 9, palette: false })
    .toBuffer();
}

/** macOS template images must be black with alpha only: the system tints them per appearance. */
async function renderTemplate(state, size) {
  const img = await render(trayGlyphSvg(state, size, { colour: '#000000' }));
  for (let i = 0; i < img.rgba.length; i += 4) img.rgba.fill(0, i, i + 3);
  img.png = await encodePng(img.rgba, img);
  return img;
}

async function write(relative, bytes) {
  const file = join(assets, relative);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, bytes);
  return relative;
}

async function makeTrayIcons() {
  const written = [];
  for (const state of TRAY_STATES) {
    const colour = { colour: STATE_COLOURS[state] };
    const linux = await render(trayGlyphSvg(state, LINUX_SIZE, colour));
    const linux2x = await render(trayGlyphSvg(state, LINUX_SIZE * 2, colour));
    written.push(await write(`tray/${state}.png`, linux.png));
    written.push(await write(`tray/${state}@2x.png`, linux2x.png));
    const mac = await renderTemplate(state, MAC_SIZE);
    const mac2x = await renderTemplate(state, MAC_SIZE * 2);
    written.push(await write(`tray/mac/${state}Template.png`, mac.png));
    written.push(await write(`tray/mac/${state}Template@2x.png`, mac2x.png));
    const win = await Promise.all(WIN_SIZES.map((s) => render(trayGlyphSvg(state, s, colour))));
    written.push(await write(`tray/win/${state}.ico`, encodeIco(win)));
  }
  return written;
}

async function makeAppIcons() {
  const sizes = new Set([512, ...APP_ICO_SIZES, ...ICNS_TYPES.map((t) => t.size)]);
  const bySize = new Map();
  for (const size of sizes) bySize.set(size, await render(appIconSvg(size)));
  const png = (size) => bySize.get(size).png;
  return [
    await write('icon.png', png(512)),
    await write('icon.ico', encodeIco(APP_ICO_SIZES.map((s) => bySize.get(s)))),
    await write('icon.icns', encodeIcns(new Map(ICNS_TYPES.map((t) => [t.size, png(t.size)])))),
  ];
}

/** A contact sheet: each tray icon at 1x and zoomed, colour and template, on light and dark. */
async function writePreview(file) {
  const zoom = 8;
  const cell = 44 * zoom + 16;
  const tiles = [];
  const rows = [];
  for (const background of ['#f6f8fa', '#24292f']) {
    for (const size of [16, 22, 32]) rows.push({ background, size });
  }
  const rowHeight = 32 * zoom + 48;
  for (const [r, { background, size }] of rows.entries()) {
    const template = background === '#24292f' ? '#ffffff' : '#000000';
    let x = 0;
    for (const state of TRAY_STATES) {
      for (const colour of [STATE_COLOURS[state], template]) {
        const img = await render(trayGlyphSvg(state, size, { colour }));
        const big = await sharp(img.png).resize(size * zoom, size * zoom, { kernel: 'nearest' });
        tiles.push({ input: await big.png().toBuffer(), left: x + 8, top: r * rowHeight + 8 });
        tiles.push({ input: img.png, left: x + 8, top: r * rowHeight + size * zoom + 16 });
        x += cell;
      }
    }
  }
  const width = cell * TRAY_STATES.length * 2;
  const backgrounds = rows.map(({ background }, r) => ({
    input: { create: { width, height: rowHeight, channels: 4, background } },
    left: 0,
    top: r * rowHeight,
  }));
  await sharp({
    create: { width, height: rowHeight * rows.length, channels: 4, background: '#fff' },
  })
    .composite([...backgrounds, ...tiles])
    .png()
    .toFile(file);
}

const written = [...(await makeTrayIcons()), ...(await makeAppIcons())];
process.stdout.write(`wrote ${written.length} files under assets/\n`);
const previewAt = process.argv.indexOf('--preview');
if (previewAt !== -1) {
  const file = process.argv[previewAt + 1];
  if (!file) throw new Error('--preview needs a file name, e.g. --preview /tmp/icons.png');
  await writePreview(file);
  process.stdout.write(`preview: ${file}\n`);
}
