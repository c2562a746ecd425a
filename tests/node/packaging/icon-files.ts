// Reads the sizes inside PNG, ICO and ICNS files from their headers, for the packaging tests.
import { readFileSync } from 'node:fs';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  /** 6 = RGBA, 2 = RGB, 3 = palette, 0 = grey, 4 = grey + alpha. */
  colourType: number;
}

/** Width, height and pixel format from a PNG's IHDR chunk; throws when the bytes are no PNG. */
export function pngHeader(bytes: Buffer): PngHeader {
  if (bytes.length < 33 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) {
    throw new Error('not a PNG (bad signature)');
  }
  if (bytes.toString('latin1', 12, 16) !== 'IHDR') throw new Error('PNG without IHDR first');
  return {
    width: bytes.readUInt32BE(16),
    height: bytes.readUInt32BE(20),
    bitDepth: bytes.readUInt8(24),
    colourType: bytes.readUInt8(25),
  };
}

export function pngFileHeader(file: string): PngHeader {
  return pngHeader(readFileSync(file));
}

export interface IcoEntry {
  /** Size from the directory entry (0 in the file means 256). */
  width: number;
  height: number;
  bitCount: number;
  format: 'png' | 'dib';
  /** Size read from the image data itself (PNG IHDR or DIB header). */
  imageWidth: number;
  imageHeight: number;
}

/** The images inside a Windows .ico, checked against the bytes they point at. */
export function icoEntries(bytes: Buffer): IcoEntry[] {
  if (bytes.readUInt16LE(0) !== 0 || bytes.readUInt16LE(2) !== 1) throw new Error('not an .ico');
  const count = bytes.readUInt16LE(4);
  const entries: IcoEntry[] = [];
  for (let i = 0; i < count; i++) {
    const at = 6 + i * 16;
    const size = bytes.readUInt32LE(at + 8);
    const offset = bytes.readUInt32LE(at + 12);
    if (offset + size > bytes.length) throw new Error(`ico entry ${i} runs past the end`);
    const data = bytes.subarray(offset, offset + size);
    const isPng = data.subarray(0, 8).equals(PNG_SIGNATURE);
    const image = isPng
      ? pngHeader(data)
      : { width: data.readInt32LE(4), height: data.readInt32LE(8) / 2 }; // DIB height counts the mask
    entries.push({
      width: bytes.readUInt8(at) || 256,
      height: bytes.readUInt8(at + 1) || 256,
      bitCount: bytes.readUInt16LE(at + 6),
      format: isPng ? 'png' : 'dib',
      imageWidth: image.width,
      imageHeight: image.height,
    });
  }
  return entries;
}

export interface IcnsElement {
  type: string;
  /** Pixel size of the PNG the element carries. */
  width: number;
  height: number;
}

/** The PNG elements of a macOS .icns file. */
export function icnsElements(bytes: Buffer): IcnsElement[] {
  if (bytes.toString('latin1', 0, 4) !== 'icns') throw new Error('not an .icns');
  if (bytes.readUInt32BE(4) !== bytes.length) throw new Error('icns length field is wrong');
  const elements: IcnsElement[] = [];
  let at = 8;
  while (at < bytes.length) {
    const type = bytes.toString('latin1', at, at + 4);
    const length = bytes.readUInt32BE(at + 4);
    if (length < 8 || at + length > bytes.length) throw new Error(`icns element ${type} is cut`);
    const png = pngHeader(bytes.subarray(at + 8, at + length));
    elements.push({ type, width: png.width, height: png.height });
    at += length;
  }
  return elements;
}
