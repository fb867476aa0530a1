import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseRunConfig } from '../../../src/core/config';
import { Network } from '../../../src/core/models/network';
import { architecture } from '../../../src/core/models/zoo';
import { fakeQuantInt8, int8RoundTripTensor } from '../../../src/core/quant/fakeQuant';
import { quantizationStudy } from '../../../src/core/quant/qat';
import { dequantizeGrid, quantizeGrid } from '../../../src/core/report/quantize';
import { createRng } from '../../../src/core/rng';
import { blobsDataset } from '../../helpers/data';
import { arr, backend } from '../../helpers/tf';

beforeAll(() => backend('cpu'));

function weights(n: number, seed = 1): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => 0.3 * rng.normal());
}

/** The report's post-training int8 round trip of row-major weights with `cols` channels. */
function reportRoundTrip(w: Float32Array, cols: number): number[] {
  return Array.from(dequantizeGrid(quantizeGrid(w, w.length / cols, cols), cols));
}

describe('fake-quant int8', () => {
  it.each([
    ['dense', [40, 12]],
    ['conv', [3, 3, 2, 5]],
  ])('forward equals the report’s int8 round trip (%s, per output channel)', (_, shape) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const w = weights(n, 7);
    w[5] = 0; // a pruned weight stays exactly 0
    const cols = shape[shape.length - 1]!;
    const t = tf.tensor(w, shape);
    const fq = fakeQuantInt8(t);
    expect(arr(fq)).toEqual(reportRoundTrip(w, cols));
    expect(arr(fq)[5]).toBe(0);
    expect(new Set(arr(fq)).size).toBeLessThan(n); // it did quantize
    tf.dispose([t, fq]);
  });

  it('keeps an all-zero channel at zero and hits ±max on each channel', () => {
    const t = tf.tensor([0.5, 0, -1, 0, 0.25, 0], [3, 2]);
    const r = int8RoundTripTensor(t);
    expect(arr(r)).toEqual(reportRoundTrip(Float32Array.from([0.5, 0, -1, 0, 0.25, 0]), 2));
    expect(arr(r)[2]).toBeCloseTo(-1, 6);
    expect(arr(r)[1]).toBe(0);
    tf.dispose([t, r]);
  });

  it('passes the gradient straight through', () => {
    const w = tf.tensor(weights(24, 3), [6, 4]);
    const c = tf.tensor(weights(24, 4), [6, 4]);
    const g = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(fakeQuantInt8(x), c)))(w);
    expect(arr(g)).toEqual(arr(c));
    tf.dispose([w, c, g]);
  });
});

describe('quantization study', () => {
  it('reports float, post-training and QAT int8 on copies, leaving the network as it was', async () => {
    const data = blobsDataset(8, 4);
    const cfg = parseRunConfig({
      dataset: 'blobs',
      model: { id: 'mlp', hidden: [16, 12] },
      method: 'none',
      epochs: 1,
      batchSize: 32,
    });
    const net = new Network(
      architecture(cfg.model, data.inputShape, data.numClasses),
      createRng(2).fork('init'),
    );
    const before = net.layers.map((l) => arr(l.w));
    const tensors = tf.memory().numTensors;
    const q = await quantizationStudy(net, cfg, data, { qatEpochs: 1 });
    expect(net.layers.map((l) => arr(l.w))).toEqual(before);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(q.ptq.bytes).toBeLessThan(q.float.bytes);
    expect(q.qat?.bytes).toBe(q.ptq.bytes);
    expect(q.qat?.epochs).toBe(1);
    // QAT trained the untrained network: its int8 accuracy beats the untrained float one
    expect(q.qat!.accuracy).toBeGreaterThan(q.float.accuracy);
    net.dispose();
  });
});
