import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BackendName } from '../../../src/core/backend';
import { Network } from '../../../src/core/models/network';
import { architecture } from '../../../src/core/models/zoo';
import { calibrateCrate } from '../../../src/core/pruning/calibrate';
import { nmPlan } from '../../../src/core/pruning/methods/nm';
import { allMethods } from '../../../src/core/pruning/registry';
import { geometryOfLayers } from '../../../src/core/pruning/structure';
import type { MethodId, PrunerSpec } from '../../../src/core/pruning/types';
import { createRng } from '../../../src/core/rng';
import { CAFFE_SGD } from '../../../src/core/train/optimizer';
import { Trainer } from '../../../src/core/train/trainer';
import { blobsDataset } from '../../helpers/data';
import { arr, backend } from '../../helpers/tf';

const TARGET = 0.75;
const INIT_SEED = 7;

/**
 * Small-budget settings so every schedule acts inside the test's 64 steps (AGP and SET / RigL beat
 * every 5 steps instead of 100; the tiny MLP's output layer is pruned too, or 75% would not fit).
 * A method missing here fails the first test: every registered method must be in the contract.
 */
const SMALL: Record<MethodId, Record<string, unknown>> = {
  none: {},
  dns: { c: 0.5 },
  imp: { target: TARGET, spareOutput: false },
  lth: { target: TARGET, spareOutput: false },
  oneshot: { target: TARGET, spareOutput: false },
  agp: { target: TARGET, frequency: 5 },
  movement: { target: TARGET, spareOutput: false },
  set: { target: TARGET, deltaT: 5 },
  rigl: { target: TARGET, deltaT: 5 },
  nm: {},
  structured: { target: TARGET },
  fixedMask: {}, // the network's masks (all ones here): the contract still holds
};

const data = blobsDataset(8, 4);

function network(): Network {
  // As `buildNetwork` does: the `init` stream of the seed, so lottery tickets can rebuild θ0.
  return new Network(
    architecture({ id: 'mlp', hidden: [16, 12] }, data.inputShape, data.numClasses),
    createRng(INIT_SEED).fork('init'),
  );
}

function trainerFor(spec: PrunerSpec<unknown>, net: Network, seed = 1, over = {}): Trainer {
  const layers = net.layers.map((l) => ({
    name: l.name,
    kind: l.kind,
    size: l.size,
    weightShape: l.w.shape,
  }));
  return new Trainer({
    network: net,
    data,
    method: spec,
    methodConfig: spec.resolve({ ...SMALL[spec.id], ...over }, layers),
    optimizer: CAFFE_SGD,
    batchSize: 16,
    seed,
    epochs: 2, // 32 steps per epoch
    initSeed: INIT_SEED,
  });
}

/** Trains a fresh network with the method for the whole budget; masks and metrics at the end. */
async function fullRun(spec: PrunerSpec<unknown>, seed = 1) {
  const net = network();
  const trainer = trainerFor(spec, net, seed);
  while (trainer.t < trainer.totalSteps) trainer.step();
  const metrics = await trainer.flushMetrics();
  const masks = net.layers.map((l) => ({
    w: arr(l.wMask),
    b: arr(l.bMask),
    shapes: [l.wMask.shape, l.bMask.shape, l.w.shape, l.b.shape],
  }));
  trainer.dispose();
  net.dispose();
  return { metrics, masks };
}

/** How far a target-taking method may land from its target, and why. */
function tolerance(spec: PrunerSpec<unknown>, net: Network): number {
  const total = net.paramCount;
  if (spec.id !== 'structured')
    // Exact top-k counts: the only slack is rounding (1 − target) · total to whole weights.
    return 1 / total;
  // Whole units: one hidden unit of every layer at once (its inputs, bias and the row it feeds)
  // is the smallest step a uniform fraction takes.
  const g = geometryOfLayers(net.layers);
  let step = 0;
  for (let l = 0; l < g.length - 1; l++)
    step += net.layers[l]!.rows + 1 + g[l + 1]!.rowsPerInput * g[l + 1]!.units;
  return step / total;
}

