import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import type { LayerInfo } from './types';
import type { PrunableLayer } from '../models/network';
import { erkAllocation, keptWeightsFor, shapesOf, sparedLayers, uniformAllocation } from './budget';
import { parseWith, withDefaults } from './config';
import { topkMask } from './masks';
import { cosineDecay } from './schedules';
import { keptMagnitudeThresholds } from './thresholds';
import type { CreateInfo, MaskUpdates, PruneContext, Pruner, StepGradients } from './types';

/** Sparse-to-sparse training (SET, RigL): a fixed budget whose connections move. */
export interface DynamicSparseConfig {
  /** Sparsity held from the first step to the last (biases are not pruned). */
  readonly target: number;
  /** How the budget is split over layers: Erdős–Rényi-Kernel or the same density everywhere. */
  readonly distribution: 'erk' | 'uniform';
  /** α: fraction of each layer's connections dropped at an update. */
  readonly dropFraction: number;
  readonly anneal: 'cosine' | 'constant';
  /** ΔT: steps between updates. */
  readonly deltaT: number;
  /** T_end: no updates after this fraction of the budget. */
  readonly end: number;
  /** The starting mask: random (the papers, from scratch) or the largest weights of the dense start. */
  readonly initMask: 'random' | 'magnitude';
  readonly spareOutput: boolean;
}

/** The settings SET and RigL accept. */
export const DYNAMIC_SPARSE_SCHEMA = z.strictObject({
  target: z.number().gt(0).lt(1).optional(),
  distribution: z.enum(['erk', 'uniform']).optional(),
  dropFraction: z.number().min(0).max(1).optional(),
  anneal: z.enum(['cosine', 'constant']).optional(),
  deltaT: z.number().int().positive().optional(),
  end: z.number().min(0).max(1).optional(),
  initMask: z.enum(['random', 'magnitude']).optional(),
  spareOutput: z.boolean().optional(),
});

/**
 * RigL's defaults (Evci et al. 2020, §4.1 and the MNIST script of google-research/rigl):
 * α = 0.3 cosine-annealed, ΔT = 100, T_end = 75% of training, ERK, random initial mask.
 */
export const DYNAMIC_SPARSE_DEFAULTS: DynamicSparseConfig = {
  target: 0.9,
  distribution: 'erk',
  dropFraction: 0.3,
  anneal: 'cosine',
  deltaT: 100,
  end: 0.75,
  initMask: 'random',
  spareOutput: false,
};

/** Fills and checks a SET / RigL config. */
export function resolveDynamicSparse(
  id: string,
  input: unknown,
  _layers: readonly LayerInfo[],
): DynamicSparseConfig {
  return withDefaults(DYNAMIC_SPARSE_DEFAULTS, parseWith(DYNAMIC_SPARSE_SCHEMA, input, id));
}

/** Per-layer kept weights of the budget. */
export function dynamicSparseCounts(
  cfg: DynamicSparseConfig,
  layers: readonly PrunableLayer[],
): number[] {
  const shapes = shapesOf(layers);
  const spared = sparedLayers(layers.length, cfg.spareOutput);
  const kept = keptWeightsFor(cfg.target, shapes);
  return cfg.distribution === 'erk'
    ? erkAllocation(kept, shapes, spared)
    : uniformAllocation(kept, shapes, spared);
}

/**
 * One drop-and-grow update of a layer (RigL `_get_update_op`): keep the n − d largest |w| (with
 * 1e-5 noise to break ties), then grow d of the other connections by `growScore`; grown weights
 * start at zero. `count` is the layer's budget, so no count is read back.
 */
function dropAndGrow(
  l: PrunableLayer,
  count: number,
  fraction: number,
  growScore: tf.Tensor,
  seed: number,
): { mask: tf.Tensor; grown: tf.Tensor } {
  const nDrop = Math.floor(count * fraction);
  // Evci et al. 2020, Alg. 1: I_drop = ArgTopK(−|θ|, d) → keep the n − d largest |θ|
  const scoreDrop = tf.add(
    tf.abs(tf.mul(l.w, l.wMask)),
    tf.randomNormal(l.w.shape, 0, 1e-5, 'float32', seed),
  );
  const kept = topkMask(scoreDrop, count - nDrop);
  // Alg. 1: I_grow = ArgTopK over the connections not kept, lifted below every kept one
  const lifted = tf.where(tf.greater(kept, 0), tf.fill(l.w.shape, -Infinity), growScore);
  const grown = topkMask(lifted, nDrop);
  return { mask: tf.add(kept, grown), grown: tf.mul(grown, tf.sub(1, l.wMask)) };
}

/** SET (random growth) or RigL (growth by |∂L/∂(W⊙T)|), one engine. */
export function createDynamicSparse(
  cfg: DynamicSparseConfig,
  info: CreateInfo,
  grow: 'random' | 'gradient',
): Pruner {
  const counts = dynamicSparseCounts(cfg, info.layers);
  const spared = sparedLayers(info.layers.length, cfg.spareOutput);
  const update = (ctx: PruneContext, grads: StepGradients | null): MaskUpdates | null => {
    const tEnd = Math.round(cfg.end * ctx.totalSteps);
    // RigL is_mask_update_iter: begin ≤ t ≤ end and t − last ≥ ΔT (last starts at −ΔT)
    if (ctx.t > tEnd || ctx.t % cfg.deltaT !== 0) return null;
    // Evci et al. 2020, eq. 1: f_decay(t) = α/2 · (1 + cos(π t / T_end))
    const fraction =
      cfg.anneal === 'cosine' ? cosineDecay(cfg.dropFraction, ctx.t, tEnd) : cfg.dropFraction;
    const results = ctx.layers.map((l, k) => {
      if (spared[k]) return null;
      const score =
        grow === 'gradient'
          ? tf.abs(grads!.w[k]!)
          : tf.randomUniform(l.w.shape, 0, 1, 'float32', ctx.rng.seed32());
      return dropAndGrow(l, counts[k]!, fraction, score, ctx.rng.seed32());
    });
    // New connections start at zero (RigL grow_init "zeros").
    ctx.actions.setWeights(
      ctx.layers.map((l, k) => {
        const r = results[k];
        return r ? { w: tf.mul(l.w, tf.sub(1, r.grown)), b: tf.clone(l.b) } : null;
      }),
    );
    return ctx.layers.map((l, k) => {
      const r = results[k];
      return r ? { w: r.mask, b: tf.clone(l.bMask) } : null;
    });
  };
  return {
    beforeStep(ctx) {
      if (ctx.t !== 0) return null;
      // The starting mask: random per layer (sparse_utils.get_mask_random) or by magnitude.
      return ctx.layers.map((l, k) => {
        if (spared[k]) return null;
        const score =
          cfg.initMask === 'random'
            ? tf.randomUniform(l.w.shape, 0, 1, 'float32', ctx.rng.seed32())
            : tf.abs(l.w);
        return { w: topkMask(score, counts[k]!), b: tf.clone(l.bMask) };
      });
    },
    // RigL updates masks in place of the weight update on its update steps.
    ...(grow === 'gradient'
      ? {
          afterGradients(ctx: PruneContext, grads: StepGradients) {
            const u = update(ctx, grads);
            if (u) ctx.actions.skipUpdate();
            return u;
          },
        }
      : // SET (RigL's SparseSETOptimizer): the optimizer step first, then the mask update.
        { afterUpdate: (ctx: PruneContext) => update(ctx, null) }),
    // The smallest kept |w| per layer: the next update drops from there up.
    thresholds: () => keptMagnitudeThresholds(info.layers),
    dispose() {},
  };
}
