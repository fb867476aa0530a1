import * as tf from '@tensorflow/tfjs';
import { initialWeights } from '../models/network';
import type { PrunableLayer } from '../models/network';
import type { Rng } from '../rng';
import type { WeightPair } from './types';

/** Weights and biases as kept tensors (a snapshot to rewind to). */
export function snapshot(layers: readonly PrunableLayer[]): WeightPair[] {
  return layers.map((l) => ({ w: tf.keep(tf.clone(l.w)), b: tf.keep(tf.clone(l.b)) }));
}

/** Caffe-xavier weights and zero biases from an `init` rng: what `Network` built (or would build). */
export function freshInit(layers: readonly PrunableLayer[], initRng: Rng): WeightPair[] {
  return layers.map((l) => ({
    w: tf.keep(tf.tensor(initialWeights(l, l.rows * l.cols, initRng), l.w.shape)),
    b: tf.keep(tf.zeros(l.b.shape)),
  }));
}

/** Frees a snapshot. */
export function disposeAll(s: WeightPair[] | null): void {
  for (const p of s ?? []) {
    p.w.dispose();
    p.b.dispose();
  }
}
