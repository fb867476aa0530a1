import type { DataSplit } from './types';

/** Per-feature mean and standard deviation, fitted on one split (the training split only). */
export interface Standardizer {
  readonly mean: Float32Array;
  readonly std: Float32Array;
}

/** Fits a z-score standardizer on a Float32 split; constant features get std 1. */
export function fitStandardizer(split: DataSplit, featureSize: number): Standardizer {
  const mean = new Float32Array(featureSize);
  const sq = new Float64Array(featureSize);
  const n = Math.max(1, split.count);
  for (let i = 0; i < split.count; i++)
    for (let j = 0; j < featureSize; j++) mean[j] = mean[j]! + split.x[i * featureSize + j]! / n;
  for (let i = 0; i < split.count; i++)
    for (let j = 0; j < featureSize; j++) {
      const d = split.x[i * featureSize + j]! - mean[j]!;
      sq[j] = sq[j]! + d * d;
    }
  const std = new Float32Array(featureSize);
  for (let j = 0; j < featureSize; j++) {
    const s = Math.sqrt(sq[j]! / n);
    std[j] = s > 1e-8 ? s : 1;
  }
  return { mean, std };
}

/** Applies a standardizer, returning a new Float32 split. */
export function applyStandardizer(split: DataSplit, s: Standardizer): DataSplit {
  const d = s.mean.length;
  const x = new Float32Array(split.count * d);
  for (let i = 0; i < split.count; i++)
    for (let j = 0; j < d; j++) x[i * d + j] = (split.x[i * d + j]! - s.mean[j]!) / s.std[j]!;
  return { count: split.count, x, y: split.y };
}
