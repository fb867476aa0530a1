import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { parseWith, withDefaults } from '../config';
import { aliveOnly } from '../masks';
import { SaliencyTracker, saliencySchema, trackedPruneHooks } from '../saliency';
import type { SaliencyId } from '../saliency';
import type { LayerInfo, MaskUpdates, PruneContext, PrunerSpec } from '../types';

/** N:M structured sparsity settings. */
export interface NmConfig {
  /** Kept weights per group. */
  readonly n: number;
  /** Group size: M consecutive weights along the input dimension. */
  readonly m: number;
  readonly saliency: SaliencyId;
}

const schema = z.strictObject({
  n: z.number().int().positive().optional(),
  m: z.number().int().positive().optional(),
  saliency: saliencySchema.optional(),
});

/** Whether N:M applies to a layer, and the note the UI shows when it does not. */
export interface NmLayerPlan {
  readonly name: string;
  readonly applied: boolean;
  /** Size of the input dimension the groups run along (dense: inputs; conv: input channels). */
  readonly inputSize: number;
  readonly note: string | null;
}

/** Size of the dimension N:M groups run along: dense inputs, or conv input channels (NVIDIA ASP). */
export function nmInputSize(weightShape: readonly number[]): number {
  return weightShape.length === 4 ? weightShape[2]! : weightShape[0]!;
}

/** Which layers N:M prunes: those whose input size is a multiple of M; the others are skipped. */
export function nmPlan(
  cfg: Pick<NmConfig, 'n' | 'm'>,
  layers: readonly { readonly name: string; readonly weightShape?: readonly number[] }[],
): NmLayerPlan[] {
  return layers.map((l) => {
    const inputSize = l.weightShape ? nmInputSize(l.weightShape) : 0;
    const applied = inputSize > 0 && inputSize % cfg.m === 0;
    const what = l.weightShape?.length === 4 ? 'input channels' : 'input size';
    return {
      name: l.name,
      applied,
      inputSize,
      note: applied
        ? null
        : l.weightShape
          ? `skipped: ${what} ${inputSize} is not a multiple of ${cfg.m}, so this layer stays dense`
          : 'skipped: weight shape unknown',
    };
  });
}

/**
 * An N:M mask: in every group of M consecutive weights along the input dimension, the N with the
 * highest score. Dense [in, out] groups run down each column; conv [k, k, c, f] groups run along c.
 */
export function nmMask(scores: tf.Tensor, n: number, m: number): tf.Tensor {
  return tf.tidy(() => {
    const shape = scores.shape;
    // Put the input dimension last: dense [out, in]; conv [k, k, f, c].
    const perm = shape.length === 4 ? [0, 1, 3, 2] : [1, 0];
    const t = tf.transpose(scores, perm);
    const groups = tf.reshape(t, [-1, m]);
    // Mishra et al. 2021 (NVIDIA ASP, m4n2_1d): keep the N largest of every M
    const { indices } = tf.topk(groups, n);
    const keep = tf.sum(tf.oneHot(indices, m), 1);
    return tf.transpose(tf.reshape(keep, t.shape), perm);
  });
}

/**
 * N:M sparsity (2:4 by default), as NVIDIA's ASP recipe: from the trained dense network, keep the 2
 * largest |w| of every 4 consecutive weights along the input dimension once, then fine-tune with the
 * pattern fixed. Layers whose input size is not a multiple of M are skipped (see `nmPlan`).
 */
export const nm: PrunerSpec<NmConfig> = {
  id: 'nm',
  title: 'N:M structured sparsity (2:4)',
  summary:
    'Keeps the 2 largest of every 4 consecutive weights along each input row, the pattern sparse tensor cores run fast, then fine-tunes (NVIDIA ASP; Mishra et al. 2021).',
  gradient: 'masked',
  canRegrow: false,
  sparsity: 'pattern',
  schema,
  defaults: () => ({ n: 2, m: 4, saliency: 'magnitude' }),
  resolve(input, layers) {
    const c = withDefaults(nm.defaults(layers), parseWith(schema, input, 'nm'));
    if (c.n > c.m) throw new Error(`nm: n (${c.n}) must not exceed m (${c.m})`);
    return c;
  },
  layerNotes: (cfg, layers: readonly LayerInfo[]) => nmPlan(cfg, layers).map((p) => p.note),
  create(cfg, info) {
    const plan = nmPlan(
      cfg,
      info.layers.map((l) => ({ name: l.name, weightShape: l.w.shape })),
    );
    const tracker = new SaliencyTracker(cfg.saliency);
    const prune = (ctx: PruneContext): MaskUpdates | null => {
      if (ctx.t !== 0) return null;
      return ctx.layers.map((l, k) =>
        plan[k]!.applied
          ? {
              // the pattern only removes weights: a weight pruned before stays pruned
              w: tf.mul(
                nmMask(aliveOnly(tracker.scores(ctx.layers, k), l.wMask), cfg.n, cfg.m),
                l.wMask,
              ),
              b: tf.clone(l.bMask),
            }
          : null,
      );
    };
    return trackedPruneHooks(tracker, prune);
  },
};
