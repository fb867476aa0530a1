import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../../src/core/data/types';
import { exportRun } from '../../../src/core/export';
import { backend } from '../../helpers/tf';
import {
  labLogits,
  loadMnist,
  maxAbsDiff,
  rawPixels,
  shipped,
  withMagnitudeMask,
} from './fixtures';

let data: Dataset;
beforeAll(async () => {
  await backend('wasm');
  data = await loadMnist();
});

describe.each(['lenet300-mnist.ckpt', 'lenet5-mnist.ckpt'])(
  'TensorFlow.js export of %s',
  (file) => {
    it('loads with tf.loadLayersModel and predicts what the lab predicts', async () => {
      const ckpt = withMagnitudeMask(await shipped(file), 0.7);
      const files = exportRun({ checkpoint: ckpt, baseName: 'm' }, 'tfjs');
      expect(files.map((f) => f.name)).toEqual(['m.model.json', 'm.weights.bin']);
      const json = JSON.parse(new TextDecoder().decode(files[0]!.bytes)) as {
        modelTopology: object;
        weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
      };
      expect(json.weightsManifest[0]!.paths).toEqual(['m.weights.bin']);
      const bin = files[1]!.bytes;
      const model = await tf.loadLayersModel(
        tf.io.fromMemory({
          modelTopology: json.modelTopology,
          weightSpecs: json.weightsManifest[0]!.weights,
          weightData: bin.buffer.slice(
            bin.byteOffset,
            bin.byteOffset + bin.byteLength,
          ) as ArrayBuffer,
        }),
      );
      try {
        const n = 200;
        const x = tf.tensor(rawPixels(data, n), [n, 28, 28, 1]);
        const y = model.predict(x) as tf.Tensor;
        const ours = (await y.data()) as Float32Array;
        tf.dispose([x, y]);
        expect(maxAbsDiff(ours, await labLogits(ckpt, data, n))).toBeLessThan(1e-4);
        // pruned weights are exact zeros in the kernels tfjs loaded
        const ip1 = model.getLayer('ip1').getWeights()[0]!;
        const mask = ckpt.tensors[ckpt.header.params.findIndex((p) => p.name === 'ip1/wMask')]!;
        const kernel = ip1.dataSync();
        expect(mask.every((m, i) => (m === 0) === (kernel[i] === 0))).toBe(true);
      } finally {
        model.dispose();
      }
    });
  },
);
