import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { keptWeightsFor, shapesOf, sparedLayers, uniformAllocation, weightCount } from '../budget';
import { parseWith, withDefaults } from '../config';
import { aliveOnly, globalTopkMasks, topkMask } from '../masks';
import { SaliencyTracker, saliencySchema, trackedPruneHooks } from '../saliency';
import type { SaliencyId } from '../saliency';
import type { MaskUpdates, PruneContext, PrunerSpec } from '../types';

/** One-shot magnitude pruning settings. */
export interface OneshotConfig {
  /** Sparsity after the prune (weights and biases; biases are not pruned). */
  readonly target: number;
  readonly scope: 'global' | 'layer';
  readonly spareOutput: boolean;
  readonly saliency: SaliencyId;
  /** Step of the prune (0: at once, on the dense start); the rest of the budget fine-tunes. */
  readonly pruneStep: number;
  /** Fine-tune after the prune; false freezes the weights (the budget then only measures). */
  readonly fineTune: boolean;
}

const schema = z.strictObject({
  target: z.number().gt(0).lt(1).optional(),
  scope: z.enum(['global', 'layer']).optional(),
  spareOutput: z.boolean().optional(),
  saliency: saliencySchema.optional(),
  pruneStep: z.number().int().nonnegative().optional(),
  fineTune: z.boolean().optional(),
});

/**
 * One-shot magnitude pruning: one level of IMP (Frankle & Carbin 2019, "one-shot pruning";
 * open_lth sparse_global with the output layer ignored), then fine-tuning for the rest of the budget.
 */
export const oneshot: PrunerSpec<OneshotConfig> = {
  id: 'oneshot',
  title: 'One-shot magnitude pruning',
  summary:
    'Prunes the smallest weights once, straight to the target, then fine-tunes for the rest of the budget (one level of IMP; Frankle & Carbin 2019).',
  gradient: 'masked',
  canRegrow: false,
  sparsity: 'target',
  schema,
  defaults: () => ({
    target: 0.9,
    scope: 'global',
    spareOutput: true,
    saliency: 'magnitude',
    pruneStep: 0,
    fineTune: true,
  }),
  resolve: (input, layers) =>
    withDefaults(oneshot.defaults(layers), parseWith(schema, input, 'oneshot')),
  create(cfg, info) {
    const L = info.layers.length;
    const shapes = shapesOf(info.layers);
    const spared = sparedLayers(L, cfg.spareOutput);
    const kept = keptWeightsFor(cfg.target, shapes);
    const sparedWeights = shapes.reduce((s, l, k) => s + (spared[k] ? weightCount(l) : 0), 0);
    const counts = uniformAllocation(kept, shapes, spared); // checks the spared layers fit
    const tracker = new SaliencyTracker(cfg.saliency);
    const prune = (ctx: PruneContext): MaskUpdates | null => {
      if (ctx.t > cfg.pruneStep && !cfg.fineTune) ctx.actions.skipUpdate();
      if (ctx.t !== cfg.pruneStep) return null;
      if (!cfg.fineTune) ctx.actions.skipUpdate();
      const prunable = ctx.layers.map((_, k) => k).filter((k) => !spared[k]);
      const ranked = prunable.map((k) =>
        aliveOnly(tracker.scores(ctx.layers, k), ctx.layers[k]!.wMask),
      );
      const masks =
        cfg.scope === 'global'
          ? globalTopkMasks(ranked, kept - sparedWeights)
          : ranked.map((r, i) => topkMask(r, counts[prunable[i]!]!));
      ctx.actions.resetOptimizer();
      return ctx.layers.map((l, k) => {
        const i = prunable.indexOf(k);
        return i < 0 ? null : { w: masks[i]!, b: tf.clone(l.bMask) };
      });
    };
    return trackedPruneHooks(tracker, prune, info.layers);
  },
};
