import { createRng } from '../rng';

/** Corruptions of image inputs (pixels in [0, 1]) and of standardised tabular/toy features. */
export type ImageCorruption = 'noise' | 'occlusion' | 'contrast';
export type TableCorruption = 'noise' | 'missing';
export type Corruption = ImageCorruption | TableCorruption;

/** The three severities of each corruption, mildest first. */
export const SEVERITIES: Record<'image' | 'table', Record<string, readonly number[]>> = {
  image: {
    noise: [0.1, 0.2, 0.4], // Gaussian σ, then clipped to [0, 1]
    occlusion: [6, 10, 14], // side of one square set to 0, in pixels
    contrast: [0.6, 0.4, 0.2], // scale around the image's mean
  },
  table: {
    noise: [0.1, 0.5, 1.0], // Gaussian σ in standard deviations
    missing: [0.1, 0.25, 0.5], // fraction of features set to the training mean
  },
};

/** The corruptions that apply to inputs of this shape ([h, w, c] images or [d] features). */
export function corruptionsFor(inputShape: readonly number[]): Corruption[] {
  return Object.keys(SEVERITIES[inputShape.length === 3 ? 'image' : 'table']!) as Corruption[];
}

/** Seeded corruption of a batch of examples (a new array; the input is left as it is). */
export interface CorruptInput {
  /** n × featureSize values in the model's input space. */
  readonly x: Float32Array;
  readonly count: number;
  readonly inputShape: readonly number[];
  readonly corruption: Corruption;
  readonly severity: number;
  readonly seed: number;
  /** Per-feature training mean (tables: the value a missing feature gets). */
  readonly trainMean?: Float32Array;
}

/**
 * Applies one corruption: Gaussian noise and contrast as in Hendrycks & Dietterich 2019 (§3),
 * one occluded square as Cutout (DeVries & Taylor 2017), mean-imputed missing features for tables.
 * Same seed, same output.
 */
export function corrupt(c: CorruptInput): Float32Array {
  const d = c.inputShape.reduce((p, q) => p * q, 1);
  if (c.x.length !== c.count * d) throw new Error(`expected ${c.count}×${d} values`);
  const rng = createRng(c.seed).fork(`corrupt:${c.corruption}:${c.severity}`);
  const out = new Float32Array(c.x);
  const image = c.inputShape.length === 3;
  const s = c.severity;
  switch (c.corruption) {
    case 'noise':
      for (let i = 0; i < out.length; i++) {
        const v = out[i]! + s * rng.normal();
        out[i] = image ? Math.min(1, Math.max(0, v)) : v;
      }
      return out;
    case 'occlusion': {
      const [h, w, ch] = c.inputShape as [number, number, number];
      const side = Math.min(s, h, w);
      for (let i = 0; i < c.count; i++) {
        const y0 = rng.int(h - side + 1);
        const x0 = rng.int(w - side + 1);
        for (let y = y0; y < y0 + side; y++)
          out.fill(0, i * d + (y * w + x0) * ch, i * d + (y * w + x0 + side) * ch);
      }
      return out;
    }
    case 'contrast':
      for (let i = 0; i < c.count; i++) {
        let m = 0;
        for (let j = 0; j < d; j++) m += out[i * d + j]!;
        m /= d;
        for (let j = 0; j < d; j++) out[i * d + j] = (out[i * d + j]! - m) * s + m;
      }
      return out;
    case 'missing':
      for (let i = 0; i < out.length; i++)
        if (rng.next() < s) out[i] = c.trainMean ? c.trainMean[i % d]! : 0;
      return out;
  }
}
