import * as tf from '@tensorflow/tfjs';

/** Largest int8 magnitude the report's symmetric quantizer uses (`report/quantize.ts`). */
const INT8_MAX = 127;

/**
 * The int8 round trip of a weight tensor as kernels, one scale per output channel (its last
 * axis): the same rule as the report's post-training `quantizeGrid` / `dequantizeGrid` (Jacob et
 * al. 2018, eq. 1, zero point 0: s = max|w| / 127, q = clamp(round(w / s), ±127), w ≈ s·q; an
 * all-zero channel gets s = 1), computed in float32, with round as Math.round: ⌊x + ½⌋.
 */
export function int8RoundTripTensor(w: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const axes = w.shape.slice(0, -1).map((_, i) => i);
    const max = tf.max(tf.abs(w), axes, true);
    const scale = tf.where(tf.greater(max, 0), tf.div(max, INT8_MAX), tf.onesLike(max));
    const q = tf.clipByValue(tf.floor(tf.add(tf.div(w, scale), 0.5)), -INT8_MAX, INT8_MAX);
    // + 0 turns −0 into 0, as an int8 code has no sign of zero
    return tf.add(tf.mul(q, scale), 0);
  });
}

/**
 * Fake-quantised int8 weights for quantization-aware training (Jacob et al. 2018, §3; the
 * straight-through estimator of Bengio et al. 2013): the forward pass sees the int8 round trip,
 * the gradient passes through unchanged.
 */
export const fakeQuantInt8 = tf.customGrad((...args: unknown[]) => ({
  value: int8RoundTripTensor(args[0] as tf.Tensor),
  gradFunc: (dy: tf.Tensor) => dy,
})) as (w: tf.Tensor) => tf.Tensor;
