import * as tf from '@tensorflow/tfjs';
import { hysteresisMask } from '../masks';
import { taylorScore } from '../saliency';
import { surgeryProbability } from '../schedules';
import type { MaskUpdates, PruneContext, Pruner, StepGradients } from '../types';
import type { DnsConfig } from './dns';

/** Weight of the previous scores in the running average of |w·g| (smooths one batch's noise). */
export const TAYLOR_SCORE_MOMENTUM = 0.9;

/**
 * DNS with the first-order Taylor score in place of |w|: the same hysteresis (Guo et al. 2016,
 * eq. 3), thresholds fixed at the first surgery step from μ + c·σ, the same probability schedule,
 * applied to v = |w·∂L/∂(W⊙T)| (a running average over steps). The Taylor score shrinks as the
 * loss falls, so v is divided by its mean over the layer's kept entries every step; the fixed
 * thresholds then mean the same thing all run long. For a cut entry w is its hidden weight, so v
 * is the first-order loss change of splicing it back. Surgery runs once the step's gradient exists
 * (afterGradients), before the update.
 */
export function createTaylorDns(cfg: DnsConfig): Pruner {
  let ema: { w: tf.Tensor; b: tf.Tensor }[] | null = null;
  let bounds: { a: tf.Scalar; b: tf.Scalar }[] | null = null;
  return {
    afterGradients(ctx: PruneContext, grads: StepGradients): MaskUpdates {
      const next = ctx.layers.map((l, k) => {
        const sw = taylorScore(l.w, grads.w[k]!);
        const sb = taylorScore(l.b, grads.b[k]!);
        const prev = ema?.[k];
        const m = TAYLOR_SCORE_MOMENTUM;
        return {
          w: tf.keep(prev ? tf.add(tf.mul(prev.w, m), tf.mul(sw, 1 - m)) : sw),
          b: tf.keep(prev ? tf.add(tf.mul(prev.b, m), tf.mul(sb, 1 - m)) : sb),
        };
      });
      for (const e of ema ?? []) for (const t of [e.w, e.b]) t.dispose();
      ema = next;
      // v = score / mean of the score over the layer's kept weights and biases
      const v = ctx.layers.map((l, k) => {
        const e = next[k]!;
        const kept = tf.maximum(tf.add(tf.sum(l.wMask), tf.sum(l.bMask)), 1);
        const mean = tf.div(
          tf.add(tf.sum(tf.mul(e.w, l.wMask)), tf.sum(tf.mul(e.b, l.bMask))),
          kept,
        );
        const scale = tf.div(1, tf.maximum(mean, 1e-30));
        return { w: tf.mul(e.w, scale), b: tf.mul(e.b, scale), mask: [l.wMask, l.bMask] as const };
      });
      if (!bounds)
        bounds = v.map((s, k) => {
          // μ and σ over the nonzero entries, as the Caffe code does for |w|
          const all = tf.concat([
            tf.reshape(tf.mul(s.w, s.mask[0]), [-1]),
            tf.reshape(tf.mul(s.b, s.mask[1]), [-1]),
          ]);
          const n = tf.maximum(tf.sum(tf.cast(tf.greater(all, 0), 'float32')), 1);
          const mu = tf.div(tf.sum(all), n);
          const sigma = tf.sqrt(tf.relu(tf.sub(tf.div(tf.sum(tf.square(all)), n), tf.square(mu))));
          const thr = tf.relu(tf.add(mu, tf.mul(sigma, cfg.c[k]!)));
          return {
            a: tf.keep(tf.mul(thr, 0.9) as tf.Scalar),
            b: tf.keep(tf.mul(thr, 1.1) as tf.Scalar),
          };
        });
      const p = surgeryProbability(ctx.t, cfg.gamma, cfg.power);
      return ctx.layers.map((l, k) => {
        const r = ctx.random(); // one seeded draw per layer per step, as in magnitude DNS
        const bd = bounds![k]!;
        if (!(ctx.t < cfg.iterStop[k]! && r < p)) return null;
        return {
          w: hysteresisMask(v[k]!.w, l.wMask, bd.a, bd.b),
          b: hysteresisMask(v[k]!.b, l.bMask, bd.a, bd.b),
        };
      });
    },
    // The thresholds are in units of the mean Taylor score, not |w|: nothing to draw on |w| charts.
    thresholds: () => Promise.resolve(cfg.c.map(() => null)),
    dispose() {
      for (const e of ema ?? []) for (const t of [e.w, e.b]) t.dispose();
      for (const b of bounds ?? []) for (const t of [b.a, b.b]) t.dispose();
      ema = null;
      bounds = null;
    },
  };
}
