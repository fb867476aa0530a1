import { beforeAll, describe, expect, it } from 'vitest';
import { Network } from '../../../src/core/models/network';
import { architecture } from '../../../src/core/models/zoo';
import { agp, agpSchedule, agpWindow } from '../../../src/core/pruning/methods/agp';
import type { AgpConfig } from '../../../src/core/pruning/methods/agp';
import { constantSparsity, polynomialDecay } from '../../../src/core/pruning/schedules';
import { createRng } from '../../../src/core/rng';
import { CAFFE_SGD } from '../../../src/core/train/optimizer';
import { Trainer } from '../../../src/core/train/trainer';
import { fakeCtx } from '../../helpers/ctx';
import { blobsDataset } from '../../helpers/data';
import { handLayer } from '../../helpers/layers';
import { arr, backend } from '../../helpers/tf';

beforeAll(() => backend('cpu'));

const cfg = (over: Partial<AgpConfig> = {}): AgpConfig => ({
  ...agp.defaults([]),
  ...over,
});

describe('PolynomialDecay (Zhu & Gupta 2017, eq. 1; TFMOT)', () => {
  const s = polynomialDecay({
    initial: 0,
    final: 0.9,
    begin: 0,
    end: 100,
    power: 3,
    frequency: 10,
  });
  it('starts at initial, ends at final', () => {
    expect(s.at(0).sparsity).toBe(0);
    expect(s.at(100).sparsity).toBeCloseTo(0.9, 12);
    expect(s.at(150).sparsity).toBeCloseTo(0.9, 12);
  });
  it('rises fast then levels off: s(50) = 0.9 − 0.9 · 0.5³', () =>
    expect(s.at(50).sparsity).toBeCloseTo(0.7875, 12));
  it('prunes on the beat inside [begin, end] only', () => {
    expect([0, 5, 10, 95, 100, 110].map((t) => s.at(t).prune)).toEqual([
      true,
      false,
      true,
      false,
      true,
      false,
    ]);
  });
});

describe('ConstantSparsity (TFMOT)', () => {
  it('prunes to the same target on every beat from begin; end < 0 means forever', () => {
    const s = constantSparsity({ target: 0.8, begin: 20, end: -1, frequency: 10 });
    expect([10, 20, 25, 30, 10_000].map((t) => s.at(t).prune)).toEqual([
      false,
      true,
      false,
      true,
      true,
    ]);
    expect(s.at(1234).sparsity).toBe(0.8);
  });
});

describe('AGP method', () => {
  it('maps begin and end fractions to steps, the window ending inside the budget', () => {
    expect(agpWindow(cfg({ begin: 0.1, end: 0.75 }), 1000)).toEqual({ begin: 100, end: 750 });
    expect(agpWindow(cfg({ begin: 0, end: 1 }), 1000)).toEqual({ begin: 0, end: 999 });
    const sched = agpSchedule(cfg({ target: 0.5, begin: 0, end: 0.5, frequency: 10 }), 100);
    expect(sched.at(50)).toEqual({ prune: true, sparsity: 0.5 });
  });

  it('keeps each layer’s k largest |w| (k-th largest threshold), biases unpruned', () => {
    // 8 weights + 4 biases; target 0.5 of 12 leaves 6 kept: the 4 biases and the 2 largest |w|.
    const layer = handLayer(
      [
        [1, -5, 3, -2],
        [0.5, 4, -6, 2.5],
      ],
      [0, 0, 0, 0],
    );
    const p = agp.create(cfg({ target: 0.5, begin: 0, end: 0.5, frequency: 10 }), {
      layers: [layer],
      rng: createRng(1),
    });
    const u = p.beforeStep!(fakeCtx([layer], 50, { totalSteps: 100 }))![0]!;
    expect(arr(u.w)).toEqual([0, 1, 0, 0, 0, 0, 1, 0]);
    expect(arr(u.b)).toEqual([1, 1, 1, 1]);
    expect(p.beforeStep!(fakeCtx([layer], 55, { totalSteps: 100 }))).toBeNull(); // off the beat
    p.dispose();
  });

  it('in training: pruned weights stay zero and never return; the target is met at the end', async () => {
    const data = blobsDataset(8, 4);
    const net = new Network(
      architecture({ id: 'mlp', hidden: [16] }, data.inputShape, data.numClasses),
      createRng(2),
    );
    const trainer = new Trainer({
      network: net,
      data,
      method: agp,
      methodConfig: cfg({ target: 0.8, frequency: 4 }),
      optimizer: CAFFE_SGD,
      batchSize: 16,
      seed: 1,
      epochs: 2,
    });
    let prev = net.layers.map((l) => arr(l.wMask));
    while (trainer.t < trainer.totalSteps) {
      trainer.step();
      const now = net.layers.map((l) => arr(l.wMask));
      now.forEach((m, k) => m.forEach((v, i) => expect(v).toBeLessThanOrEqual(prev[k]![i]!)));
      prev = now;
    }
    for (const l of net.layers) {
      const w = arr(l.w);
      arr(l.wMask).forEach((m, i) => {
        if (m === 0) expect(Math.abs(w[i]!)).toBe(0);
      });
    }
    const m = await trainer.flushMetrics();
    expect(1 - m.density).toBeCloseTo(0.8, 2);
    trainer.dispose();
    net.dispose();
  });
});
