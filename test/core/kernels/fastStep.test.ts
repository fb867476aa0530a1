import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../../src/core/data/types';
import { useMlpKernels } from '../../../src/core/kernels/fastStep';
import { Network } from '../../../src/core/models/network';
import { architecture } from '../../../src/core/models/zoo';
import { getMethod } from '../../../src/core/pruning/registry';
import type { MethodId } from '../../../src/core/pruning/types';
import { createRng } from '../../../src/core/rng';
import { CAFFE_SGD, DEFAULT_ADAM } from '../../../src/core/train/optimizer';
import type { OptimizerConfig } from '../../../src/core/train/optimizer';
import { CELL, readKernels, readTensors } from '../../../src/core/train/snapshot';
import { Trainer } from '../../../src/core/train/trainer';
import { loadMlpModule } from '../../../src/node/kernels';
import { blobsDataset } from '../../helpers/data';
import { arr, backend } from '../../helpers/tf';

const data = blobsDataset(8, 4);

/** Bytes as images come (MNIST): 4×4×1 uint8 pixels scaled by 1/255, half of them zero. */
function bytesDataset(): Dataset {
  const rng = createRng(5);
  const split = (count: number) => {
    const y = Uint8Array.from({ length: count }, () => Math.floor(rng.next() * 3));
    const x = Uint8Array.from({ length: count * 16 }, (_, i) =>
      rng.next() < 0.5
        ? 0
        : Math.floor(rng.next() * 128) + 80 * (y[Math.floor(i / 16)]! === i % 3 ? 1 : 0),
    );
    return { count, x, y };
  };
  return {
    ...data,
    id: 'bytes',
    inputShape: [4, 4, 1],
    featureSize: 16,
    numClasses: 3,
    classNames: ['a', 'b', 'c'],
    xScale: 1 / 255,
    train: split(256),
    validation: split(32),
    test: split(32),
  };
}

function trainer(
  method: MethodId,
  cfg: Record<string, unknown>,
  opt: OptimizerConfig = CAFFE_SGD,
  ds: Dataset = data,
  trackEvents = false,
) {
  const net = new Network(
    architecture({ id: 'mlp', hidden: [16, 12] }, ds.inputShape, ds.numClasses),
    createRng(7).fork('init'),
  );
  const spec = getMethod(method);
  const layers = net.layers.map((l) => ({
    name: l.name,
    kind: l.kind,
    size: l.size,
    weightShape: l.w.shape,
  }));
  return new Trainer({
    network: net,
    data: ds,
    method: spec,
    methodConfig: spec.resolve(cfg, layers),
    optimizer: { ...opt, lr: 0.05 },
    batchSize: 16,
    seed: 3,
    epochs: 2,
    initSeed: 7,
    trackEvents,
  });
}

/** Runs `steps` steps with and without the kernels from the same start; returns both trainers. */
async function pair(
  method: MethodId,
  cfg: Record<string, unknown>,
  steps: number,
  ds = data,
  trackEvents = false,
) {
  useMlpKernels(null);
  const ref = trainer(method, cfg, CAFFE_SGD, ds, trackEvents);
  useMlpKernels(loadMlpModule());
  const fast = trainer(method, cfg, CAFFE_SGD, ds, trackEvents);
  for (let i = 0; i < steps; i++) {
    ref.step();
    fast.step();
  }
  return { ref, fast, mRef: await ref.flushMetrics(), mFast: await fast.flushMetrics() };
}

function closeArrays(a: number[], b: number[], tol: number): void {
  expect(a.length).toBe(b.length);
  const worst = a.reduce((w, x, i) => Math.max(w, Math.abs(x - b[i]!)), 0);
  expect(worst).toBeLessThan(tol);
}

