import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Network } from '../../../src/core/models/network';
import { architecture } from '../../../src/core/models/zoo';
import { getMethod } from '../../../src/core/pruning/registry';
import { createRng } from '../../../src/core/rng';
import type { OptimizerConfig } from '../../../src/core/train/optimizer';
import { CAFFE_SGD, DEFAULT_ADAM, dropFactor, Optimizer } from '../../../src/core/train/optimizer';
import { parseRunConfig } from '../../../src/core/config';
import { buildNetwork, createTrainer } from '../../../src/core/train/session';
import { Trainer } from '../../../src/core/train/trainer';
import { blobsDataset } from '../../helpers/data';
import { arr, backend } from '../../helpers/tf';

beforeAll(() => backend('cpu'));

const SGD: OptimizerConfig = {
  kind: 'sgd',
  lr: 0.1,
  momentum: 0.9,
  weightDecay: 0.01,
  biasLrMult: 1,
  policy: { kind: 'fixed' },
};

/** One optimizer step on a single parameter with gradient `g` and mask `m`. */
function stepWith(opt: Optimizer, g: number[], m: number[], t: number): void {
  tf.tidy(() => opt.apply([tf.tensor1d(g)], t, [tf.tensor1d(m)]));
}

describe('Optimizer with masks', () => {
  const held: tf.Variable[] = [];
  afterEach(() => held.splice(0).forEach((v) => v.dispose()));

  it('SGD: momentum and weight decay leave a pruned entry alone; regrown, it restarts (hand-computed)', () => {
    const w = tf.variable(tf.tensor1d([1, 2]));
    held.push(w);
    const opt = new Optimizer(SGD, [{ v: w, lrMult: 1 }]);
    // t0, both alive: V = 0.1·(1 + 0.01·w) = [0.101, 0.102]
    stepWith(opt, [1, 1], [1, 1], 0);
    expect(arr(w)[0]).toBeCloseTo(0.899, 6);
    expect(arr(w)[1]).toBeCloseTo(1.898, 6);
    // t1, t2: entry 1 pruned (its masked gradient is 0). Its old momentum 0.102 and its decay
    // 0.01·1.898 would move it by ~0.09 and ~0.08 without the mask; with it, it stays put.
    stepWith(opt, [1, 0], [1, 0], 1);
    expect(arr(w)[0]).toBeCloseTo(0.899 - (0.9 * 0.101 + 0.1 * (1 + 0.01 * 0.899)), 6);
    stepWith(opt, [1, 0], [1, 0], 2);
    expect(arr(w)[1]).toBeCloseTo(1.898, 6);
    expect(Math.abs(arr(opt.state[0]![0]!)[1]!)).toBe(0);
    // t3: entry 1 grows back with gradient 1: fresh momentum, V = 0.1·(1 + 0.01·1.898)
    stepWith(opt, [0, 1], [1, 1], 3);
    expect(arr(w)[1]).toBeCloseTo(1.898 - 0.1 * (1 + 0.01 * 1.898), 6);
    opt.dispose();
  });

  it('Adam: a pruned entry keeps its value and zero moments; regrown, its moments start afresh', () => {
    const w = tf.variable(tf.tensor1d([1, -1]));
    held.push(w);
    const cfg: OptimizerConfig = { ...DEFAULT_ADAM, lr: 0.01, weightDecay: 0.1, biasLrMult: 1 };
    const opt = new Optimizer(cfg, [{ v: w, lrMult: 1 }]);
    stepWith(opt, [0.5, 0.5], [1, 1], 0);
    stepWith(opt, [0.5, 0], [1, 0], 1);
    const pruned = arr(w)[1]!;
    stepWith(opt, [0.5, 0], [1, 0], 2);
    expect(arr(w)[1]).toBe(pruned);
    expect(Math.abs(arr(opt.state[0]![0]!)[1]!)).toBe(0);
    expect(Math.abs(arr(opt.state[0]![1]!)[1]!)).toBe(0);
    // Regrown with gradient 2: m = (1 − β1)·g, v = (1 − β2)·g², g = 2 + 0.1·w (decay)
    stepWith(opt, [0.5, 2], [1, 1], 3);
    const g = 2 + 0.1 * pruned;
    expect(arr(opt.state[0]![0]!)[1]).toBeCloseTo(0.1 * g, 6);
    expect(arr(opt.state[0]![1]!)[1]).toBeCloseTo(0.001 * g * g, 6);
    opt.dispose();
  });

  it('without masks, momentum carries on (the dense path is unchanged)', () => {
    const w = tf.variable(tf.tensor1d([1]));
    held.push(w);
    const opt = new Optimizer(SGD, [{ v: w, lrMult: 1 }]);
    tf.tidy(() => opt.apply([tf.tensor1d([1])], 0));
    tf.tidy(() => opt.apply([tf.tensor1d([0])], 1));
    // V1 = 0.101; V2 = 0.9·0.101 + 0.1·0.01·0.899
    expect(arr(w)[0]).toBeCloseTo(0.899 - (0.9 * 0.101 + 0.001 * 0.899), 6);
    opt.dispose();
  });
});

