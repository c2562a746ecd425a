// Writes Windows .ico and macOS .icns containers around already-rendered RGBA images.

/**
 * @typedef {{ width: number, height: number, rgba: Buffer, png: Buffer }} Bitmap
 * `rgba` holds width*height*4 bytes, top row first (what sharp's `.raw()` gives).
 */

/**
 * An .ico file. Entries under 64 px are stored as 32-bit DIBs, which every Windows icon loader
 * reads (PNG-compressed small entries trip some older tools); larger ones as PNG, which Windows
 * Vista and later read and which keeps the 128/256 px entries small.
 * @param {Bitmap[]} images one per size, any order
 * @returns {Buffer}
 */
export function encodeIco(images) {
  const sorted = [...images].sort((a, b) => a.width - b.width);
  const payloads = sorted.map((img) => (img.width >= 64 ? img.png : dibOf(img)));
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(sorted.length, 4);
  const entries = Buffer.alloc(16 * sorted.length);
  let offset = header.length + entries.length;
  sorted.forEach((img, i) => {
    const at = i * 16;
    entries.writeUInt8(img.width >= 256 ? 0 : img.width, at); // 0 means 256
    entries.writeUInt8(img.height >= 256 ? 0 : img.height, at + 1);
    entries.writeUInt8(0, at + 2); // no palette
    entries.writeUInt8(0, at + 3);
    entries.writeUInt16LE(1, at + 4); // colour planes
    entries.writeUInt16LE(32, at + 6); // bits per pixel
    entries.writeUInt32LE(payloads[i].length, at + 8);
    entries.writeUInt32LE(offset, at + 12);
    offset += payloads[i].length;
  });
  return Buffer.concat([header, entries, ...payloads]);
}

/** BITMAPINFOHEADER + bottom-up BGRA rows + the 1-bit AND mask (all zero: alpha decides). */
function dibOf({ width, height, rgba }) {
  const info = Buffer.alloc(40);
  info.writeUInt32LE(40, 0);
  info.writeInt32LE(width, 4);
  info.writeInt32LE(height * 2, 8); // XOR image + AND mask, as icons require
  info.writeUInt16LE(1, 12);
  info.writeUInt16LE(32, 14);
  info.writeUInt32LE(0, 16); // BI_RGB
  const pixels = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    const src = (height - 1 - y) * width * 4;
    for (let x = 0; x < width; x++) {
      const s = src + x * 4;
      const d = (y * width + x) * 4;
      pixels[d] = rgba[s + 2];
      pixels[d + 1] = rgba[s + 1];
      pixels[d + 2] = rgba[s];
      pixels[d + 3] = rgba[s + 3];
    }
  }
  info.writeUInt32LE(pixels.length, 20);
  const maskRow = Math.ceil(width / 32) * 4;
  return Buffer.concat([info, pixels, Buffer.alloc(maskRow * height)]);
}

/** The PNG-carrying icns element types, by the pixel size they hold (Retina types included). */
export const ICNS_TYPES = [
  { type: 'icp4', size: 16 },
  { type: 'icp5', size: 32 },
  { type: 'ic11', size: 32 },
  { type: 'icp6', size: 64 },
  { type: 'ic12', size: 64 },
  { type: 'ic07', size: 128 },
  { type: 'ic08', size: 256 },
  { type: 'ic13', size: 256 },
  { type: 'ic09', size: 512 },
  { type: 'ic14', size: 512 },
  { type: 'ic10', size: 1024 },
];

/**
 * An .icns file holding PNG elements (the format macOS 10.7+ reads; what `iconutil` writes).
 * @param {Map<number, Buffer>} pngBySize PNG bytes for every size in ICNS_TYPES
 * @returns {Buffer}
 */
export function encodeIcns(pngBySize) {
  const elements = ICNS_TYPES.map(({ type, size }) => {
    const png = pngBySize.get(size);
    if (!png) throw new Error(`icns: no ${size}px image for ${type}`);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const body = Buffer.concat(elements);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}
