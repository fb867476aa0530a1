import { crc32, inflateLimited } from './inflate';
import type { DecodedImage, ImageDecoder } from './types';

/** A PNG the decoder refuses: the message says what is wrong. */
export class PngError extends Error {
  override readonly name = 'PngError';
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Bit depths allowed per colour type (PNG spec, table 11.1). */
const DEPTHS: Record<number, readonly number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};
/** Samples per pixel of each colour type. */
const SAMPLES: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
/** Adam7 passes: x0, y0, dx, dy. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

interface Header {
  readonly width: number;
  readonly height: number;
  readonly depth: number;
  readonly colorType: number;
  readonly interlace: number;
}

const u32 = (b: Uint8Array, i: number) =>
  ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;

/**
 * Decodes a PNG (every colour type and bit depth, Adam7 too) to 8-bit samples: 16-bit samples keep
 * their high byte, low-depth grays are scaled to 0-255, palettes expand to RGB (RGBA with tRNS).
 * Chunk CRCs are checked and the image data is inflated with a limit of its exact size.
 * Throws `PngError` on anything malformed.
 */
export function decodePng(bytes: Uint8Array, maxPixels = 100_000_000): DecodedImage {
  if (bytes.length < 8 || SIGNATURE.some((b, i) => bytes[i] !== b))
    throw new PngError('not a PNG file (bad signature)');
  let header: Header | undefined;
  let palette: Uint8Array | undefined;
  let alpha: Uint8Array | undefined;
  const idat: Uint8Array[] = [];
  let idatBytes = 0;
  let ended = false;
  for (let i = 8; i < bytes.length && !ended;) {
    if (i + 12 > bytes.length) throw new PngError('truncated chunk header');
    const length = u32(bytes, i);
    if (length > bytes.length - i - 12) throw new PngError('truncated chunk');
    const type = String.fromCharCode(...bytes.subarray(i + 4, i + 8));
    const data = bytes.subarray(i + 8, i + 8 + length);
    if (crc32(bytes.subarray(i + 4, i + 8 + length)) !== u32(bytes, i + 8 + length))
      throw new PngError(`bad CRC in ${JSON.stringify(type)} chunk`);
    if (!header && type !== 'IHDR') throw new PngError('IHDR is not the first chunk');
    if (type === 'IHDR') header = readHeader(data, maxPixels);
    else if (type === 'PLTE') {
      if (length % 3 !== 0 || length === 0 || length > 768) throw new PngError('bad PLTE');
      palette = data;
    } else if (type === 'tRNS') alpha = data;
    else if (type === 'IDAT') {
      idat.push(data);
      idatBytes += length;
    } else if (type === 'IEND') ended = true;
    else if (!/^[a-z]/.test(type))
      throw new PngError(`unknown critical chunk ${JSON.stringify(type)}`);
    i += 12 + length;
  }
  if (!header) throw new PngError('no IHDR chunk');
  if (idat.length === 0) throw new PngError('no image data');
  if (header.colorType === 3 && !palette) throw new PngError('palette image without PLTE');
  const compressed = new Uint8Array(idatBytes);
  idat.reduce((at, part) => (compressed.set(part, at), at + part.length), 0);
  const expected = rawSize(header);
  const inflated = inflateLimited(compressed, 'zlib', expected);
  if (!inflated.ok) throw new PngError(`bad image data (${inflated.detail})`);
  if (inflated.bytes.length < expected) throw new PngError('truncated image data');
  return toPixels(header, inflated.bytes, header.colorType === 3 ? palette : undefined, alpha);
}

/** The PNG decoder as an `ImageDecoder` (Node, tests, workers without OffscreenCanvas). */
export const pngDecoder: ImageDecoder = async (bytes) => decodePng(bytes);

function readHeader(d: Uint8Array, maxPixels: number): Header {
  if (d.length !== 13) throw new PngError('bad IHDR length');
  const h: Header = {
    width: u32(d, 0),
    height: u32(d, 4),
    depth: d[8]!,
    colorType: d[9]!,
    interlace: d[12]!,
  };
  if (h.width === 0 || h.height === 0) throw new PngError('zero width or height');
  if (h.width * h.height > maxPixels)
    throw new PngError(`image of ${h.width}x${h.height} is too large`);
  if (!DEPTHS[h.colorType]?.includes(h.depth))
    throw new PngError(`bad colour type ${h.colorType} / bit depth ${h.depth}`);
  if (d[10] !== 0 || d[11] !== 0 || h.interlace > 1)
    throw new PngError('unknown compression, filter or interlace method');
  return h;
}

