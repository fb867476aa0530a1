import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initialWeights, Network } from '../../../src/core/models/network';
import { architecture } from '../../../src/core/models/zoo';
import { keptWeightsFor, shapesOf } from '../../../src/core/pruning/budget';
import { levelCounts, planLevels } from '../../../src/core/pruning/levels';
import { imp, impLevelPlan, lth } from '../../../src/core/pruning/methods/iterativeMagnitude';
import type { ImpConfig } from '../../../src/core/pruning/methods/iterativeMagnitude';
import type { MaskUpdates, PrunerSpec, WeightPair } from '../../../src/core/pruning/types';
import { createRng } from '../../../src/core/rng';
import { fakeCtx } from '../../helpers/ctx';
import { arr, backend } from '../../helpers/tf';

beforeAll(() => backend('cpu'));

describe('IMP level sizes (open_lth sparse_global)', () => {
  it('prunes ceil(20%) of the remaining weights per level and lands exactly on the target', () => {
    const counts = levelCounts({
      fraction: 0.2,
      totalWeights: 1000,
      sparedWeights: 0,
      stops: [{ target: 0.5, keptWeights: 500 }],
    });
    // 1000 → 800 → 640 → 512 → (512 − ceil(102.4) = 409, past the target) 500
    expect(counts.map((c) => c.keptWeights)).toEqual([800, 640, 512, 500]);
    expect(counts.map((c) => c.stop)).toEqual([null, null, null, 0.5]);
  });

  it('counts spared layers as remaining but never prunes below them', () => {
    const counts = levelCounts({
      fraction: 0.5,
      totalWeights: 100,
      sparedWeights: 30,
      stops: [{ target: 0.65, keptWeights: 35 }],
    });
    expect(counts.map((c) => c.keptWeights)).toEqual([50, 35]);
    expect(() =>
      levelCounts({
        fraction: 0.2,
        totalWeights: 100,
        sparedWeights: 30,
        stops: [{ target: 0.9, keptWeights: 10 }],
      }),
    ).toThrow(/spared layers/);
  });

  it('makes every target of a sweep a level on the way', () => {
    const counts = levelCounts({
      fraction: 0.2,
      totalWeights: 10_000,
      sparedWeights: 0,
      stops: [
        { target: 0.98, keptWeights: 200 },
        { target: 0.9, keptWeights: 1000 },
        { target: 0.95, keptWeights: 500 },
      ],
    });
    expect(counts.filter((c) => c.stop !== null).map((c) => [c.stop, c.keptWeights])).toEqual([
      [0.9, 1000],
      [0.95, 500],
      [0.98, 200],
    ]);
    // Between stops every level still prunes 20% of what is left.
    counts.forEach((c, i) => {
      const before = i === 0 ? 10_000 : counts[i - 1]!.keptWeights;
      if (c.stop === null) expect(c.keptWeights).toBe(before - Math.ceil(0.2 * before));
      else expect(c.keptWeights).toBeGreaterThanOrEqual(before - Math.ceil(0.2 * before));
    });
  });

  it('splits the budget over the levels (the last takes the remainder)', () => {
    const counts = [800, 640, 512].map((k) => ({ keptWeights: k, stop: null }));
    const p = planLevels(counts, 100, { trainFirst: false, rewindSteps: 0 });
    expect(p.levels.map((l) => [l.start, l.steps])).toEqual([
      [0, 33],
      [33, 33],
      [66, 34],
    ]);
    const q = planLevels(counts, 100, { trainFirst: true, rewindSteps: 0 });
    expect(q.denseSteps).toBe(25);
    expect(q.levels[0]!.start).toBe(25);
    expect(() => planLevels(counts, 2, { trainFirst: false, rewindSteps: 0 })).toThrow(/budget/);
  });

  it('LeNet-300-100 at 98% with open_lth defaults: levels of 20% down to the target', () => {
    const arch = architecture({ id: 'lenet300' }, [28, 28, 1], 10);
    const net = new Network(arch, createRng(1));
    const cfg = imp.resolve({ target: 0.98 }, net.layers);
    const plan = impLevelPlan(cfg, shapesOf(net.layers), 20 * 859);
    const last = plan.levels[plan.levels.length - 1]!;
    expect(last.keptWeights).toBe(keptWeightsFor(0.98, shapesOf(net.layers)));
    expect(last.steps + last.start).toBe(20 * 859);
    // 0.8^17 = 2.3% of 266,200 weights is still above the budget; level 18 lands on it
    expect(plan.levels).toHaveLength(18);
    net.dispose();
  });
});