describe.each(['cpu', 'wasm'] as const)('the trainer on our kernels (%s backend)', (name) => {
  beforeAll(() => backend(name));
  afterEach(() => useMlpKernels(null));

  // Methods without gradient hooks; masks by threshold (DNS) or top-k, with regrowth and skips.
  const cases: [MethodId, Record<string, unknown>][] = [
    ['none', {}],
    ['dns', { c: 0.5 }],
    ['oneshot', { target: 0.75, spareOutput: false }],
    ['agp', { target: 0.75, frequency: 5 }],
    ['set', { target: 0.75, deltaT: 5 }],
    // These read the step's gradients: the kernel step in two halves around the hook.
    ['rigl', { target: 0.75, deltaT: 5 }],
    ['movement', { target: 0.75, spareOutput: false }],
  ];

  it.each(cases)(
    '%s: same weights, masks, momentum and metrics as the tfjs step',
    async (id, cfg) => {
      const { ref, fast, mRef, mFast } = await pair(id, cfg, 40);
      expect(fast.stepPath).toBe('kernels');
      expect(ref.stepPath).toBe('tfjs');
      expect(mFast.loss).toBeCloseTo(mRef.loss, 3);
      expect(mFast.trainAccuracy).toBeCloseTo(mRef.trainAccuracy, 6);
      expect(mFast.kept).toEqual(mRef.kept);
      // Counted in the kernels on the fast path (DNS's rule runs there in place).
      expect(mFast.cuts).toEqual(mRef.cuts);
      expect(mFast.splices).toEqual(mRef.splices);
      ref.network.layers.forEach((l, k) => {
        const f = fast.network.layers[k]!;
        expect(arr(f.wMask)).toEqual(arr(l.wMask));
        closeArrays(arr(f.w), arr(l.w), 2e-4);
        closeArrays(arr(f.b), arr(l.b), 2e-4);
        closeArrays(
          arr(fast.optimizer.state[2 * k]![0]!),
          arr(ref.optimizer.state[2 * k]![0]!),
          2e-4,
        );
      });
      for (const t of [ref, fast]) {
        t.dispose();
        t.network.dispose();
      }
    },
  );

  // The lab's per-connection records: DNS's rule applied in the kernel, SET's masks copied in.
  it.each([
    ['dns', { c: 0.5 }],
    ['set', { target: 0.75, deltaT: 3 }],
  ] as [MethodId, Record<string, unknown>][])(
    '%s: records the same cuts and splices per connection as the tfjs step',
    async (id, cfg) => {
      const { ref, fast, mRef } = await pair(id, cfg, 12, data, true);
      expect(
        mRef.cuts.reduce((a, b) => a + b) + mRef.splices.reduce((a, b) => a + b),
      ).toBeGreaterThan(0);
      const read = (t: Trainer) =>
        t.network.layers.map((_, k) =>
          tf.tidy(() => {
            const e = t.eventTracker!.layer(k);
            return [e.cutSince, e.splicedSince, e.cutTotal, e.spliceTotal].map(arr);
          }),
        );
      expect(read(fast)).toEqual(read(ref));
      for (const t of [ref, fast]) {
        t.eventTracker!.acknowledge();
        for (let i = 0; i < 6; i++) t.step();
      }
      const after = read(ref);
      expect(read(fast)).toEqual(after);
      // Lifetime counts above the "since" flags somewhere: the window did restart.
      const since = after.flatMap((l) => [...l[0]!, ...l[1]!]).reduce((a, b) => a + b, 0);
      const total = after.flatMap((l) => [...l[2]!, ...l[3]!]).reduce((a, b) => a + b, 0);
      expect(total).toBeGreaterThan(since);
      for (const t of [ref, fast]) {
        t.dispose();
        t.network.dispose();
      }
    },
  );

  // DNS cuts at once; SET also regrows, so both "just cut" and "just spliced" cells are read.
  it.each([
    ['dns', { c: 0.5 }, 9],
    ['set', { target: 0.75, deltaT: 3 }, 7],
  ] as [MethodId, Record<string, unknown>, number][])(
    '%s: the snapshot reads the same bins, counts, weights and cell states from the kernel as from tfjs',
    async (id, cfg, steps) => {
      const { ref, fast } = await pair(id, cfg, steps, data, true);
      // A new "since" window: connections cut before it and spliced in it read as just spliced.
      for (const t of [ref, fast]) {
        t.eventTracker!.acknowledge();
        for (let i = 0; i < 4; i++) t.step();
      }
      const host = readKernels(fast)!;
      expect(host).toEqual(await readTensors(fast));
      // Layers asked for without cells get histograms and counts only, as on the tfjs path.
      expect(readKernels(fast, { cells: [1], bins: 7 })).toEqual(
        await readTensors(fast, { cells: [1], bins: 7 }),
      );
      const states = new Set(host.flatMap((l) => [...l.state!]));
      if (id === 'dns') expect(states).toContain(CELL.justCut);
      else expect(states).toEqual(new Set([0, 1, 2, 3]));
      expect(readKernels(ref)).toBeNull();
      for (const t of [ref, fast]) {
        t.dispose();
        t.network.dispose();
      }
    },
  );

  it('reads uint8 images as tfjs does (scaled bytes, flattened)', async () => {
    const { ref, fast, mRef, mFast } = await pair('dns', { c: 0.5 }, 30, bytesDataset());
    expect(fast.stepPath).toBe('kernels');
    expect(mFast.loss).toBeCloseTo(mRef.loss, 3);
    ref.network.layers.forEach((l, k) => {
      closeArrays(arr(fast.network.layers[k]!.w), arr(l.w), 2e-4);
    });
    for (const t of [ref, fast]) {
      t.dispose();
      t.network.dispose();
    }
  });

  it('takes in weights, masks and optimizer state changed between steps', async () => {
    const { ref, fast } = await pair('dns', { c: 0.5 }, 5);
    for (const t of [ref, fast]) {
      // As a rewind or a divergence restore would: new weights, a mask, a cleared optimizer.
      tf.tidy(() => {
        const l = t.network.layers[0]!;
        l.w.assign(tf.mul(l.w, 0.5));
        l.wMask.assign(tf.onesLike(l.wMask));
      });
      t.optimizer.reset(t.t);
      for (let i = 0; i < 5; i++) t.step();
    }
    ref.network.layers.forEach((l, k) => {
      closeArrays(arr(fast.network.layers[k]!.w), arr(l.w), 2e-4);
    });
    for (const t of [ref, fast]) {
      t.dispose();
      t.network.dispose();
    }
  });

  it('leaves the step on tfjs where the kernels do not apply', () => {
    useMlpKernels(loadMlpModule());
    const adam = trainer('dns', { c: 0.5 }, DEFAULT_ADAM);
    expect(adam.stepPath).toBe('tfjs');
    for (const t of [adam]) {
      t.dispose();
      t.network.dispose();
    }
  });

  it('leaks no tensors', () => {
    useMlpKernels(loadMlpModule());
    const t = trainer('dns', { c: 0.5 });
    t.step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) t.step();
    expect(tf.memory().numTensors).toBe(before);
    t.dispose();
    t.network.dispose();
  });
});
