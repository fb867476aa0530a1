import * as tf from '@tensorflow/tfjs';
import type { PrunableLayer } from '../models/network';
import type { MaskPair } from './types';

/**
 * Two-threshold hysteresis on |v| (Guo et al. 2016, eq. 3; Caffe CCMaskCalc): an alive entry is
 * cut when |v| ≤ a, a pruned entry is spliced back when |v| > b, anything else keeps its mask.
 * Written as step(|v| − (b − (b − a)·T)) so it is four cheap elementwise ops.
 */
export function hysteresisMask(
  v: tf.Tensor,
  mask: tf.Tensor,
  a: tf.Scalar,
  b: tf.Scalar,
): tf.Tensor {
  return tf.tidy(() => tf.step(tf.sub(tf.abs(v), tf.sub(b, tf.mul(tf.sub(b, a), mask)))));
}

/** Applies the hysteresis rule to a layer's weights and biases with the same a and b. */
export function cutAndSplice(layer: PrunableLayer, a: tf.Scalar, b: tf.Scalar): MaskPair {
  return {
    w: hysteresisMask(layer.w, layer.wMask, a, b),
    b: hysteresisMask(layer.b, layer.bMask, a, b),
  };
}

/** Kept (nonzero-mask) entries of a layer's weights and biases, as a scalar tensor. */
export function keptCount(layer: PrunableLayer): tf.Scalar {
  return tf.tidy(() => tf.add(tf.sum(layer.wMask), tf.sum(layer.bMask)) as tf.Scalar);
}

/**
 * A 0/1 mask of the shape of `scores` keeping exactly the `k` largest entries (ties go to the
 * lower index). Runs topk on the smaller side, so k near the size costs as little as k near 0.
 */
export function topkMask(scores: tf.Tensor, k: number): tf.Tensor {
  return tf.tidy(() => {
    const n = scores.size;
    if (k <= 0) return tf.zerosLike(scores);
    if (k >= n) return tf.onesLike(scores);
    const flat = tf.reshape(scores, [-1]) as tf.Tensor1D;
    const keepSide = k <= n - k;
    const count = keepSide ? k : n - k;
    const { indices } = tf.topk(keepSide ? flat : tf.neg(flat), count);
    const hits = tf.scatterND(tf.expandDims(indices, 1), tf.ones([count]), [n]);
    return tf.reshape(keepSide ? hits : tf.sub(1, hits), scores.shape);
  });
}

/** One `topkMask` over several tensors ranked together (global pruning); masks in their shapes. */
export function globalTopkMasks(scores: readonly tf.Tensor[], k: number): tf.Tensor[] {
  return tf.tidy(() => {
    const flat = tf.concat(scores.map((s) => tf.reshape(s, [-1])));
    const m = topkMask(flat, k);
    return tf
      .split(
        m,
        scores.map((s) => s.size),
      )
      .map((part, i) => tf.reshape(part, scores[i]!.shape));
  });
}

/** Scores with pruned entries (mask 0) pushed below every kept one, so a ranking never revives them. */
export function aliveOnly(scores: tf.Tensor, mask: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.where(tf.greater(mask, 0), scores, tf.fill(scores.shape, -Infinity)));
}
