/** What an image file's first bytes say, read without decoding it. */
export interface ImageInfo {
  readonly format: 'png' | 'jpeg' | 'gif' | 'bmp' | 'webp';
  readonly mime: string;
  /** Absent when the header is cut short. */
  readonly width?: number;
  readonly height?: number;
  /** 1 gray, 2 gray+alpha, 3 colour, 4 colour+alpha, when the header says. */
  readonly channels?: 1 | 2 | 3 | 4;
}

/** Extensions taken as images in a zip or folder (others are skipped and listed). */
export const IMAGE_EXTENSIONS: readonly string[] = ['png', 'jpg', 'jpeg', 'gif', 'bmp', 'webp'];

const be16 = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;
const le16 = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8);
const be32 = (b: Uint8Array, i: number) => ((be16(b, i) << 16) | be16(b, i + 2)) >>> 0;
const le32 = (b: Uint8Array, i: number) => le16(b, i) | (le16(b, i + 2) << 16) | 0;
const ascii = (b: Uint8Array, i: number, n: number) =>
  String.fromCharCode(...b.subarray(i, Math.min(b.length, i + n)));

/** The format (by magic number), size and channels of an image, or undefined for unknown bytes. */
export function sniffImage(b: Uint8Array): ImageInfo | undefined {
  if (b.length >= 8 && be32(b, 0) === 0x89504e47 && be32(b, 4) === 0x0d0a1a0a) {
    if (b.length < 26 || ascii(b, 12, 4) !== 'IHDR') return { format: 'png', mime: 'image/png' };
    const colorType = b[25]!;
    const channels = ({ 0: 1, 2: 3, 3: 3, 4: 2, 6: 4 } as const)[colorType as 0 | 2 | 3 | 4 | 6];
    return {
      format: 'png',
      mime: 'image/png',
      width: be32(b, 16),
      height: be32(b, 20),
      ...(channels ? { channels } : {}),
    };
  }
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return sniffJpeg(b);
  if (b.length >= 6 && (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a'))
    return {
      format: 'gif',
      mime: 'image/gif',
      ...(b.length >= 10 ? { width: le16(b, 6), height: le16(b, 8), channels: 3 } : {}),
    };
  if (b.length >= 2 && b[0] === 0x42 && b[1] === 0x4d) {
    if (b.length < 30) return { format: 'bmp', mime: 'image/bmp' };
    const bits = le16(b, 28);
    return {
      format: 'bmp',
      mime: 'image/bmp',
      width: Math.abs(le32(b, 18)),
      height: Math.abs(le32(b, 22)),
      channels: bits === 32 ? 4 : 3,
    };
  }
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return sniffWebp(b);
  return undefined;
}

/** JPEG: walk the markers to the first start-of-frame (SOF0-SOF15 but DHT, JPG, DAC). */
function sniffJpeg(b: Uint8Array): ImageInfo {
  const base = { format: 'jpeg', mime: 'image/jpeg' } as const;
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return base;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2;
      continue;
    }
    const length = be16(b, i + 2);
    const sof =
      marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (sof) {
      if (i + 10 > b.length) return base;
      const components = b[i + 9]!;
      return {
        ...base,
        height: be16(b, i + 5),
        width: be16(b, i + 7),
        channels: components === 1 ? 1 : 3,
      };
    }
    if (length < 2) return base;
    i += 2 + length;
  }
  return base;
}

/** WebP: the simple (VP8), lossless (VP8L) and extended (VP8X) headers. */
function sniffWebp(b: Uint8Array): ImageInfo {
  const base = { format: 'webp', mime: 'image/webp' } as const;
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8X' && b.length >= 30) {
    const w = 1 + (b[24]! | (b[25]! << 8) | (b[26]! << 16));
    const h = 1 + (b[27]! | (b[28]! << 8) | (b[29]! << 16));
    return { ...base, width: w, height: h, channels: b[20]! & 0x10 ? 4 : 3 };
  }
  if (chunk === 'VP8L' && b.length >= 25) {
    const bits = le32(b, 21) >>> 0;
    return {
      ...base,
      width: (bits & 0x3fff) + 1,
      height: ((bits >>> 14) & 0x3fff) + 1,
      channels: (bits >>> 28) & 1 ? 4 : 3,
    };
  }
  if (chunk === 'VP8 ' && b.length >= 30)
    return { ...base, width: le16(b, 26) & 0x3fff, height: le16(b, 28) & 0x3fff, channels: 3 };
  return base;
}
