import * as tf from '@tensorflow/tfjs';

/**
 * Max-pooling (size = stride, valid) with a gradient every backend computes correctly. tfjs
 * 4.22's wasm MaxPoolGrad gives no gradient to a window whose values are all negative (it starts
 * its running max at 0), and Caffe's LeNet-5 pools conv outputs with no ReLU, so such windows are
 * common. Here dx = dy routed to the window's maximum, shared equally on exact ties.
 */
export function maxPoolRouted(x: tf.Tensor4D, size: number): tf.Tensor4D {
  return routed(x, size) as tf.Tensor4D;
}

const routedBySize = new Map<number, (x: tf.Tensor) => tf.Tensor>();

function routed(x: tf.Tensor4D, size: number): tf.Tensor {
  let f = routedBySize.get(size);
  if (!f) {
    f = tf.customGrad((input, save) => {
      const x4 = input as tf.Tensor4D;
      const y = tf.maxPool(x4, size, size, 'valid');
      (save as tf.GradSaveFunc)([x4, y]);
      return {
        value: y,
        gradFunc: (dy, saved) => {
          const [sx, sy] = saved as [tf.Tensor4D, tf.Tensor4D];
          const [n, h, w, c] = sx.shape;
          const ph = sy.shape[1] * size;
          const pw = sy.shape[2] * size;
          const up = (t: tf.Tensor4D) => tf.image.resizeNearestNeighbor(t, [ph, pw]);
          const xs = ph === h && pw === w ? sx : tf.slice(sx, [0, 0, 0, 0], [n, ph, pw, c]);
          const hit = tf.cast(tf.equal(xs, up(sy)), 'float32') as tf.Tensor4D;
          const ties = tf.mul(tf.avgPool(hit, size, size, 'valid'), size * size) as tf.Tensor4D;
          let dx: tf.Tensor = tf.mul(hit, up(tf.div(dy, ties) as tf.Tensor4D));
          if (ph < h || pw < w)
            dx = tf.pad(dx, [
              [0, 0],
              [0, h - ph],
              [0, w - pw],
              [0, 0],
            ]);
          return dx;
        },
      };
    });
    routedBySize.set(size, f);
  }
  return f(x);
}

/** Backends whose MaxPoolGrad is wrong (see above). */
const ROUTED = new Set(['wasm']);

/** max-pool, size = stride, valid padding, with a correct gradient on every backend. */
export function maxPool(x: tf.Tensor4D, size: number): tf.Tensor4D {
  return ROUTED.has(tf.getBackend()) ? maxPoolRouted(x, size) : tf.maxPool(x, size, size, 'valid');
}
