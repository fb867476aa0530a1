import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBuiltinDataset } from '../../../src/core/data/builtin';
import { Network } from '../../../src/core/models/network';
import { architecture } from '../../../src/core/models/zoo';
import { dns } from '../../../src/core/pruning/methods/dns';
import { createRng } from '../../../src/core/rng';
import type { OptimizerConfig } from '../../../src/core/train/optimizer';
import { CAFFE_SGD } from '../../../src/core/train/optimizer';
import { Trainer } from '../../../src/core/train/trainer';
import { fsSource } from '../../../src/node/fsSource';
import { signDataset } from '../../helpers/data';
import { arr, backend } from '../../helpers/tf';
import { denseTrainer } from '../../helpers/trainer';

beforeAll(() => backend('cpu'));

const FAST: OptimizerConfig = { ...CAFFE_SGD, lr: 0.5, weightDecay: 0, policy: { kind: 'fixed' } };

describe('DNS in training', () => {
  it('keeps training a cut weight and splices it back once |w| grows past b', () => {
    const data = signDataset();
    const net = new Network(architecture({ id: 'mlp', hidden: [] }, [2], 2), createRng(1));
    const layer = net.layers[0]!;
    // Feature 0 decides the label, but its weights start tiny, so the first surgery step cuts them.
    tf.tidy(() =>
      layer.w.assign(
        tf.tensor2d([
          [0.01, -0.01],
          [1, -1],
        ]),
      ),
    );
    const trainer = new Trainer({
      network: net,
      data,
      method: dns,
      methodConfig: { c: [0], gamma: 0, power: 1, iterStop: [1e9] },
      optimizer: FAST,
      batchSize: 32,
      seed: 1,
      epochs: 10,
    });
    trainer.step();
    expect(arr(layer.wMask).slice(0, 2)).toEqual([0, 0]); // cut
    const afterCut = arr(layer.w).slice(0, 2);
    trainer.step();
    trainer.step();
    const later = arr(layer.w).slice(0, 2);
    // Cut weights still receive the dense gradient ∂L/∂(W⊙T) and move.
    expect(Math.abs(later[0]! - afterCut[0]!)).toBeGreaterThan(1e-3);
    let spliced = false;
    for (let i = 0; i < 60 && !spliced; i++) {
      trainer.step();
      spliced = arr(layer.wMask)[0] === 1;
    }
    expect(spliced).toBe(true);
    // mu over {0.01, 0.01, 1, 1} = 0.505, b = 1.1 * 0.505: it came back only past b.
    expect(Math.abs(arr(layer.w)[0]!)).toBeGreaterThan(1.1 * 0.505);
    trainer.dispose();
    net.dispose();
  });
});

describe('Trainer', () => {
  async function run(seed: number, steps: number) {
    const data = await loadBuiltinDataset('gaussians', fsSource(), { seed: 1 });
    const net = new Network(
      architecture({ id: 'mlp', hidden: [16, 16] }, data.inputShape, 3),
      createRng(7),
    );
    const trainer = new Trainer({
      network: net,
      data,
      method: dns,
      methodConfig: dns.resolve({ c: 0.5 }, net.layers),
      optimizer: CAFFE_SGD,
      batchSize: 16,
      seed,
      epochs: 5,
      trackEvents: true,
    });
    for (let i = 0; i < steps; i++) trainer.step();
    const masks = net.layers.map((l) => arr(l.wMask).join(''));
    const metrics = await trainer.flushMetrics();
    return { trainer, net, masks, metrics };
  }

  it('gives identical masks for the same seed', async () => {
    const a = await run(3, 30);
    const b = await run(3, 30);
    expect(a.masks).toEqual(b.masks);
    expect(a.metrics.cuts).toEqual(b.metrics.cuts);
    for (const r of [a, b]) {
      r.trainer.dispose();
      r.net.dispose();
    }
  });

  it('leaks no tensors over 50 steps', async () => {
    const { trainer, net } = await run(1, 1);
    await trainer.flushMetrics();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 50; i++) trainer.step();
    await trainer.flushMetrics();
    expect(tf.memory().numTensors).toBe(before);
    trainer.dispose();
    net.dispose();
  });

  it('counts cuts and splices and reports density from the masks', async () => {
    const { trainer, net, metrics } = await run(1, 20);
    const kept = net.layers.map(
      (l) => arr(l.wMask).reduce((s, v) => s + v, 0) + arr(l.bMask).reduce((s, v) => s + v, 0),
    );
    expect(metrics.kept).toEqual(kept);
    expect(metrics.density).toBeCloseTo(kept.reduce((a, b) => a + b) / net.paramCount, 9);
    expect(metrics.cuts.reduce((a, b) => a + b)).toBeGreaterThan(0);
    // Net change of kept entries equals splices minus cuts.
    const total = net.paramCount;
    const keptAll = kept.reduce((a, b) => a + b);
    expect(total - keptAll).toBe(
      metrics.cuts.reduce((a, b) => a + b) - metrics.splices.reduce((a, b) => a + b),
    );
    trainer.dispose();
    net.dispose();
  });

  it('dense baseline uses no masks and learns', async () => {
    const data = await loadBuiltinDataset('gaussians', fsSource(), { seed: 1 });
    const net = new Network(
      architecture({ id: 'mlp', hidden: [16] }, data.inputShape, 3),
      createRng(7),
    );
    const trainer = denseTrainer(net, data, 5);
    for (let i = 0; i < trainer.totalSteps; i++) trainer.step();
    const m = await trainer.flushMetrics();
    expect(m.density).toBe(1);
    expect(m.trainAccuracy).toBeGreaterThan(0.8);
    trainer.dispose();
    net.dispose();
  });
});
