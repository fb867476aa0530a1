import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MlpSpec, SparseMode } from '../../../src/core/kernels/mlpKernel';
import { MlpKernel } from '../../../src/core/kernels/mlpKernel';
import { hysteresisOnHost, maskChangesOnHost } from '../../../src/core/pruning/masks';
import { createRng } from '../../../src/core/rng';
import { loadMlpModule } from '../../../src/node/kernels';
import { backend } from '../../helpers/tf';

beforeAll(() => backend('cpu'));

/** A random MLP problem: sizes, 0/1 masks at a density, inputs with zeros, labels. */
interface Case {
  sizes: number[];
  rows: number;
  batch: number;
  density: number;
  zeros: number;
  seed: number;
  sparse: SparseMode;
}

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    sizes: fc.array(fc.integer({ min: 1, max: 37 }), { minLength: 3, maxLength: 5 }),
    rows: fc.integer({ min: 1, max: 9 }),
    extra: fc.integer({ min: 0, max: 3 }),
    density: fc.constantFrom(0, 0.02, 0.1, 0.5, 1),
    zeros: fc.constantFrom(0, 0.3, 0.8),
    seed: fc.integer({ min: 1, max: 1e6 }),
    sparse: fc.constantFrom<SparseMode>('auto', 'dense', 'sparse'),
  })
  .map(({ extra, ...c }) => ({
    ...c,
    sizes: c.sizes.map((s, i) => (i === c.sizes.length - 1 ? Math.max(2, s) : s)),
    batch: c.rows + extra,
  }));

interface Problem {
  x: Float32Array;
  labels: Int32Array;
  w: Float32Array[];
  b: Float32Array[];
  tw: Float32Array[];
  tb: Float32Array[];
}

function problem(c: Case): Problem {
  const rng = createRng(c.seed);
  const u = () => rng.next() * 2 - 1;
  const L = c.sizes.length - 1;
  const x = Float32Array.from({ length: c.rows * c.sizes[0]! }, () =>
    rng.next() < c.zeros ? 0 : u(),
  );
  const labels = Int32Array.from({ length: c.rows }, () => Math.floor(rng.next() * c.sizes[L]!));
  const mk = (k: number, f: () => number) =>
    Float32Array.from({ length: c.sizes[k]! * c.sizes[k + 1]! }, f);
  const ks = [...Array(L).keys()];
  return {
    x,
    labels,
    w: ks.map((k) => mk(k, u)),
    b: ks.map((k) => Float32Array.from({ length: c.sizes[k + 1]! }, () => 0.1 * u())),
    tw: ks.map((k) => mk(k, () => (rng.next() < c.density ? 1 : 0))),
    tb: ks.map((k) =>
      Float32Array.from({ length: c.sizes[k + 1]! }, () => (rng.next() < 0.8 ? 1 : 0)),
    ),
  };
}

function kernelFor(c: Case, p: Problem, over: Partial<MlpSpec> = {}): MlpKernel {
  const L = c.sizes.length - 1;
  const k = new MlpKernel(loadMlpModule(), {
    sizes: c.sizes,
    relu: [...Array(L).keys()].map((i) => i < L - 1),
    batch: c.batch,
    masked: true,
    gradient: 'dense',
    zeroPruned: true,
    sparse: c.sparse,
    ...over,
  });
  for (let i = 0; i < L; i++) {
    k.setParams(i, p.w[i]!, p.b[i]!);
    k.setMasks(i, p.tw[i]!, p.tb[i]!);
  }
  k.input.set(p.x);
  k.targets.set(p.labels);
  return k;
}

