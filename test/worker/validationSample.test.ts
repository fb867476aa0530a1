import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Network } from '../../src/core/models/network';
import { architecture } from '../../src/core/models/zoo';
import { createRng } from '../../src/core/rng';
import { evaluate } from '../../src/core/train/evaluate';
import { ValidationSample } from '../../src/worker/validationSample';
import { blobsDataset } from '../helpers/data';
import { backend } from '../helpers/tf';

beforeAll(() => backend('cpu'));

describe('the live run’s validation subsample', () => {
  it('gives evaluate()’s figures, pass after pass, masked or not, and frees what it keeps', async () => {
    const data = blobsDataset(8, 4);
    const net = new Network(
      architecture({ id: 'mlp', hidden: [12] }, data.inputShape, data.numClasses),
      createRng(5).fork('init'),
    );
    const split = data.validation.count > 0 ? data.validation : data.test;
    const sample = new ValidationSample(data, split, 50);
    try {
      // Half the first layer pruned, so masked and unmasked passes differ.
      const m = net.layers[0]!.wMask;
      m.assign(
        tf.tidy(() =>
          tf.cast(tf.greater(tf.randomUniform(m.shape, 0, 1, 'float32', 3), 0.5), 'float32'),
        ),
      );
      const before = tf.memory().numTensors;
      for (const masked of [true, false, true]) {
        const want = await evaluate(net, data, split, { limit: 50, masked });
        expect(await sample.evaluate(net, masked)).toEqual(want);
      }
      expect(sample.count).toBe(Math.min(50, split.count));
      sample.dispose();
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      sample.dispose();
      net.dispose();
    }
  });
});
