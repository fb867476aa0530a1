import * as tf from '@tensorflow/tfjs';
import type { PrunableLayer } from '../models/network';
import type { LayerThresholds } from './types';

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

/**
 * Per layer, the smallest |w| among the kept weights: the k-th largest |w| for k kept, the line
 * between what a magnitude method keeps and what it cut. Null for a layer with nothing pruned yet
 * (or nothing kept). One small readback; for the charts, not for pruning.
 */
export async function keptMagnitudeThresholds(
  layers: readonly PrunableLayer[],
): Promise<(LayerThresholds | null)[]> {
  const t = tf.tidy(() =>
    tf.stack(
      layers.map((l) => {
        const kept = tf.where(tf.greater(l.wMask, 0), tf.abs(l.w), tf.fill(l.w.shape, Infinity));
        return tf.stack([tf.min(kept), tf.sum(l.wMask)]);
      }),
    ),
  );
  const v = await t.data();
  t.dispose();
  return layers.map((l, k) => {
    const a = v[2 * k]!;
    const kept = v[2 * k + 1]!;
    return kept > 0 && kept < l.w.size && Number.isFinite(a) ? { a, b: a } : null;
  });
}