/** A 2-layer net and an IMP pruner driven by hand; setWeights really assigns. */
function driven(spec: PrunerSpec<ImpConfig>, over: Partial<ImpConfig>, initSeed = 5) {
  const net = new Network(
    architecture({ id: 'mlp', hidden: [8] }, [4], 3),
    createRng(initSeed).fork('init'),
  );
  const cfg = { ...spec.resolve({}, net.layers), ...over };
  const p = spec.create(cfg, { layers: net.layers, rng: createRng(9), initSeed });
  const calls: string[] = [];
  const ctxAt = (t: number, totalSteps = 40) =>
    fakeCtx(net.layers, t, {
      totalSteps,
      actions: {
        setWeights(u: readonly (WeightPair | null)[]) {
          calls.push(`setWeights@${t}`);
          tf.tidy(() =>
            u.forEach((x, k) => {
              if (!x) return;
              net.layers[k]!.w.assign(x.w);
              net.layers[k]!.b.assign(x.b);
            }),
          );
        },
        resetOptimizer(o) {
          calls.push(`reset@${t}:${o?.restartSchedule ? 'restart' : ''}:${o?.scheduleStep ?? 0}`);
        },
        skipUpdate() {
          calls.push(`skip@${t}`);
        },
      },
    });
  const apply = (u: MaskUpdates | null | undefined) =>
    tf.tidy(() =>
      u?.forEach((m, k) => {
        if (!m) return;
        net.layers[k]!.wMask.assign(m.w);
        net.layers[k]!.bMask.assign(m.b);
      }),
    );
  const scramble = (seed: number) =>
    tf.tidy(() =>
      net.layers.forEach((l, k) =>
        l.w.assign(tf.randomNormal(l.w.shape, 0, 1, 'float32', seed + k)),
      ),
    );
  return { net, p, ctxAt, apply, calls, scramble };
}