const bitsPerPixel = (h: Header) => SAMPLES[h.colorType]! * h.depth;
const rowBytes = (h: Header, w: number) => Math.ceil((w * bitsPerPixel(h)) / 8);

/** The sub-images: the whole image, or the seven Adam7 passes (empty ones left out). */
function passes(
  h: Header,
): { x0: number; y0: number; dx: number; dy: number; w: number; h: number }[] {
  if (h.interlace === 0) return [{ x0: 0, y0: 0, dx: 1, dy: 1, w: h.width, h: h.height }];
  return ADAM7.map(([x0, y0, dx, dy]) => ({
    x0,
    y0,
    dx,
    dy,
    w: Math.ceil((h.width - x0) / dx),
    h: Math.ceil((h.height - y0) / dy),
  })).filter((p) => p.w > 0 && p.h > 0);
}

function rawSize(h: Header): number {
  return passes(h).reduce((s, p) => s + p.h * (1 + rowBytes(h, p.w)), 0);
}

/** Undoes the row filters in place (PNG spec, section 9). */
function unfilter(data: Uint8Array, at: number, rows: number, stride: number, bpp: number): void {
  for (let r = 0; r < rows; r++) {
    const row = at + r * (stride + 1);
    const filter = data[row]!;
    const cur = row + 1;
    const prev = r > 0 ? cur - stride - 1 : -1;
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? data[cur + i - bpp]! : 0;
      const b = prev >= 0 ? data[prev + i]! : 0;
      const c = prev >= 0 && i >= bpp ? data[prev + i - bpp]! : 0;
      let add: number;
      if (filter === 0) add = 0;
      else if (filter === 1) add = a;
      else if (filter === 2) add = b;
      else if (filter === 3) add = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        add = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      } else throw new PngError(`bad filter type ${filter}`);
      data[cur + i] = (data[cur + i]! + add) & 0xff;
    }
  }
}

function toPixels(
  h: Header,
  data: Uint8Array,
  palette?: Uint8Array,
  trns?: Uint8Array,
): DecodedImage {
  const samples = SAMPLES[h.colorType]!;
  const channels = (h.colorType === 3 ? (trns ? 4 : 3) : samples) as 1 | 2 | 3 | 4;
  const pixels = new Uint8Array(h.width * h.height * channels);
  const bpp = Math.max(1, bitsPerPixel(h) >> 3);
  const grayScale = 255 / ((1 << h.depth) - 1);
  const entries = palette ? palette.length / 3 : 0;
  let at = 0;
  for (const p of passes(h)) {
    const stride = rowBytes(h, p.w);
    unfilter(data, at, p.h, stride, bpp);
    for (let r = 0; r < p.h; r++) {
      const row = at + r * (stride + 1) + 1;
      for (let c = 0; c < p.w; c++) {
        const out = ((p.y0 + r * p.dy) * h.width + p.x0 + c * p.dx) * channels;
        if (h.depth < 8) {
          const bit = c * h.depth;
          const v = (data[row + (bit >> 3)]! >> (8 - h.depth - (bit & 7))) & ((1 << h.depth) - 1);
          if (palette) writePalette(pixels, out, v, palette, entries, trns);
          else pixels[out] = Math.round(v * grayScale);
        } else if (palette) writePalette(pixels, out, data[row + c]!, palette, entries, trns);
        else {
          const step = h.depth >> 3;
          for (let s = 0; s < samples; s++) pixels[out + s] = data[row + (c * samples + s) * step]!;
        }
      }
    }
    at += p.h * (stride + 1);
  }
  return { width: h.width, height: h.height, channels, pixels };
}

function writePalette(
  out: Uint8Array,
  at: number,
  index: number,
  palette: Uint8Array,
  entries: number,
  trns?: Uint8Array,
): void {
  if (index >= entries) throw new PngError(`palette index ${index} out of range`);
  out[at] = palette[index * 3]!;
  out[at + 1] = palette[index * 3 + 1]!;
  out[at + 2] = palette[index * 3 + 2]!;
  if (trns) out[at + 3] = index < trns.length ? trns[index]! : 255;
}