describe.each(['cpu', 'wasm'] as BackendName[])('method contract on %s', (name) => {
  beforeAll(() => backend(name));

  it('covers every registered method', () => {
    for (const spec of allMethods()) expect(SMALL[spec.id], spec.id).toBeDefined();
  });

  describe.each(allMethods().map((s) => [s.id, s] as const))('%s', (_id, spec) => {
    // One full run shared by the tests that only read its end state.
    let shared: ReturnType<typeof fullRun> | null = null;
    const first = () => (shared ??= fullRun(spec));

    it('gives 0/1 masks of the layers’ shapes', async () => {
      const { masks } = await first();
      for (const m of masks) {
        expect(m.shapes[0]).toEqual(m.shapes[2]);
        expect(m.shapes[1]).toEqual(m.shapes[3]);
        for (const v of [...m.w, ...m.b]) expect(v === 0 || v === 1).toBe(true);
      }
    });

    it('gives the same masks for the same seed', async () => {
      const a = await first();
      const b = await fullRun(spec);
      expect(a.masks).toEqual(b.masks);
      expect(a.metrics.cuts).toEqual(b.metrics.cuts);
    });

    it('leaks no tensors across steps or after dispose', async () => {
      const net = network();
      const before = tf.memory().numTensors;
      const trainer = trainerFor(spec, net);
      trainer.step();
      await trainer.flushMetrics();
      const running = tf.memory().numTensors;
      while (trainer.t < trainer.totalSteps) trainer.step();
      await trainer.flushMetrics();
      expect(tf.memory().numTensors).toBe(running);
      trainer.dispose();
      expect(tf.memory().numTensors).toBe(before);
      net.dispose();
    });

    if (spec.sparsity === 'target')
      it(`meets its target sparsity (${TARGET})`, async () => {
        const { metrics } = await first();
        const net = network();
        const tol = tolerance(spec, net);
        net.dispose();
        expect(Math.abs(1 - metrics.density - TARGET)).toBeLessThanOrEqual(tol + 1e-12);
      });

    if (spec.sparsity === 'threshold')
      it(`meets a target through calibration (first surgery step at ${TARGET})`, async () => {
        const net = network();
        const base = (spec.resolve({}, net.layers) as { c: number[] }).c;
        const cal = await calibrateCrate(net.layers, TARGET, base);
        const trainer = trainerFor(spec, net, 1, { c: cal.c, gamma: 0 });
        trainer.step();
        const m = await trainer.flushMetrics();
        // Distinct |w| values: the first cut lands within one entry of the target.
        expect(Math.abs(1 - m.density - TARGET)).toBeLessThanOrEqual(1 / net.paramCount + 1e-9);
        expect(Math.abs(cal.firstCut - (1 - m.density))).toBeLessThanOrEqual(
          1 / net.paramCount + 1e-9,
        );
        trainer.dispose();
        net.dispose();
      });

    if (spec.sparsity === 'pattern')
      it('holds its N:M pattern on every layer it claims', async () => {
        const { masks } = await first();
        const net = network();
        const cfg = spec.resolve({}, net.layers) as { n: number; m: number };
        const plan = nmPlan(
          cfg,
          net.layers.map((l) => ({ name: l.name, weightShape: l.w.shape })),
        );
        expect(plan.every((p) => p.applied)).toBe(true);
        net.layers.forEach((l, k) => {
          const [rows, cols] = [l.rows, l.cols];
          const w = masks[k]!.w;
          for (let c = 0; c < cols; c++)
            for (let g = 0; g < rows; g += cfg.m) {
              let kept = 0;
              for (let i = g; i < g + cfg.m; i++) kept += w[i * cols + c]!;
              expect(kept).toBeLessThanOrEqual(cfg.n);
            }
        });
        net.dispose();
      });
  });
});