/** A trainer for a masked method on blobs, with Caffe's SGD (momentum 0.9, decay 5e-4). */
function trainerFor(method: string, settings: Record<string, unknown>) {
  const data = blobsDataset(8, 4, 256);
  const net = new Network(architecture({ id: 'mlp', hidden: [16] }, [8], 4), createRng(3));
  const spec = getMethod(method);
  const trainer = new Trainer({
    network: net,
    data,
    method: spec,
    methodConfig: spec.resolve(settings, net.layers),
    optimizer: { ...CAFFE_SGD, lr: 0.05, policy: { kind: 'fixed' } },
    batchSize: 16,
    seed: 5,
    epochs: 4,
  });
  return { net, trainer };
}

describe('optimizer state of masked methods in training', () => {
  it('movement (prunedWeights: keep): pruned weights keep their exact values while pruned', () => {
    const { net, trainer } = trainerFor('movement', {
      target: 0.5,
      initialWarmup: 0.05,
      finalWarmup: 0.3,
      spareOutput: true,
    });
    const layer = net.layers[0]!;
    let checked = 0;
    for (let i = 0; i < 50; i++) {
      const before = { w: arr(layer.w), m: arr(layer.wMask) };
      trainer.step();
      const after = { w: arr(layer.w), m: arr(layer.wMask) };
      before.m.forEach((m, j) => {
        if (m === 0 && after.m[j] === 0) {
          expect(after.w[j]).toBe(before.w[j]);
          checked++;
        }
      });
    }
    expect(checked).toBeGreaterThan(100); // pruned weights were there to check
    expect(arr(layer.w).some((v, j) => v !== 0 && arr(layer.wMask)[j] === 0)).toBe(true);
    trainer.dispose();
    net.dispose();
  });

  it.each(['set', 'rigl'])('%s: a regrown weight starts with zero momentum', (method) => {
    const { net, trainer } = trainerFor(method, { target: 0.5, deltaT: 4, dropFraction: 0.3 });
    let regrown = 0;
    for (let i = 0; i < 30; i++) {
      const before = net.layers.map((l) => arr(l.wMask));
      trainer.step();
      net.layers.forEach((l, k) => {
        const after = arr(l.wMask);
        const momentum = arr(trainer.optimizer.state[2 * k]![0]!);
        after.forEach((m, j) => {
          if (m === 1 && before[k]![j] === 0) {
            expect(Math.abs(momentum[j]!)).toBe(0);
            regrown++;
          }
        });
      });
    }
    expect(regrown).toBeGreaterThan(10);
    trainer.dispose();
    net.dispose();
  });
});

describe('learning-rate drops (lrDrops)', () => {
  it('multiply the policy by the latest drop reached, from its step on', () => {
    const w = tf.variable(tf.tensor1d([1]));
    const opt = new Optimizer(
      {
        ...CAFFE_SGD,
        drops: [
          { step: 300, factor: 0.01 },
          { step: 100, factor: 0.1 },
        ],
      },
      [{ v: w, lrMult: 1 }],
    );
    const plain = new Optimizer(CAFFE_SGD, [{ v: w, lrMult: 1 }]);
    expect(opt.learningRate(99)).toBe(plain.learningRate(99));
    expect(opt.learningRate(100)).toBeCloseTo(plain.learningRate(100) * 0.1, 12);
    expect(opt.learningRate(299)).toBeCloseTo(plain.learningRate(299) * 0.1, 12);
    expect(opt.learningRate(300)).toBeCloseTo(plain.learningRate(300) * 0.01, 12);
    expect(dropFactor(undefined, 5)).toBe(1);
    opt.dispose();
    plain.dispose();
    w.dispose();
  });

  it("apply to the method's trainer, not to a dense pre-train", () => {
    const data = blobsDataset(4, 3, 64, 5);
    const cfg = parseRunConfig({
      dataset: 'blobs',
      model: { id: 'mlp', hidden: [4] },
      method: 'dns',
      epochs: 1,
      lrDrops: [{ step: 0, factor: 0.5 }],
    });
    const net = buildNetwork(cfg.model, data, 1);
    const pre = createTrainer(cfg, data, net, { method: 'none', epochs: 1, seedLabel: 'pretrain' });
    const main = createTrainer(cfg, data, net, { method: 'dns', epochs: 1, seedLabel: 'train' });
    expect(pre.optimizer.learningRate(0)).toBe(0.01);
    expect(main.optimizer.learningRate(0)).toBe(0.005);
    pre.dispose();
    main.dispose();
    net.dispose();
  });
});
