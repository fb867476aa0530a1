import { packRgba } from './resize';
import { sniffImage } from './sniff';
import type { ImageDecoder } from './types';

/** The browser APIs the decoder needs; absent in Node (and in old workers). */
interface BrowserImageApis {
  readonly createImageBitmap?: (image: Blob, options?: ImageBitmapOptions) => Promise<ImageBitmap>;
  readonly OffscreenCanvas?: new (width: number, height: number) => OffscreenCanvas;
  readonly Blob?: typeof Blob;
}

/**
 * A decoder on the browser's own codecs (PNG, JPEG, GIF, BMP, WebP): createImageBitmap, then
 * OffscreenCanvas to read the pixels, so it runs in a worker. Undefined where those APIs are
 * missing (Node, tests), so callers fall back to the built-in PNG decoder. The channel count comes
 * from the file's header (canvas pixels are always RGBA), so gray images stay gray.
 */
export function browserDecoder(
  apis: BrowserImageApis = globalThis as BrowserImageApis,
): ImageDecoder | undefined {
  const { createImageBitmap, OffscreenCanvas, Blob } = apis;
  if (
    typeof createImageBitmap !== 'function' ||
    typeof OffscreenCanvas !== 'function' ||
    typeof Blob !== 'function'
  )
    return undefined;
  return async (bytes) => {
    const info = sniffImage(bytes);
    const blob = new Blob([bytes.slice()], { type: info?.mime ?? 'application/octet-stream' });
    const bitmap = await createImageBitmap(blob, {
      premultiplyAlpha: 'none',
      colorSpaceConversion: 'none',
    });
    try {
      const { width, height } = bitmap;
      const ctx = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
      if (!ctx) throw new Error('no 2D canvas context');
      ctx.drawImage(bitmap, 0, 0);
      const rgba = ctx.getImageData(0, 0, width, height).data;
      let channels = info?.channels ?? 4;
      // Palette PNGs with tRNS (and odd headers) carry alpha the header does not announce.
      if ((channels === 1 || channels === 3) && hasAlpha(rgba)) channels = channels === 1 ? 2 : 4;
      return { width, height, channels, pixels: packRgba(rgba, channels) };
    } finally {
      bitmap.close();
    }
  };
}

function hasAlpha(rgba: Uint8ClampedArray): boolean {
  for (let i = 3; i < rgba.length; i += 4) if (rgba[i] !== 255) return true;
  return false;
}
