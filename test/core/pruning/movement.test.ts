import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Network } from '../../../src/core/models/network';
import { architecture } from '../../../src/core/models/zoo';
import { movement } from '../../../src/core/pruning/methods/movement';
import { movementStep } from '../../../src/core/pruning/saliency';
import { cubicKeepFraction } from '../../../src/core/pruning/schedules';
import { createRng } from '../../../src/core/rng';
import { CAFFE_SGD } from '../../../src/core/train/optimizer';
import { Trainer } from '../../../src/core/train/trainer';
import { fakeCtx } from '../../helpers/ctx';
import { blobsDataset } from '../../helpers/data';
import { handLayer } from '../../helpers/layers';
import { arr, backend } from '../../helpers/tf';

beforeAll(() => backend('cpu'));

describe('movement schedule (Sanh et al. 2020, cubic)', () => {
  const c = { totalSteps: 100, initial: 1, final: 0.1, initialWarmup: 10, finalWarmup: 20 };
  it('keeps everything during the warm-up, holds the final fraction at the end', () => {
    expect(cubicKeepFraction(10, c)).toBe(1);
    expect(cubicKeepFraction(81, c)).toBe(0.1);
  });
  it('falls cubically in between', () =>
    expect(cubicKeepFraction(45, c)).toBeCloseTo(0.1 + 0.9 * 0.5 ** 3, 12));
});

describe('movement scores', () => {
  it('accumulate −w·∂L/∂w and keep the weights moving away from zero', () => {
    // |w| would keep indices 0, 1; movement keeps 2, 3 (small weights pushed outwards).
    const layer = handLayer([[4], [3], [-2], [1]], [0]);
    expect(arr(movementStep(tf.tensor1d([4, 3, -2, 1]), tf.tensor1d([1, 1, 1, -1])))).toEqual([
      -4, -3, 2, 1,
    ]);
    // 4 weights + 1 bias; target 0.6 → 2 kept → 1 weight kept at the end
    const cfg = { ...movement.defaults([]), target: 0.6, spareOutput: false };
    const p = movement.create(cfg, { layers: [layer], rng: createRng(1) });
    const g1 = { w: [tf.tensor2d([[1], [1], [1], [-1]])], b: [tf.zeros([1])] };
    p.afterGradients!(fakeCtx([layer], 0), g1); // S = [−4, −3, 2, 1]
    const late = (t: number) => p.beforeStep!(fakeCtx([layer], t, { totalSteps: 100 }))![0]!;
    expect(arr(late(95).w)).toEqual([0, 0, 1, 0]);
    const g2 = { w: [tf.tensor2d([[0], [0], [2], [-5]])], b: [tf.zeros([1])] };
    p.afterGradients!(fakeCtx([layer], 1), g2); // S += [0, 0, 4, 5] → [−4, −3, 6, 6]
    const g3 = { w: [tf.tensor2d([[0], [0], [0], [-1]])], b: [tf.zeros([1])] };
    p.afterGradients!(fakeCtx([layer], 2), g3); // S += [0, 0, 0, 1] → [−4, −3, 6, 7]
    expect(arr(late(95).w)).toEqual([0, 0, 0, 1]);
    expect(p.beforeStep!(fakeCtx([layer], 5, { totalSteps: 100 }))).toBeNull(); // warm-up
    p.dispose();
  });

  it('in training: pruned weights keep their values (they may come back with them)', () => {
    const data = blobsDataset(8, 4);
    const net = new Network(
      architecture({ id: 'mlp', hidden: [16] }, data.inputShape, data.numClasses),
      createRng(3),
    );
    const trainer = new Trainer({
      network: net,
      data,
      method: movement,
      methodConfig: movement.resolve({ target: 0.7, spareOutput: false }, net.layers),
      optimizer: CAFFE_SGD,
      batchSize: 16,
      seed: 1,
      epochs: 2,
    });
    while (trainer.t < trainer.totalSteps) trainer.step();
    const l = net.layers[0]!;
    const w = arr(l.w);
    const pruned = arr(l.wMask)
      .map((m, i) => (m === 0 ? Math.abs(w[i]!) : -1))
      .filter((v) => v >= 0);
    expect(pruned.length).toBeGreaterThan(0);
    expect(Math.max(...pruned)).toBeGreaterThan(0);
    trainer.dispose();
    net.dispose();
  });
});
