import * as tf from '@tensorflow/tfjs';

/**
 * Whether one JS pass over a tensor's values beats a chain of elementwise kernels: on the cpu
 * backend, whose tensors are JS arrays read without a copy and whose binary kernels take about
 * 8 ms over LeNet-300-100's first layer. Not on wasm (reading back copies, and its kernels are
 * native) and never on a GPU (a readback stalls the pipeline).
 */
export function hostLoopsPay(): boolean {
  return tf.getBackend() === 'cpu';
}

/**
 * W⊙T (not differentiable through on cpu: callers take gradients with respect to the product). One
 * loop over the values on the cpu backend (about 4× faster there), `tf.mul` elsewhere.
 */
export function applyMask(x: tf.Tensor, mask: tf.Tensor): tf.Tensor {
  if (!hostLoopsPay() || x.size !== mask.size) return tf.mul(x, mask);
  const xs = x.dataSync();
  const ms = mask.dataSync();
  const out = new Float32Array(xs.length);
  for (let i = 0; i < xs.length; i++) out[i] = xs[i]! * ms[i]!;
  return tf.tensor(out, x.shape, 'float32');
}
