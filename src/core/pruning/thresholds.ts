import * as tf from '@tensorflow/tfjs';
import type { PrunableLayer } from '../models/network';

/**
 * Mean and standard deviation of |v| over the nonzero entries of a layer's masked weights and
 * biases together, as the DNS Caffe code computes them (mu = Σ|v|/n, σ² = Σv²/n − mu²).
 * Returns scalar tensors (no readback).
 */
export function nonzeroAbsStats(layer: PrunableLayer): { mu: tf.Scalar; sigma: tf.Scalar } {
  return tf.tidy(() => {
    const w = tf.reshape(tf.mul(layer.w, layer.wMask), [-1]);
    const b = tf.reshape(tf.mul(layer.b, layer.bMask), [-1]);
    const v = tf.concat([w, b]);
    const abs = tf.abs(v);
    const n = tf.maximum(tf.sum(tf.cast(tf.greater(abs, 0), 'float32')), 1);
    const mu = tf.div(tf.sum(abs), n);
    const meanSq = tf.div(tf.sum(tf.square(v)), n);
    const sigma = tf.sqrt(tf.relu(tf.sub(meanSq, tf.square(mu))));
    return { mu: mu as tf.Scalar, sigma: sigma as tf.Scalar };
  });
}

/** The k-th largest value of a 1-D tensor (k ≥ 1), via topk; a scalar tensor. */
export function kthLargest(values: tf.Tensor1D, k: number): tf.Scalar {
  return tf.tidy(() => {
    const kk = Math.max(1, Math.min(k, values.size));
    const { values: top } = tf.topk(values, kk, true);
    return tf.squeeze(tf.slice(top, [kk - 1], [1])) as tf.Scalar;
  });
}