/** The tfjs reference: loss of the network on W⊙T, b⊙Tb (the trainer's forward pass). */
function tfLoss(c: Case, p: Problem, masked = true) {
  const L = c.sizes.length - 1;
  const x = tf.tensor2d(p.x, [c.rows, c.sizes[0]!]);
  const y = tf.oneHot(tf.tensor1d(p.labels, 'int32'), c.sizes[L]!).toFloat();
  const eff = [...Array(L).keys()].flatMap((k) => {
    const w = tf.tensor2d(p.w[k]!, [c.sizes[k]!, c.sizes[k + 1]!]);
    const b = tf.tensor1d(p.b[k]!);
    return masked
      ? [tf.mul(w, tf.tensor2d(p.tw[k]!, w.shape)), tf.mul(b, tf.tensor1d(p.tb[k]!))]
      : [w, b];
  });
  const logitsOf = (ps: tf.Tensor[]) => {
    let h: tf.Tensor2D = x;
    for (let k = 0; k < L; k++)
      h = tf.fused.matMul({
        a: h,
        b: ps[2 * k] as tf.Tensor2D,
        bias: ps[2 * k + 1]!,
        activation: k < L - 1 ? 'relu' : 'linear',
      }) as tf.Tensor2D;
    return h;
  };
  const lossOf = (...ps: tf.Tensor[]) =>
    tf.losses.softmaxCrossEntropy(y, logitsOf(ps)) as tf.Scalar;
  return { eff, logitsOf, lossOf };
}

function close(a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-4): void {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++)
    worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / (1 + Math.abs(b[i]!)));
  expect(worst).toBeLessThan(tol);
}

