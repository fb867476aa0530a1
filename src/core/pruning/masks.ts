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
