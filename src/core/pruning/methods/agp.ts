import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { keptWeightsFor, shapesOf, sparedLayers, uniformAllocation } from '../budget';
import { parseWith, withDefaults } from '../config';
import { aliveOnly, topkMask } from '../masks';
import { SaliencyTracker, saliencySchema, trackedPruneHooks } from '../saliency';
import type { SaliencyId } from '../saliency';
import { constantSparsity, polynomialDecay } from '../schedules';
import type { Schedule } from '../schedules';
import type { MaskUpdates, PruneContext, PrunerSpec } from '../types';

/** Gradual magnitude pruning (AGP) settings; `begin` and `end` are fractions of the budget. */
export interface AgpConfig {
  /** Final sparsity (TFMOT `final_sparsity` / ConstantSparsity `target_sparsity`). */
  readonly target: number;
  /** TFMOT `initial_sparsity`. */
  readonly initial: number;
  /** `polynomial` (PolynomialDecay) or `constant` (ConstantSparsity). */
  readonly schedule: 'polynomial' | 'constant';
  /** First pruning step, as a fraction of the budget (TFMOT `begin_step`). */
  readonly begin: number;
  /** Last pruning step, as a fraction of the budget (TFMOT `end_step`). */
  readonly end: number;
  readonly power: number;
  /** Steps between prunes (TFMOT `frequency`). */
  readonly frequency: number;
  readonly spareOutput: boolean;
  readonly saliency: SaliencyId;
}

const fraction = z.number().min(0).max(1);
const schema = z.strictObject({
  target: z.number().gt(0).lt(1).optional(),
  initial: z.number().min(0).lt(1).optional(),
  schedule: z.enum(['polynomial', 'constant']).optional(),
  begin: fraction.optional(),
  end: fraction.optional(),
  power: z.number().positive().optional(),
  frequency: z.number().int().positive().optional(),
  spareOutput: z.boolean().optional(),
  saliency: saliencySchema.optional(),
});

/** First and last pruning step of a config for a budget of `totalSteps` steps. */
export function agpWindow(cfg: AgpConfig, totalSteps: number): { begin: number; end: number } {
  const last = Math.max(0, totalSteps - 1);
  const begin = Math.min(last, Math.round(cfg.begin * totalSteps));
  return { begin, end: Math.min(last, Math.max(begin, Math.round(cfg.end * totalSteps))) };
}

/** The TFMOT schedule of a config for a budget of `totalSteps` steps. */
export function agpSchedule(cfg: AgpConfig, totalSteps: number): Schedule {
  const { begin, end } = agpWindow(cfg, totalSteps);
  return cfg.schedule === 'constant'
    ? constantSparsity({ target: cfg.target, begin, end, frequency: cfg.frequency })
    : polynomialDecay({
        initial: cfg.initial,
        final: cfg.target,
        begin,
        end,
        power: cfg.power,
        frequency: cfg.frequency,
      });
}

/**
 * Automated gradual pruning (Zhu & Gupta 2017) with TFMOT's semantics: on every beat inside
 * [begin, end] each layer keeps its k largest |w| (k = round(n · (1 − s_t))); pruned weights stay
 * zero and never return.
 */
export const agp: PrunerSpec<AgpConfig> = {
  id: 'agp',
  title: 'Gradual magnitude pruning (AGP)',
  summary:
    'Raises sparsity along a cubic schedule, pruning each layer’s smallest weights every 100 steps; pruned weights stay zero (Zhu & Gupta 2017; TFMOT PolynomialDecay).',
  gradient: 'masked',
  canRegrow: false,
  sparsity: 'target',
  // TFMOT PolynomialDecay(power=3, frequency=100); begin 0 and end at 75% of the budget, the same
  // sparsifying window as RigL's T_end, so the last quarter trains at the final sparsity.
  schema,
  defaults: () => ({
    target: 0.9,
    initial: 0,
    schedule: 'polynomial',
    begin: 0,
    end: 0.75,
    power: 3,
    frequency: 100,
    spareOutput: false,
    saliency: 'magnitude',
  }),
  resolve: (input, layers) => withDefaults(agp.defaults(layers), parseWith(schema, input, 'agp')),
  create(cfg, info) {
    const shapes = shapesOf(info.layers);
    const spared = sparedLayers(info.layers.length, cfg.spareOutput);
    const tracker = new SaliencyTracker(cfg.saliency);
    uniformAllocation(keptWeightsFor(cfg.target, shapes), shapes, spared); // fits, or throws now
    let schedule: Schedule | null = null;
    const prune = (ctx: PruneContext): MaskUpdates | null => {
      schedule ??= agpSchedule(cfg, ctx.totalSteps);
      const at = schedule.at(ctx.t);
      // The last step of the window also prunes, so a window that is not a whole number of beats
      // still ends at the final sparsity (TFMOT leaves that to the user's choice of end_step).
      if (!at.prune && ctx.t !== agpWindow(cfg, ctx.totalSteps).end) return null;
      // TFMOT pruning_impl: k = round(size · (1 − sparsity)); keep the k largest |w| of each layer
      const counts = uniformAllocation(keptWeightsFor(at.sparsity, shapes), shapes, spared);
      const masks = ctx.layers.map((l, k) =>
        spared[k]
          ? null
          : {
              w: topkMask(aliveOnly(tracker.scores(ctx.layers, k), l.wMask), counts[k]!),
              b: tf.clone(l.bMask),
            },
      );
      tracker.restart();
      return masks;
    };
    return {
      ...trackedPruneHooks(tracker, prune, info.layers),
      explain({ t, totalSteps }) {
        const s = (schedule ??= agpSchedule(cfg, totalSteps));
        const at = s.at(t);
        const { end } = agpWindow(cfg, totalSteps);
        if (t > end)
          return `target sparsity ${pct(cfg.target)} reached at step ${end}; training on`;
        return at.prune || t === end
          ? `target sparsity ${pct(at.sparsity)} at this beat; each layer keeps its largest |w|`
          : `target sparsity ${pct(at.sparsity)} now; the next prune is on a beat of every ${cfg.frequency} steps`;
      },
    };
  },
};

const pct = (f: number): string => `${(100 * f).toFixed(1)}%`;
