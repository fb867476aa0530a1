import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { keptWeightsFor, shapesOf, sparedLayers, uniformAllocation, weightCount } from '../budget';
import { parseWith, withDefaults } from '../config';
import { topkMask } from '../masks';
import { movementStep } from '../saliency';
import { cubicKeepFraction } from '../schedules';
import type { MaskUpdates, PruneContext, PrunerSpec, StepGradients } from '../types';

/** Movement pruning settings; the warm-ups are fractions of the budget. */
export interface MovementConfig {
  /** Final sparsity (weights and biases; biases are not pruned). */
  readonly target: number;
  /** Steps at the start that keep every weight (the authors' `initial_warmup`). */
  readonly initialWarmup: number;
  /** Steps at the end held at the final sparsity (`final_warmup`). */
  readonly finalWarmup: number;
  /** Steps between mask updates (the authors' code recomputes TopK(S) every forward pass). */
  readonly frequency: number;
  /** Leave the output layer dense (the authors prune the encoder, not the task head). */
  readonly spareOutput: boolean;
}

const schema = z.strictObject({
  target: z.number().gt(0).lt(1).optional(),
  initialWarmup: z.number().min(0).lt(1).optional(),
  finalWarmup: z.number().min(0).lt(1).optional(),
  frequency: z.number().int().positive().optional(),
  spareOutput: z.boolean().optional(),
});

/**
 * Movement pruning, hard top-k variant (Sanh, Wolf & Rush 2020): scores S accumulate −W·∂L/∂W
 * (the straight-through gradient of the mask), each layer keeps its top v% of S, and v falls along
 * the cubic schedule. Pruned weights keep their values and come back if their score rises.
 */
export const movement: PrunerSpec<MovementConfig> = {
  id: 'movement',
  title: 'Movement pruning',
  summary:
    'Keeps the weights moving away from zero: scores sum −w·∂L/∂w and each layer keeps its top-k scores, k falling on a cubic schedule (Sanh, Wolf & Rush 2020).',
  gradient: 'masked',
  prunedWeights: 'keep',
  canRegrow: true,
  sparsity: 'target',
  // Authors' SQuAD recipe: warmup_steps 5400 of ~55k steps, initial_warmup 1, final_warmup 2
  schema,
  defaults: () => ({
    target: 0.9,
    initialWarmup: 0.1,
    finalWarmup: 0.2,
    frequency: 1,
    spareOutput: true,
  }),
  resolve(input, layers) {
    const c = withDefaults(movement.defaults(layers), parseWith(schema, input, 'movement'));
    if (c.initialWarmup + c.finalWarmup >= 1)
      throw new Error('movement: initialWarmup + finalWarmup must leave part of the budget');
    return c;
  },
  create(cfg, info) {
    const shapes = shapesOf(info.layers);
    const spared = sparedLayers(info.layers.length, cfg.spareOutput);
    const finalCounts = uniformAllocation(keptWeightsFor(cfg.target, shapes), shapes, spared);
    const prunableWeights = shapes.reduce((s, l, k) => s + (spared[k] ? 0 : weightCount(l)), 0);
    const prunableKept = finalCounts.reduce((s, c, k) => s + (spared[k] ? 0 : c), 0);
    const finalKeep = prunableWeights > 0 ? prunableKept / prunableWeights : 1;
    const sparedWeights = shapes.reduce((s, l, k) => s + (spared[k] ? weightCount(l) : 0), 0);
    let scores: (tf.Tensor | null)[] | null = null;
    return {
      beforeStep(ctx: PruneContext): MaskUpdates | null {
        if (ctx.t % cfg.frequency !== 0) return null;
        const T = ctx.totalSteps;
        const v = cubicKeepFraction(ctx.t, {
          totalSteps: T,
          initial: 1,
          final: finalKeep,
          initialWarmup: Math.round(cfg.initialWarmup * T),
          finalWarmup: Math.round(cfg.finalWarmup * T),
        });
        if (v >= 1 || !scores) return null;
        const counts =
          v <= finalKeep
            ? finalCounts
            : uniformAllocation(Math.round(v * prunableWeights) + sparedWeights, shapes, spared);
        // Sanh et al. 2020, §4: M = Top_v(S), the layer's v% highest scores
        return ctx.layers.map((l, k) =>
          spared[k] ? null : { w: topkMask(scores![k]!, counts[k]!), b: tf.clone(l.bMask) },
        );
      },
      afterGradients(ctx: PruneContext, grads: StepGradients) {
        // Sanh et al. 2020, §4: S ← S − α_S · ∂L/∂(W⊙M) · W (straight-through), α_S = 1
        const next = ctx.layers.map((l, k) => {
          if (spared[k]) return null;
          const step = movementStep(l.w, grads.w[k]!);
          return tf.keep(scores?.[k] ? tf.add(scores[k]!, step) : step);
        });
        scores?.forEach((s) => s?.dispose());
        scores = next;
        return null;
      },
      dispose() {
        scores?.forEach((s) => s?.dispose());
        scores = null;
      },
    };
  },
};