describe('MlpKernel against the tfjs cpu backend', () => {
  it('computes the logits of W⊙T', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const p = problem(c);
        const k = kernelFor(c, p);
        const ref = tf.tidy(() => {
          const r = tfLoss(c, p);
          return r.logitsOf(r.eff).dataSync();
        });
        close(k.forward(c.rows), ref);
      }),
      { numRuns: 40 },
    );
  });

  it('computes the loss and the dense gradients ∂L/∂(W⊙T), ∂L/∂(b⊙Tb)', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const p = problem(c);
        const g = kernelFor(c, p).gradients(c.rows);
        tf.tidy(() => {
          const r = tfLoss(c, p);
          const { value, grads } = tf.valueAndGrads(r.lossOf)(r.eff);
          expect(g.loss).toBeCloseTo(value.dataSync()[0]!, 4);
          g.w.forEach((gw, i) => close(gw, grads[2 * i]!.dataSync()));
          g.b.forEach((gb, i) => close(gb, grads[2 * i + 1]!.dataSync()));
        });
      }),
      { numRuns: 40 },
    );
  });

  it('counts argmax hits', () => {
    const c: Case = {
      sizes: [5, 4, 3],
      rows: 6,
      batch: 6,
      density: 1,
      zeros: 0,
      seed: 3,
      sparse: 'auto',
    };
    const p = problem(c);
    const k = kernelFor(c, p);
    const logits = k.forward(c.rows);
    let hits = 0;
    for (let r = 0; r < c.rows; r++) {
      const row = Array.from(logits.subarray(r * 3, r * 3 + 3));
      if (row.indexOf(Math.max(...row)) === p.labels[r]) hits++;
    }
    expect(k.gradients(c.rows).correct).toBe(hits);
  });

  const modes = [
    { name: 'dense baseline (no masks)', masked: false, gradient: 'dense', zeroPruned: false },
    { name: 'DNS: dense gradient through W⊙T', masked: true, gradient: 'dense', zeroPruned: false },
    {
      name: 'masked gradient, pruned weights zeroed',
      masked: true,
      gradient: 'masked',
      zeroPruned: true,
    },
    {
      name: 'masked gradient, pruned weights kept',
      masked: true,
      gradient: 'masked',
      zeroPruned: false,
    },
  ] as const;

  it.each(modes)('takes three Caffe SGD steps as the trainer does: $name', (mode) => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const p = problem(c);
        const k = kernelFor(c, p, mode);
        const sgd = { lr: 0.05, biasLrMult: 2, momentum: 0.9, weightDecay: 5e-3 };
        const L = c.sizes.length - 1;
        // Reference: the trainer's order (gradient w.r.t. the effective params, masked when asked,
        // then V ← μV + η(g + λW), held at zero on pruned entries when masked; W ← W − V; then
        // pruned weights zeroed).
        const ws = [...p.w.map((w) => w.slice())];
        const bs = [...p.b.map((b) => b.slice())];
        const vw = p.w.map((w) => new Float32Array(w.length));
        const vb = p.b.map((b) => new Float32Array(b.length));
        for (let s = 0; s < 3; s++) {
          k.step(c.rows, sgd);
          const cur = { ...p, w: ws.map((w) => w.slice()), b: bs.map((b) => b.slice()) };
          const grads = tf.tidy(() => {
            const r = tfLoss(c, cur, mode.masked);
            return tf
              .grads(r.lossOf)(r.eff)
              .map((g) => g.dataSync().slice());
          });
          for (let i = 0; i < L; i++) {
            for (const [vals, vel, g, t, mult] of [
              [ws[i]!, vw[i]!, grads[2 * i]!, p.tw[i]!, 1],
              [bs[i]!, vb[i]!, grads[2 * i + 1]!, p.tb[i]!, sgd.biasLrMult],
            ] as const)
              for (let j = 0; j < vals.length; j++) {
                const gj =
                  (mode.gradient === 'masked' ? g[j]! * t[j]! : g[j]!) + sgd.weightDecay * vals[j]!;
                vel[j] = sgd.momentum * vel[j]! + sgd.lr * mult * gj;
                if (mode.gradient === 'masked') vel[j] = vel[j]! * t[j]!;
                vals[j] = vals[j]! - vel[j]!;
                if (mode.gradient === 'masked' && mode.zeroPruned) vals[j] = vals[j]! * t[j]!;
              }
          }
        }
        for (let i = 0; i < L; i++) {
          close(k.params(i).w, ws[i]!);
          close(k.params(i).b, bs[i]!);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('refuses more rows than its batch', () => {
    const c: Case = {
      sizes: [3, 2],
      rows: 2,
      batch: 2,
      density: 1,
      zeros: 0,
      seed: 1,
      sparse: 'auto',
    };
    expect(() => kernelFor(c, problem(c)).forward(3)).toThrow(/1 to 2 rows/);
  });

  it('applies the hysteresis rule and counts and records each change as the tfjs code does', () => {
    fc.assert(
      fc.property(caseArb, fc.double({ min: 0, max: 0.9, noNaN: true }), (c, lo) => {
        const p = problem(c);
        const kernel = kernelFor(c, p, { trackEvents: true });
        const a = lo;
        const b = lo + 0.2;
        // Twice: the second pass starts from the first one's masks and adds to the lifetime counts.
        const totals = p.tw.map((t) => ({
          cut: new Float32Array(t.length),
          spl: new Float32Array(t.length),
        }));
        const masks = p.tw.map((t, k) => ({ w: t, b: p.tb[k]! }));
        for (let pass = 0; pass < 2; pass++) {
          if (pass === 1) {
            kernel.acknowledgeEvents();
            // Moved weights, so that some pruned ones grow past b and some alive ones fall under a.
            p.w.forEach((w, k) => {
              const moved = w.map((x, i) => (i % 3 === 0 ? x * 0.3 : x * 1.7));
              p.w[k] = moved;
              kernel.setParams(k, moved, p.b[k]!);
            });
          }
          p.w.forEach((w, k) => {
            const got = kernel.hysteresis(k, a, b);
            const want = tf.tidy(() => {
              const shape = [w.length];
              const as = tf.scalar(a);
              const bs = tf.scalar(b);
              const nw = hysteresisOnHost(
                tf.tensor(w, shape),
                tf.tensor(masks[k]!.w, shape),
                as,
                bs,
              );
              const nb = hysteresisOnHost(tf.tensor(p.b[k]!), tf.tensor(masks[k]!.b), as, bs);
              const cw = maskChangesOnHost(tf.tensor(masks[k]!.w, shape), nw, true);
              const cb = maskChangesOnHost(tf.tensor(masks[k]!.b), nb);
              return {
                w: nw.dataSync() as Float32Array,
                b: nb.dataSync() as Float32Array,
                cuts: cw.cuts.dataSync()[0]! + cb.cuts.dataSync()[0]!,
                splices: cw.splices.dataSync()[0]! + cb.splices.dataSync()[0]!,
                cut: (cw.cut?.dataSync() as Float32Array | undefined) ?? new Float32Array(w.length),
                spl:
                  (cw.spliced?.dataSync() as Float32Array | undefined) ??
                  new Float32Array(w.length),
              };
            });
            expect(got).toEqual({ cuts: want.cuts, splices: want.splices });
            expect(Array.from(kernel.masks(k).w)).toEqual(Array.from(want.w));
            expect(Array.from(kernel.masks(k).b)).toEqual(Array.from(want.b));
            const ev = kernel.events(k)!;
            totals[k]!.cut.forEach((_, i) => {
              totals[k]!.cut[i]! += want.cut[i]!;
              totals[k]!.spl[i]! += want.spl[i]!;
            });
            expect(Array.from(ev.cutSince)).toEqual(Array.from(want.cut));
            expect(Array.from(ev.splicedSince)).toEqual(Array.from(want.spl));
            expect(Array.from(ev.cutTotal)).toEqual(Array.from(totals[k]!.cut));
            expect(Array.from(ev.spliceTotal)).toEqual(Array.from(totals[k]!.spl));
            masks[k] = { w: want.w, b: want.b };
          });
        }
      }),
      { numRuns: 40 },
    );
  });

  it("copies in a method's masks, counting and recording the changes", () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 1, max: 1e6 }), (c, seed) => {
        const p = problem(c);
        const kernel = kernelFor(c, p, { trackEvents: true });
        const rng = createRng(seed);
        p.tw.forEach((old, k) => {
          // A new mask flipping about a third of the entries (the method's answer).
          const next = old.map((x) => (rng.next() < 0.3 ? 1 - x : x));
          const nextB = p.tb[k]!.map((x) => (rng.next() < 0.3 ? 1 - x : x));
          let cuts = 0;
          let splices = 0;
          old.forEach((x, i) => (next[i]! < x ? cuts++ : next[i]! > x ? splices++ : 0));
          p.tb[k]!.forEach((x, i) => (nextB[i]! < x ? cuts++ : nextB[i]! > x ? splices++ : 0));
          expect(kernel.replaceMasks(k, next, nextB)).toEqual({ cuts, splices });
          expect(Array.from(kernel.masks(k).w)).toEqual(Array.from(next));
          expect(Array.from(kernel.masks(k).b)).toEqual(Array.from(nextB));
          const ev = kernel.events(k)!;
          expect(Array.from(ev.cutSince)).toEqual(
            Array.from(old, (x, i) => (next[i]! < x ? 1 : 0)),
          );
          expect(Array.from(ev.splicedSince)).toEqual(
            Array.from(old, (x, i) => (next[i]! > x ? 1 : 0)),
          );
        });
      }),
      { numRuns: 40 },
    );
  });

  it('reads a snapshot of each layer as the tfjs ops of core/train/snapshot.ts do', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 1, max: 64 }), (c, bins) => {
        const p = problem(c);
        const kernel = kernelFor(c, p);
        p.w.forEach((w, k) => {
          const got = kernel.snapshot(k, bins, true);
          const want = tf.tidy(() => {
            const abs = tf.abs(tf.tensor1d(w));
            const maxAbs = tf.maximum(tf.max(abs), 1e-12);
            const idx = tf.cast(
              tf.clipByValue(tf.floor(tf.mul(tf.div(abs, maxAbs), bins)), 0, bins - 1),
              'int32',
            ) as tf.Tensor1D;
            const m = tf.tensor1d(p.tw[k]!);
            return {
              maxAbs: maxAbs.dataSync()[0]!,
              alive: Array.from(tf.bincount(idx, m, bins).dataSync()),
              pruned: Array.from(tf.bincount(idx, tf.sub(1, m) as tf.Tensor1D, bins).dataSync()),
            };
          });
          expect(got.histogram.maxAbs).toBe(want.maxAbs);
          expect(Array.from(got.histogram.alive)).toEqual(want.alive);
          expect(Array.from(got.histogram.pruned)).toEqual(want.pruned);
          const kept = [...p.tw[k]!, ...p.tb[k]!].filter((x) => x !== 0).length;
          expect(got.kept).toBe(kept);
          expect(Array.from(got.weights!)).toEqual(Array.from(w));
          expect(Array.from(got.state!)).toEqual(Array.from(p.tw[k]!));
        });
      }),
      { numRuns: 40 },
    );
  });
});
