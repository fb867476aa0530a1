import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMask } from '../../../src/core/models/masked';
import { arr, backend } from '../../helpers/tf';

describe.each(['cpu', 'wasm'] as const)('W⊙T on %s', (name) => {
  beforeAll(() => backend(name));
  afterAll(() => backend('cpu'));

  it('equals tf.mul on a real layer shape, keeping shape and dtype', () => {
    tf.tidy(() => {
      const w = tf.randomNormal([784, 300], 0, 0.05, 'float32', 5);
      const mask = tf.step(tf.randomUniform([784, 300], -1, 1, 'float32', 6));
      const p = applyMask(w, mask);
      expect(p.shape).toEqual([784, 300]);
      expect(p.dtype).toBe('float32');
      expect(arr(p)).toEqual(arr(tf.mul(w, mask)));
    });
  });

  it('broadcasts like tf.mul when the mask has another shape', () => {
    tf.tidy(() => {
      const p = applyMask(
        tf.tensor2d([
          [1, 2, 3],
          [4, 5, 6],
        ]),
        tf.tensor1d([1, 0, 1]),
      );
      expect(arr(p)).toEqual([1, 0, 3, 4, 0, 6]);
    });
  });

  it('leaks no tensor', () => {
    const w = tf.ones([3, 4]);
    const m = tf.zeros([3, 4]);
    const before = tf.memory().numTensors;
    applyMask(w, m).dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([w, m]);
  });
});
