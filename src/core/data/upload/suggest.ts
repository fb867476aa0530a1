import type { BackendName } from '../../backend';
import type { ModelSuggestion } from './types';

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const roundTo = (v: number, step: number) => Math.ceil(v / step) * step;

/**
 * Most weights of an image MLP's first layer: the lab reads back at most 2 M heatmap cells per
 * snapshot, so a first layer within 1.5 M leaves room for the rest and every connection is drawn.
 */
export const MAX_FIRST_LAYER_WEIGHTS = 1_500_000;

/** Backends that run LeNet-5's convolutions fast enough to train live. */
export const GPU_BACKENDS: readonly BackendName[] = ['webgpu', 'webgl'];

/**
 * The model the lab suggests for an upload. Tabular data gets a two-layer MLP about twice as wide
 * as its input (16-256 units, then half that). Images get LeNet-5 on a GPU backend when they are at
 * least 16x16 (its two 5x5 convolutions and pools need that); otherwise an MLP shaped like
 * LeNet-300-100: first layer ~0.4x the pixels (32-300, and at most 1.5 M weights), second a third
 * of it (at least 2x classes).
 */
export function suggestModel(
  inputShape: readonly number[],
  numClasses: number,
  backend?: BackendName,
): ModelSuggestion {
  const features = inputShape.reduce((p, q) => p * q, 1);
  if (inputShape.length === 1) {
    const h1 = clamp(
      2 ** Math.ceil(Math.log2(Math.max(1, 2 * Math.max(features, numClasses)))),
      16,
      256,
    );
    const h2 = Math.max(16, h1 / 2);
    return {
      model: { id: 'mlp', hidden: [h1, h2] },
      reason: `tabular data: an MLP ${features}-${h1}-${h2}-${numClasses}`,
    };
  }
  const [h = 0, w = 0] = inputShape;
  const gpu = backend !== undefined && GPU_BACKENDS.includes(backend);
  if (gpu && h >= 16 && w >= 16)
    return {
      model: { id: 'lenet5' },
      reason: `${h}x${w} images on ${backend}: LeNet-5 (conv20-conv50-fc500-fc${numClasses})`,
    };
  const fit = Math.floor(MAX_FIRST_LAYER_WEIGHTS / features / 10) * 10;
  const h1 = clamp(roundTo(features * 0.4, 10), 32, Math.max(32, Math.min(300, fit)));
  const h2 = clamp(
    roundTo(h1 / 3, 10),
    Math.max(16, 2 * numClasses),
    Math.max(100, 2 * numClasses),
  );
  const why = gpu
    ? `images under 16x16 are too small for LeNet-5`
    : `no GPU backend${backend ? ` (${backend})` : ''}, so convolutions would be slow`;
  return {
    model: { id: 'mlp', hidden: [h1, h2] },
    reason: `${why}: an MLP ${features}-${h1}-${h2}-${numClasses}`,
  };
}
