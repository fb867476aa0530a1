import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { parseWith, withDefaults } from '../config';
import { topkMask } from '../masks';
import { SaliencyTracker, saliencySchema, trackedPruneHooks } from '../saliency';
import type { SaliencyId } from '../saliency';
import { geometryOfLayers, structuredCost, unitMasks } from '../structure';
import type { LayerGeometry } from '../structure';
import type { MaskUpdates, PruneContext, PrunerSpec } from '../types';

/** Structured (neuron / filter) pruning settings. */
export interface StructuredConfig {
  /** Sparsity of weights and biases, counting the inputs that removed units make dead. */
  readonly target: number;
  /** Unit score: magnitude = L1 norm of its incoming weights (Li et al. 2017); taylor; movement. */
  readonly saliency: SaliencyId;
}

const schema = z.strictObject({
  target: z.number().gt(0).lt(1).optional(),
  saliency: saliencySchema.optional(),
});

/**
 * Units kept per layer for a target: the same fraction of every hidden layer (the output layer
 * keeps all its classes), the fraction whose real parameter count (dead inputs included) comes
 * closest to 1 − target.
 */
export function unitsForTarget(geometry: readonly LayerGeometry[], target: number): number[] {
  const last = geometry.length - 1;
  const maxUnits = Math.max(...geometry.map((g) => g.units));
  let best: number[] = geometry.map((g) => g.units);
  let bestGap = Infinity;
  for (let i = 1; i <= maxUnits; i++) {
    const r = i / maxUnits;
    const kept = geometry.map((g, l) =>
      l === last ? g.units : Math.max(1, Math.round(r * g.units)),
    );
    const c = structuredCost(geometry, kept);
    const gap = Math.abs(c.keptParams / c.denseParams - (1 - target));
    if (gap < bestGap) {
      best = kept;
      bestGap = gap;
    }
  }
  return best;
}

/**
 * Structured pruning (Li et al. 2017, "Pruning Filters for Efficient ConvNets"): once, on the
 * trained dense start, remove the hidden neurons / conv filters with the smallest L1 norm of their
 * incoming weights, the same fraction in every hidden layer, with the inputs they fed; then
 * fine-tune. `structuredCost` gives the real drop in parameters and FLOPs.
 */
export const structured: PrunerSpec<StructuredConfig> = {
  id: 'structured',
  title: 'Structured pruning (neurons / filters)',
  summary:
    'Removes whole hidden neurons or conv filters with the smallest L1 norm, and the inputs they fed, so the network really shrinks; then fine-tunes (Li et al. 2017).',
  gradient: 'masked',
  canRegrow: false,
  sparsity: 'target',
  schema,
  defaults: () => ({ target: 0.9, saliency: 'magnitude' }),
  resolve: (input, layers) =>
    withDefaults(structured.defaults(layers), parseWith(schema, input, 'structured')),
  create(cfg, info) {
    const geometry = geometryOfLayers(info.layers);
    const counts = unitsForTarget(geometry, cfg.target);
    const tracker = new SaliencyTracker(cfg.saliency);
    const prune = (ctx: PruneContext): MaskUpdates | null => {
      if (ctx.t !== 0) return null;
      const last = ctx.layers.length - 1;
      const keep = ctx.layers.map((l, k) => {
        if (k === last) return tf.ones([l.cols]);
        // Li et al. 2017, §3.1: s_j = Σ |K_j|, the L1 norm of filter j's kernel weights
        const unitScore = tf.sum(tf.reshape(tracker.scores(ctx.layers, k), [-1, l.cols]), 0);
        return topkMask(unitScore, counts[k]!);
      });
      const masks = unitMasks(ctx.layers, keep);
      return ctx.layers.map((l, k) => ({
        w: tf.mul(masks[k]!, l.wMask),
        b: tf.mul(keep[k]!, l.bMask),
      }));
    };
    return trackedPruneHooks(tracker, prune);
  },
};
