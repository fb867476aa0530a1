import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { erkAllocation, uniformAllocation } from '../../../src/core/pruning/budget';
import { DYNAMIC_SPARSE_DEFAULTS } from '../../../src/core/pruning/dynamicSparse';
import type { DynamicSparseConfig } from '../../../src/core/pruning/dynamicSparse';
import { rigl } from '../../../src/core/pruning/methods/rigl';
import { set } from '../../../src/core/pruning/methods/set';
import { cosineDecay } from '../../../src/core/pruning/schedules';
import type { MaskUpdates, WeightPair } from '../../../src/core/pruning/types';
import type { PrunableLayer } from '../../../src/core/models/network';
import { createRng } from '../../../src/core/rng';
import { fakeCtx } from '../../helpers/ctx';
import { handLayer } from '../../helpers/layers';
import { arr, backend } from '../../helpers/tf';

beforeAll(() => backend('cpu'));

describe('sparsity distributions', () => {
  const shapes = [
    { shape: [784, 300], units: 300 },
    { shape: [300, 100], units: 100 },
    { shape: [100, 10], units: 10 },
  ];
  it('ERK (Evci et al. 2020): density ∝ (n_in + n_out) / (n_in · n_out), summing to the budget', () => {
    const c = erkAllocation(5000, shapes, [false, false, false]);
    expect(c.reduce((a, b) => a + b, 0)).toBe(5000);
    const d = c.map((n, k) => n / (shapes[k]!.shape[0]! * shapes[k]!.shape[1]!));
    const raw = shapes.map((s) => (s.shape[0]! + s.shape[1]!) / (s.shape[0]! * s.shape[1]!));
    expect(d[1]! / d[0]!).toBeCloseTo(raw[1]! / raw[0]!, 2);
    expect(d[2]! / d[0]!).toBeCloseTo(raw[2]! / raw[0]!, 1);
  });
  it('ERK makes a layer dense when its density would pass 1, and rescales the rest', () => {
    const c = erkAllocation(60_000, shapes, [false, false, false]);
    expect(c[2]).toBe(1000);
    expect(c.reduce((a, b) => a + b, 0)).toBe(60_000);
  });
  it('uniform: the same density in every layer, spared layers dense', () => {
    const c = uniformAllocation(27_620, shapes, [false, false, true]);
    expect(c[2]).toBe(1000);
    expect(c[0]! / 235_200).toBeCloseTo(c[1]! / 30_000, 3);
    expect(c.reduce((a, b) => a + b, 0)).toBe(27_620);
  });
});

describe('drop fraction (Evci et al. 2020, eq. 1)', () => {
  it('is α at 0, α/2 half way, 0 from T_end on', () => {
    expect(cosineDecay(0.3, 0, 1000)).toBeCloseTo(0.3, 12);
    expect(cosineDecay(0.3, 500, 1000)).toBeCloseTo(0.15, 12);
    expect(cosineDecay(0.3, 1000, 1000)).toBeCloseTo(0, 12);
    expect(cosineDecay(0.3, 2000, 1000)).toBeCloseTo(0, 12);
  });
});

/** One layer of 16 weights, magnitude-initialised mask, driven by hand with real setWeights. */
function drive(spec: typeof rigl, over: Partial<DynamicSparseConfig> = {}) {
  const w = Array.from({ length: 4 }, (_, i) =>
    Array.from({ length: 4 }, (_, j) => (i * 4 + j + 1) / 16),
  ); // |w| = 1/16 … 16/16, all distinct
  const layer = handLayer(w, [0, 0, 0, 0]);
  // 16 weights + 4 biases; target 0.5 → 10 kept → 6 weights kept: the 6 largest (11..16)
  const cfg = { ...DYNAMIC_SPARSE_DEFAULTS, target: 0.5, initMask: 'magnitude' as const, ...over };
  const p = spec.create(cfg, { layers: [layer], rng: createRng(1) });
  const calls: string[] = [];
  const ctx = (t: number, seed = 1) => {
    const c = fakeCtx([layer], t, {
      totalSteps: 1000,
      actions: {
        setWeights(u: readonly (WeightPair | null)[]) {
          tf.tidy(() => layer.w.assign(u[0]!.w));
        },
        skipUpdate() {
          calls.push(`skip@${t}`);
        },
      },
    });
    return { ...c, rng: createRng(seed) };
  };
  const apply = (u: MaskUpdates | null | undefined) =>
    tf.tidy(() => {
      if (u?.[0]) layer.wMask.assign(u[0].w);
    });
  return { layer, p, ctx, apply, calls };
}

const grads = (layer: PrunableLayer, g: number[]) => ({
  w: [tf.tensor(g, layer.w.shape)],
  b: [tf.zeros(layer.b.shape)],
});

describe('RigL', () => {
  it('drops the smallest |w| and grows the largest |gradient|, new weights at zero', () => {
    const d = drive(rigl);
    d.apply(d.p.beforeStep!(d.ctx(0)));
    expect(arr(d.layer.wMask)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
    // floor(6 · 0.3) = 1 dropped (weight 11), one grown: the largest |g| among the others (index 2)
    const g = Array.from({ length: 16 }, (_, i) => (i === 2 ? -5 : i === 7 ? 3 : 0.01));
    d.apply(d.p.afterGradients!(d.ctx(0), grads(d.layer, g)));
    expect(arr(d.layer.wMask)).toEqual([0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    expect(arr(d.layer.w)[2]).toBe(0); // grown at zero
    expect(d.calls).toEqual(['skip@0']); // RigL updates masks instead of weights on that step
    d.p.dispose();
  });

  it('updates only every ΔT steps, until T_end', () => {
    const d = drive(rigl, { deltaT: 100, end: 0.5 });
    d.apply(d.p.beforeStep!(d.ctx(0)));
    const g = grads(
      d.layer,
      Array.from({ length: 16 }, () => 1),
    );
    expect(d.p.afterGradients!(d.ctx(50), g)).toBeNull();
    expect(d.p.afterGradients!(d.ctx(100), g)).not.toBeNull();
    expect(d.p.afterGradients!(d.ctx(600), g)).toBeNull();
    d.p.dispose();
  });
});

describe('SET', () => {
  it('regrows at random among the pruned connections, at zero, keeping the count', () => {
    const grown = (seed: number) => {
      const d = drive(set, { dropFraction: 0.5 });
      d.apply(d.p.beforeStep!(d.ctx(0)));
      tf.tidy(() => d.layer.w.assign(tf.mul(d.layer.w, d.layer.wMask))); // masked weights are zero
      const before = arr(d.layer.wMask);
      d.apply(d.p.afterUpdate!(d.ctx(0, seed)));
      const after = arr(d.layer.wMask);
      expect(after.reduce((a, b) => a + b, 0)).toBe(6);
      const born = after.map((v, i) => (v === 1 && before[i] === 0 ? i : -1)).filter((i) => i >= 0);
      const w = arr(d.layer.w);
      for (const i of born) expect(w[i]).toBe(0);
      d.p.dispose();
      return born;
    };
    const a = grown(1);
    expect(a.length).toBeGreaterThan(0);
    expect(grown(1)).toEqual(a);
    const others = [2, 3, 4, 5].map(grown);
    expect(others.some((o) => o.join() !== a.join())).toBe(true);
  });
});
