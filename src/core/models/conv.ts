import * as tf from '@tensorflow/tfjs';

/**
 * conv2d (stride 1, valid) whose filter gradient is itself a forward conv2d:
 * dW[kh,kw,c,f] = sum_{n,i,j} x[n,i+kh,j+kw,c] * dy[n,i,j,f], i.e. x with batch and channels
 * swapped, convolved with dy as the filter. tfjs 4.22's wasm backend has no Conv2DBackpropFilter
 * kernel; this path uses only kernels it has (Conv2D, Conv2DBackpropInput, Transpose).
 */
export const conv2dFilterGradViaConv = tf.customGrad((x, w, save) => {
  const x4 = x as tf.Tensor4D;
  const w4 = w as tf.Tensor4D;
  (save as tf.GradSaveFunc)([x4, w4]);
  return {
    value: tf.conv2d(x4, w4, 1, 'valid'),
    gradFunc: (dy, saved) => {
      const [sx, sw] = saved as [tf.Tensor4D, tf.Tensor4D];
      const dy4 = dy as tf.Tensor4D;
      const dx = tf.conv2dTranspose(dy4, sw, sx.shape, 1, 'valid');
      const xT = tf.transpose(sx, [3, 1, 2, 0]); // [C, H, W, N]
      const dyT = tf.transpose(dy4, [1, 2, 0, 3]); // [OH, OW, N, F]
      const dwT = tf.conv2d(xT as tf.Tensor4D, dyT as tf.Tensor4D, 1, 'valid'); // [C, KH, KW, F]
      return [dx, tf.transpose(dwT, [1, 2, 0, 3])];
    },
  };
});

/** Backends whose native Conv2DBackpropFilter is missing or slower than the conv2d route. */
const VIA_CONV = new Set(['wasm', 'cpu']);

/** conv2d, stride 1, valid padding, with a filter gradient every backend can compute. */
export function conv2dValid(x: tf.Tensor4D, w: tf.Tensor4D): tf.Tensor4D {
  return VIA_CONV.has(tf.getBackend())
    ? (conv2dFilterGradViaConv(x, w) as tf.Tensor4D)
    : tf.conv2d(x, w, 1, 'valid');
}
