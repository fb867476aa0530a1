import { numberOption } from './common';
import { fail } from './errors';
import type { ImageEnv, ImageOptions } from './types';

/** Default caps of an image upload (issue #5: 100 MB zip, 20,000 images, 100 classes). */
export const IMAGE_DEFAULTS = {
  maxBytes: 100 * 1024 * 1024,
  maxUncompressedBytes: 1024 * 1024 * 1024,
  maxEntryBytes: 32 * 1024 * 1024,
  maxImagePixels: 25_000_000,
  maxImages: 20_000,
  maxClasses: 100,
  minPerClass: 2,
  maxDatasetBytes: 256 * 1024 * 1024,
} as const;

/** Image options with every default filled in and every value checked. */
export interface ResolvedImageOptions {
  readonly caps: {
    readonly maxBytes: number;
    readonly maxUncompressedBytes: number;
    readonly maxEntryBytes: number;
  };
  readonly maxPixels: number;
  readonly maxImages: number;
  readonly maxClasses: number;
  readonly minPerClass: number;
  readonly maxDatasetBytes: number;
  readonly height: number;
  readonly width: number;
  readonly samplesPerClass: number;
  readonly timeoutMs: number;
  readonly color: 'auto' | 'grayscale' | 'rgb';
}

/** Fills in the defaults; a value out of range aborts with `bad-option`. */
export function resolveImageOptions(o: ImageOptions, env: ImageEnv): ResolvedImageOptions {
  const cap = (k: keyof typeof IMAGE_DEFAULTS, min: number, max: number) =>
    numberOption(k, o[k], IMAGE_DEFAULTS[k], min, max);
  const color = o.color ?? 'auto';
  if (color !== 'auto' && color !== 'grayscale' && color !== 'rgb')
    fail({ code: 'bad-option', option: 'color', reason: 'must be auto, grayscale or rgb' });
  const height = numberOption('height', o.height, 28, 4, 256);
  const width = numberOption('width', o.width, 28, 4, 256);
  if (!Number.isInteger(height) || !Number.isInteger(width))
    fail({ code: 'bad-option', option: 'height/width', reason: 'must be whole numbers' });
  return {
    caps: {
      maxBytes: cap('maxBytes', 1, 2 ** 31),
      maxUncompressedBytes: cap('maxUncompressedBytes', 1, 2 ** 40),
      maxEntryBytes: cap('maxEntryBytes', 1, 2 ** 31),
    },
    maxPixels: cap('maxImagePixels', 1, 2 ** 31),
    maxImages: cap('maxImages', 2, 1_000_000),
    maxClasses: cap('maxClasses', 2, 255),
    minPerClass: cap('minPerClass', 1, 1000),
    maxDatasetBytes: cap('maxDatasetBytes', 1, 2 ** 32),
    height,
    width,
    samplesPerClass: numberOption('samplesPerClass', o.samplesPerClass, 8, 0, 64),
    timeoutMs: numberOption('decodeTimeoutMs', env.decodeTimeoutMs, 10_000, 1, 600_000),
    color,
  };
}
