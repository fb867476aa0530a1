import { hashString } from '../../rng';
import { hashBytes } from './common';
import { decodeImage } from './decode';
import type { ImageEntry } from './entries';
import type { SkipReason } from './errors';
import type { ReadableEntry } from './imageSource';
import type { ResolvedImageOptions } from './imageOptions';
import { resizeToRgb } from './resize';
import type { ImageDecoder, ImageEnv } from './types';

/** The images that decoded, resized to the target as RGB, and what their sources looked like. */
export interface Collected {
  readonly kept: { readonly path: string; readonly className: string; readonly rgb: Uint8Array }[];
  readonly sizes: Map<string, { width: number; height: number; count: number }>;
  readonly channels: Map<number, number>;
  /** Every kept image has r = g = b everywhere. */
  readonly allGray: boolean;
  /** Images whose size differed from the target. */
  readonly resized: number;
  /** FNV-1a over the paths and bytes read, for the dataset id. */
  readonly hash: number;
}

/**
 * Reads, decodes and resizes the images one at a time (only one file's bytes are held at once).
 * Entries that cannot be read or decoded are appended to `skipped`; a zip bomb aborts.
 */
export async function collectImages(
  images: readonly ImageEntry<ReadableEntry>[],
  decoder: ImageDecoder,
  o: ResolvedImageOptions,
  env: ImageEnv,
  skipped: { path: string; reason: SkipReason; detail?: string }[],
): Promise<Collected> {
  const kept: Collected['kept'] = [];
  const sizes: Collected['sizes'] = new Map();
  const channels: Collected['channels'] = new Map();
  let allGray = true;
  let resized = 0;
  let hash = 0x811c9dc5;
  for (const [done, img] of images.entries()) {
    env.onProgress?.(done, images.length);
    const read = await img.entry.read();
    if (!read.ok) {
      skipped.push({ path: img.entry.path, reason: 'corrupt-image', detail: read.detail });
      continue;
    }
    hash = hashBytes(read.bytes, (hash ^ hashString(img.path)) >>> 0);
    const out = await decodeImage(decoder, read.bytes, img.entry.path, o.maxPixels, o.timeoutMs);
    if (!out.ok) {
      skipped.push({ path: img.entry.path, reason: out.reason, detail: out.detail });
      continue;
    }
    const { image } = out;
    const key = `${image.width}x${image.height}`;
    const size = sizes.get(key) ?? { width: image.width, height: image.height, count: 0 };
    sizes.set(key, { ...size, count: size.count + 1 });
    channels.set(image.channels, (channels.get(image.channels) ?? 0) + 1);
    if (image.width !== o.width || image.height !== o.height) resized++;
    const { rgb, gray } = resizeToRgb(image, o.height, o.width);
    allGray &&= gray;
    kept.push({ path: img.path, className: img.className, rgb });
  }
  env.onProgress?.(images.length, images.length);
  return { kept, sizes, channels, allGray, resized, hash };
}