describe('lottery-ticket rewinding', () => {
  it('rewinds the survivors to θ0, the seed’s initialisation, and restarts the optimizer', () => {
    const d = driven(lth, { target: 0.5, spareOutput: false });
    d.scramble(1); // "trained" dense weights
    d.apply(d.p.beforeStep!(d.ctxAt(0)));
    const theta0 = initialWeights(d.net.layers[0]!, 4 * 8, createRng(5).fork('init'));
    expect(arr(d.net.layers[0]!.w)).toEqual(Array.from(theta0));
    expect(d.calls).toEqual(['setWeights@0', 'reset@0:restart:0']);
    // The mask came from the trained weights, not from θ0: 20% pruned.
    const kept = arr(d.net.layers[0]!.wMask).reduce((a, b) => a + b, 0);
    expect(kept).toBeLessThan(32);
    d.p.dispose();
    d.net.dispose();
  });

  it('rewinds to θk: θ0 trained k steps, and the LR schedule carries on from step k', () => {
    const d = driven(lth, { target: 0.5, spareOutput: false, rewind: 'step', rewindStep: 3 });
    d.scramble(1);
    d.p.beforeStep!(d.ctxAt(0)); // switches to θ0 for the k pre-training steps
    for (const t of [1, 2]) d.p.beforeStep!(d.ctxAt(t));
    d.scramble(2); // θ3, as training would have left it
    const theta3 = arr(d.net.layers[0]!.w);
    d.apply(d.p.beforeStep!(d.ctxAt(3))); // level 1: prune, rewind to θ3
    expect(arr(d.net.layers[0]!.w)).toEqual(theta3);
    const plan = impLevelPlan(
      {
        ...lth.resolve({}, d.net.layers),
        target: 0.5,
        spareOutput: false,
        rewind: 'step',
        rewindStep: 3,
      },
      shapesOf(d.net.layers),
      40,
    );
    const level2 = plan.levels[1]!.start;
    for (let t = 4; t < level2; t++) d.p.beforeStep!(d.ctxAt(t));
    d.scramble(3);
    d.apply(d.p.beforeStep!(d.ctxAt(level2)));
    expect(arr(d.net.layers[0]!.w)).toEqual(theta3);
    expect(d.calls).toContain(`reset@${level2}:restart:3`);
    d.p.dispose();
    d.net.dispose();
  });

  it('IMP without rewinding keeps the trained weights (fine-tuning)', () => {
    const d = driven(imp, { target: 0.5, spareOutput: false });
    d.scramble(1);
    const before = arr(d.net.layers[0]!.w);
    d.apply(d.p.beforeStep!(d.ctxAt(0)));
    expect(arr(d.net.layers[0]!.w)).toEqual(before);
    const m = arr(d.net.layers[0]!.wMask);
    // Survivors are the largest |w| globally: every kept |w| ≥ every pruned |w| of the layer.
    const keptMin = Math.min(...before.filter((_, i) => m[i] === 1).map(Math.abs));
    const prunedMax = Math.max(...before.filter((_, i) => m[i] === 0).map(Math.abs));
    expect(keptMin).toBeGreaterThanOrEqual(prunedMax);
    d.p.dispose();
    d.net.dispose();
  });

  it('spares the output layer by default (open_lth ignores fc.weight)', () => {
    const d = driven(imp, { target: 0.3 });
    d.scramble(1);
    d.apply(d.p.beforeStep!(d.ctxAt(0)));
    expect(arr(d.net.layers[1]!.wMask).every((v) => v === 1)).toBe(true);
    d.p.dispose();
    d.net.dispose();
  });

  it('control "random mask": same count per layer as magnitude, at random places', () => {
    const a = driven(lth, { target: 0.5, spareOutput: false });
    const b = driven(lth, { target: 0.5, spareOutput: false, control: 'randomMask' });
    a.scramble(1);
    b.scramble(1);
    a.apply(a.p.beforeStep!(a.ctxAt(0)));
    b.apply(b.p.beforeStep!(b.ctxAt(0)));
    a.net.layers.forEach((l, k) => {
      const ma = arr(l.wMask);
      const mb = arr(b.net.layers[k]!.wMask);
      expect(mb.reduce((x, y) => x + y, 0)).toBe(ma.reduce((x, y) => x + y, 0));
      if (k === 0) expect(mb).not.toEqual(ma);
    });
    for (const d of [a, b]) {
      d.p.dispose();
      d.net.dispose();
    }
  });

  it('control "new init": the same kind of mask, survivors rewound to a fresh xavier init', () => {
    const d = driven(lth, { target: 0.5, spareOutput: false, control: 'randomInit' });
    d.scramble(1);
    d.apply(d.p.beforeStep!(d.ctxAt(0)));
    const w = arr(d.net.layers[0]!.w);
    const theta0 = Array.from(initialWeights(d.net.layers[0]!, 32, createRng(5).fork('init')));
    expect(w).not.toEqual(theta0);
    const bound = Math.sqrt(3 / 4);
    for (const v of w) expect(Math.abs(v)).toBeLessThanOrEqual(bound);
    d.p.dispose();
    d.net.dispose();
  });

  it('reports a milestone at the end of each level that lands on a target', () => {
    const d = driven(imp, { target: 0.6, stops: [0.3], spareOutput: false });
    const ms = d.p.milestones!(40);
    expect(ms.map((m) => m.target)).toEqual([0.3, 0.6]);
    expect(ms[ms.length - 1]!.step).toBe(40);
    d.p.dispose();
    d.net.dispose();
  });

  it('refuses to rewind to θ0 when the dense start’s initialisation is unknown', () => {
    const net = new Network(architecture({ id: 'mlp', hidden: [8] }, [4], 3), createRng(1));
    expect(() =>
      lth.create(lth.resolve({ target: 0.5, spareOutput: false }, net.layers), {
        layers: net.layers,
        rng: createRng(1),
      }),
    ).toThrow(/initial weights/);
    net.dispose();
  });
});
