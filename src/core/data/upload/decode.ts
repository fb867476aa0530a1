import { browserDecoder } from './browserDecode';
import { pngDecoder } from './png';
import type { ImageInfo } from './sniff';
import { sniffImage } from './sniff';
import type { DecodedImage, ImageDecoder } from './types';

/** The browser's decoder where it exists (any format it reads), else the built-in PNG decoder. */
export function defaultDecoder(): ImageDecoder {
  return browserDecoder() ?? pngDecoder;
}

/** A decoded image, or why the file was skipped. */
export type DecodeOutcome =
  | { readonly ok: true; readonly image: DecodedImage; readonly info: ImageInfo }
  | { readonly ok: false; readonly reason: 'corrupt-image' | 'too-large'; readonly detail: string };

/**
 * Decodes one image safely: unknown bytes and headers over `maxPixels` are refused before the
 * decoder runs, the decoder gets `timeoutMs`, and what it returns is checked. Never rejects.
 */
export async function decodeImage(
  decoder: ImageDecoder,
  bytes: Uint8Array,
  name: string,
  maxPixels: number,
  timeoutMs: number,
): Promise<DecodeOutcome> {
  const info = sniffImage(bytes);
  if (!info)
    return { ok: false, reason: 'corrupt-image', detail: 'not a PNG, JPEG, GIF, BMP or WebP file' };
  if (info.width !== undefined && info.height !== undefined && info.width * info.height > maxPixels)
    return { ok: false, reason: 'too-large', detail: `${info.width}x${info.height} pixels` };
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`decoding took over ${timeoutMs} ms`)), timeoutMs);
    });
    const image: unknown = await Promise.race([decoder(bytes, name), timeout]);
    const bad = checkDecoded(image);
    if (bad) return { ok: false, reason: 'corrupt-image', detail: bad };
    const img = image as DecodedImage;
    if (img.width * img.height > maxPixels)
      return { ok: false, reason: 'too-large', detail: `${img.width}x${img.height} pixels` };
    return { ok: true, image: img, info };
  } catch (e) {
    return {
      ok: false,
      reason: 'corrupt-image',
      detail: e instanceof Error ? e.message : String(e),
    };
  } finally {
    clearTimeout(timer);
  }
}

/** What is wrong with a decoder's answer, or undefined when it is a well-formed image. */
function checkDecoded(x: unknown): string | undefined {
  if (typeof x !== 'object' || x === null) return 'the decoder returned no image';
  const { width, height, channels, pixels } = x as Record<string, unknown>;
  if (
    !Number.isInteger(width) ||
    !Number.isInteger(height) ||
    (width as number) < 1 ||
    (height as number) < 1
  )
    return 'the decoder returned a bad size';
  if (channels !== 1 && channels !== 2 && channels !== 3 && channels !== 4)
    return 'the decoder returned bad channels';
  if (!(pixels instanceof Uint8Array))
    return 'the decoder returned pixels that are not a Uint8Array';
  if (pixels.length !== (width as number) * (height as number) * channels)
    return 'the decoder returned the wrong number of pixels';
  return undefined;
}
