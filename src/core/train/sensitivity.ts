import * as tf from '@tensorflow/tfjs';
import type { Dataset, DataSplit } from '../data/types';
import type { Network } from '../models/network';
import { topkMask } from '../pruning/masks';
import { evaluate } from './evaluate';
import type { Evaluation } from './evaluate';

/** Accuracy of the network with one layer pruned to each sparsity level (the others untouched). */
export interface SensitivityCurve {
  readonly layer: string;
  readonly sparsity: readonly number[];
  readonly accuracy: readonly number[];
  readonly loss: readonly number[];
}

export interface SensitivityResult {
  /** The network as it is (its current masks). */
  readonly baseline: Evaluation;
  readonly curves: readonly SensitivityCurve[];
}

/** 0, 0.05, …, 0.95: Distiller's default sensitivity levels. */
export const SENSITIVITY_LEVELS: readonly number[] = Array.from({ length: 20 }, (_, i) => i / 20);

/**
 * Per-layer sensitivity analysis (Distiller `perform_sensitivity_analysis`): for each layer and
 * each level s, keep the layer's largest (1 − s) of weights by |w| (masked weights stay pruned),
 * evaluate without retraining, and put the layer's mask back. Biases are not pruned.
 */
export async function sensitivityAnalysis(
  net: Network,
  data: Dataset,
  split: DataSplit,
  opts: {
    readonly levels?: readonly number[];
    readonly limit?: number;
    readonly onProgress?: (done: number, total: number) => void;
  } = {},
): Promise<SensitivityResult> {
  const levels = opts.levels ?? SENSITIVITY_LEVELS;
  const evalOpts = opts.limit === undefined ? {} : { limit: opts.limit };
  const baseline = await evaluate(net, data, split, evalOpts);
  const curves: SensitivityCurve[] = [];
  const total = net.layers.length * levels.length;
  let done = 0;
  for (const layer of net.layers) {
    const saved = tf.keep(tf.clone(layer.wMask));
    const accuracy: number[] = [];
    const loss: number[] = [];
    const weights = layer.rows * layer.cols;
    try {
      for (const s of levels) {
        tf.tidy(() => {
          // Distiller SparsityLevelParameterPruner: prune the layer to level s by |w|
          const keep = topkMask(tf.abs(tf.mul(layer.w, saved)), Math.round(weights * (1 - s)));
          layer.wMask.assign(tf.mul(keep, saved));
        });
        const e = await evaluate(net, data, split, evalOpts);
        accuracy.push(e.accuracy);
        loss.push(e.loss);
        opts.onProgress?.(++done, total);
      }
    } finally {
      layer.wMask.assign(saved);
      saved.dispose();
    }
    curves.push({ layer: layer.name, sparsity: [...levels], accuracy, loss });
  }
  return { baseline, curves };
}
