import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { parseWith, withDefaults } from '../config';
import { disposeAll, freshInit } from '../rewind';
import type { PruneContext, PrunerSpec } from '../types';

/** Training under masks taken from another run (mask transfer). */
export interface FixedMaskConfig {
  /**
   * Replace the start's weights with a fresh Caffe-xavier draw before the first step (the
   * lottery-ticket "random reinitialisation" control, Frankle & Carbin 2019, §2), instead of
   * training the masked dense start.
   */
  readonly reinit: boolean;
}

const schema = z.strictObject({ reinit: z.boolean().optional() });

/**
 * A fixed mask: the run starts with masks from another run and never changes them; the masked
 * gradient (T⊙∂L/∂(W⊙T)) and zeroing after each update keep pruned weights at exactly zero.
 */
export const fixedMask: PrunerSpec<FixedMaskConfig> = {
  id: 'fixedMask',
  title: 'Fixed mask (from another run)',
  summary:
    "Trains with another run's masks and never changes them: does a mask transfer to another start, seed or dataset (Frankle & Carbin 2019's controls, across runs)?",
  gradient: 'masked',
  canRegrow: false,
  sparsity: 'none',
  needsMasks: true,
  schema,
  defaults: () => ({ reinit: false }),
  resolve(input, layers) {
    return withDefaults(fixedMask.defaults(layers), parseWith(schema, input, 'fixedMask'));
  },
  create(cfg, info) {
    return {
      beforeStep(ctx: PruneContext) {
        if (ctx.t !== 0) return null;
        // Pruned weights start at zero too, so W = W⊙T holds from the first step on.
        const fresh = cfg.reinit ? freshInit(ctx.layers, info.rng.fork('reinit')) : null;
        ctx.actions.setWeights(
          ctx.layers.map((l, k) => ({
            w: tf.mul(fresh?.[k]!.w ?? l.w, l.wMask),
            b: tf.mul(fresh?.[k]!.b ?? l.b, l.bMask),
          })),
        );
        disposeAll(fresh);
        return null;
      },
      dispose() {},
    };
  },
};
