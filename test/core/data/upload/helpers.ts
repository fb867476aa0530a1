import { crc32, deflateSync } from 'node:zlib';
import type { FolderFile, UploadFile } from '../../../../src/core/data/upload/types';

/** An in-memory file, like a browser `File`; counts reads so tests can prove a file was not read. */
export function memFile(
  bytes: Uint8Array | string,
  name = 'data.csv',
): UploadFile & { reads: number } {
  const b = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  const f = {
    name,
    size: b.length,
    reads: 0,
    arrayBuffer: async () => {
      f.reads++;
      return b.slice().buffer;
    },
  };
  return f;
}

/** A file that claims `size` bytes and fails the test if it is read. */
export function hugeFile(size: number, name: string): UploadFile {
  return {
    name,
    size,
    arrayBuffer: () => Promise.reject(new Error(`${name} must not be read`)),
  };
}

/** The files of a dropped folder. */
export function folder(files: Record<string, Uint8Array>): FolderFile[] {
  return Object.entries(files).map(([path, b]) => ({ path, file: memFile(b, path) }));
}

export interface PngSpec {
  width: number;
  height: number;
  colorType: 0 | 2 | 3 | 4 | 6;
  depth: 1 | 2 | 4 | 8 | 16;
  /** Sample values at `depth`, row-major, samples interleaved (palette: indices). */
  samples: ArrayLike<number>;
  palette?: Uint8Array;
  trns?: Uint8Array;
  interlace?: boolean;
  /** Row filter types, cycled over the scanlines (default all five). */
  filters?: readonly number[];
  /** Split the compressed data into this many IDAT chunks. */
  idatChunks?: number;
}

const SAMPLES = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as const;
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  v.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** A PNG encoder for tests, independent of the decoder: node's zlib and crc32. */
export function encodePng(s: PngSpec): Uint8Array {
  const spp = SAMPLES[s.colorType];
  const bitsPerPixel = spp * s.depth;
  const bpp = Math.max(1, bitsPerPixel >> 3);
  const filters = s.filters ?? [0, 1, 2, 3, 4];
  const passes = s.interlace
    ? ADAM7.map(([x0, y0, dx, dy]) => ({ x0, y0, dx, dy }))
    : [{ x0: 0, y0: 0, dx: 1, dy: 1 }];
  const raw: number[] = [];
  let rowNo = 0;
  for (const p of passes) {
    const pw = Math.ceil((s.width - p.x0) / p.dx);
    const ph = Math.ceil((s.height - p.y0) / p.dy);
    if (pw <= 0 || ph <= 0) continue;
    const stride = Math.ceil((pw * bitsPerPixel) / 8);
    let prev = new Uint8Array(stride);
    for (let r = 0; r < ph; r++) {
      const line = new Uint8Array(stride);
      const y = p.y0 + r * p.dy;
      for (let c = 0; c < pw; c++) {
        const x = p.x0 + c * p.dx;
        for (let k = 0; k < spp; k++) {
          const v = s.samples[(y * s.width + x) * spp + k]!;
          const bit = (c * spp + k) * s.depth;
          if (s.depth === 16) {
            line[bit >> 3] = v >> 8;
            line[(bit >> 3) + 1] = v & 0xff;
          } else if (s.depth === 8) line[bit >> 3] = v;
          else line[bit >> 3]! |= v << (8 - s.depth - (bit & 7));
        }
      }
      const f = filters[rowNo++ % filters.length]!;
      raw.push(f);
      for (let i = 0; i < stride; i++) {
        const a = i >= bpp ? line[i - bpp]! : 0;
        const b = r > 0 ? prev[i]! : 0;
        const c = r > 0 && i >= bpp ? prev[i - bpp]! : 0;
        const pred = [0, a, b, (a + b) >> 1, paeth(a, b, c)][f]!;
        raw.push((line[i]! - pred) & 0xff);
      }
      prev = line;
    }
  }
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, s.width);
  v.setUint32(4, s.height);
  ihdr.set([s.depth, s.colorType, 0, 0, s.interlace ? 1 : 0], 8);
  const z = new Uint8Array(deflateSync(Uint8Array.from(raw)));
  const parts = [
    Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
  ];
  if (s.palette) parts.push(chunk('PLTE', s.palette));
  if (s.trns) parts.push(chunk('tRNS', s.trns));
  parts.push(chunk('tEXt', new TextEncoder().encode('Comment\u0000test')));
  const n = s.idatChunks ?? 1;
  const step = Math.ceil(z.length / n);
  for (let i = 0; i < z.length; i += step) parts.push(chunk('IDAT', z.subarray(i, i + step)));
  parts.push(chunk('IEND', new Uint8Array(0)));
  return concatBytes(parts);
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** An 8-bit gray PNG filled by `f(x, y)`. */
export function grayPng(
  width: number,
  height: number,
  f: (x: number, y: number) => number = (x, y) => (x * 7 + y * 13) & 255,
): Uint8Array {
  const samples = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) samples[y * width + x] = f(x, y);
  return encodePng({ width, height, colorType: 0, depth: 8, samples });
}

/** An 8-bit RGB PNG with a colour gradient. */
export function rgbPng(width: number, height: number): Uint8Array {
  const samples = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) samples.set([(i * 5) & 255, (i * 11) & 255, 200], i * 3);
  return encodePng({ width, height, colorType: 2, depth: 8, samples });
}

/** Offsets of the central directory records of a zip (for patching in tests). */
export function centralRecords(zip: Uint8Array): number[] {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.length - 22;
  while (v.getUint32(end, true) !== 0x06054b50) end--;
  const count = v.getUint16(end + 10, true);
  let at = v.getUint32(end + 16, true);
  const out: number[] = [];
  for (let k = 0; k < count; k++) {
    out.push(at);
    at += 46 + v.getUint16(at + 28, true) + v.getUint16(at + 30, true) + v.getUint16(at + 32, true);
  }
  return out;
}

/** The central directory record of the entry called `name`. */
export function centralRecord(zip: Uint8Array, name: string): number {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const at = centralRecords(zip).find(
    (r) =>
      new TextDecoder().decode(zip.subarray(r + 46, r + 46 + v.getUint16(r + 28, true))) === name,
  );
  if (at === undefined) throw new Error(`no entry ${name}`);
  return at;
}
