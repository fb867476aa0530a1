import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseRunConfig } from '../../../src/core/config';
import { Network } from '../../../src/core/models/network';
import { architecture } from '../../../src/core/models/zoo';
import {
  applyMasks,
  maskDensity,
  randomMaskSetLike,
  readMasks,
} from '../../../src/core/pruning/maskSet';
import type { MaskSet } from '../../../src/core/pruning/maskSet';
import { getMethod } from '../../../src/core/pruning/registry';
import { createRng } from '../../../src/core/rng';
import { fakeQuantInt8 } from '../../../src/core/quant/fakeQuant';
import { runExperiment } from '../../../src/core/train/experiment';
import { CAFFE_SGD } from '../../../src/core/train/optimizer';
import { Trainer } from '../../../src/core/train/trainer';
import { blobsDataset } from '../../helpers/data';
import { arr, backend } from '../../helpers/tf';

beforeAll(() => backend('cpu'));

const data = blobsDataset(8, 4);

function network(seed = 3): Network {
  return new Network(
    architecture({ id: 'mlp', hidden: [16, 12] }, data.inputShape, data.numClasses),
    createRng(seed).fork('init'),
  );
}

/** Masks keeping about a third of every layer, drawn at random (not from this network). */
async function someMasks(): Promise<MaskSet> {
  const net = network();
  const all = await readMasks(net);
  net.dispose();
  const third = all.map((l) => ({
    name: l.name,
    w: l.w.map((_, i) => (i % 3 === 0 ? 1 : 0)),
    b: l.b.map((_, i) => (i % 2 === 0 ? 1 : 0)),
  }));
  return randomMaskSetLike(third, 11);
}

/** Trains a fixed-mask run for `epochs` and returns the masks and weights at the end. */
async function train(masks: MaskSet, over: Record<string, unknown> = {}, qat = false) {
  const net = network();
  applyMasks(net, masks);
  const spec = getMethod('fixedMask');
  const trainer = new Trainer({
    network: net,
    data,
    method: spec,
    methodConfig: spec.resolve(over, net.layers),
    optimizer: CAFFE_SGD,
    batchSize: 16,
    seed: 1,
    epochs: 2,
    ...(qat ? { forwardWeights: fakeQuantInt8 } : {}),
  });
  const w0 = net.layers.map((l) => arr(l.w));
  while (trainer.t < trainer.totalSteps) trainer.step();
  const m = await trainer.flushMetrics();
  const out = {
    masks: await readMasks(net),
    w: net.layers.map((l) => arr(l.w)),
    b: net.layers.map((l) => arr(l.b)),
    w0,
    metrics: m,
  };
  trainer.dispose();
  net.dispose();
  return out;
}

describe('fixed-mask runs', () => {
  it.each([
    ['the masked start', {}, false],
    ['a fresh initialisation', { reinit: true }, false],
    ['fake-quantised int8 weights', {}, true],
  ])('on %s never change their masks and keep pruned weights at zero', async (_, over, qat) => {
    const masks = await someMasks();
    const r = await train(masks, over, qat);
    expect(r.masks).toEqual(masks);
    expect(r.metrics.cuts.concat(r.metrics.splices).every((c) => c === 0)).toBe(true);
    masks.forEach((m, k) => {
      m.w.forEach((keep, i) => {
        if (!keep) expect(r.w[k]![i] === 0).toBe(true); // ±0
      });
      m.b.forEach((keep, i) => {
        if (!keep) expect(r.b[k]![i] === 0).toBe(true);
      });
    });
    // ...and the kept weights did train
    const moved = r.w[0]!.filter((v, i) => masks[0]!.w[i] && v !== r.w0[0]![i]).length;
    expect(moved).toBeGreaterThan(0);
  });

  it('with reinit starts from other weights than the masked start', async () => {
    const masks = await someMasks();
    const [a, b] = [await train(masks), await train(masks, { reinit: true })];
    expect(a.w[0]).not.toEqual(b.w[0]);
  });

  it('is refused without masks, and a run with masks reports their density', async () => {
    const cfg = parseRunConfig({
      dataset: 'blobs',
      model: { id: 'mlp', hidden: [16, 12] },
      method: 'fixedMask',
      start: 'scratch',
      epochs: 1,
      batchSize: 32,
    });
    await expect(runExperiment(cfg, { data, backend: 'cpu' })).rejects.toThrow(
      /another run's masks; none were given/,
    );
    const masks = await someMasks();
    const before = tf.memory().numTensors;
    const r = await runExperiment(cfg, { data, backend: 'cpu', masks, logEvery: 1000 });
    expect(r.density).toBeCloseTo(maskDensity(masks).overall, 12);
    expect(tf.memory().numTensors).toBe(before);
  });
});
