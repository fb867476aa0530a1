import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { broadcast, parseWith, perLayer } from '../config';
import { cutAndSplice } from '../masks';
import { surgeryProbability } from '../schedules';
import { nonzeroAbsStats } from '../thresholds';
import type { PrunableLayer } from '../../models/network';
import { createTaylorDns } from './dnsTaylor';
import type { LayerInfo, LayerThresholds, MaskUpdates, PrunerSpec } from '../types';

/** Dynamic Network Surgery settings; `c` and `iterStop` are per layer. */
export interface DnsConfig {
  /** Crate c: thr = max(μ + c·σ, 0) of |w| over the layer's nonzero weights and biases. */
  readonly c: readonly number[];
  /** Probability schedule (1 + γt)^-power of a mask update at step t. */
  readonly gamma: number;
  readonly power: number;
  /** Masks stop changing at this step (counted from the start of surgery). */
  readonly iterStop: readonly number[];
  /**
   * What the thresholds apply to: |w| (the paper, the default) or the first-order Taylor score
   * |w·∂L/∂w| (see `dnsTaylor.ts`).
   */
  readonly saliency?: 'magnitude' | 'taylor';
}

/**
 * Default c per layer, chosen by measurement on LeNet-300-100 / LeNet-5 (see README, "Choosing c").
 * Hidden fully-connected layers tolerate the most pruning; the output layer and convolutions less.
 */
export function defaultCrate(layers: readonly LayerInfo[]): number[] {
  return layers.map((l, k) => {
    const last = k === layers.length - 1;
    if (l.kind === 'conv2d') return k === 0 ? 1.0 : 2.0;
    if (last) return 2.0;
    return k === 0 ? 2.6 : 2.7;
  });
}

const schema = z.strictObject({
  c: perLayer.optional(),
  gamma: z.number().nonnegative().optional(),
  power: z.number().nonnegative().optional(),
  iterStop: perLayer.optional(),
  saliency: z.enum(['magnitude', 'taylor']).optional(),
});

/** Dynamic Network Surgery (Guo, Yao & Chen, NIPS 2016), as in the authors' Caffe code. */
export const dns: PrunerSpec<DnsConfig> = {
  id: 'dns',
  title: 'Dynamic Network Surgery',
  summary:
    'Cuts weights whose |w| falls below a and splices back pruned ones that grow past b; cut weights keep learning (Guo, Yao & Chen 2016).',
  gradient: 'dense',
  canRegrow: true,
  sparsity: 'threshold',
  defaults: (layers) => ({
    c: defaultCrate(layers),
    gamma: 1e-4,
    power: 1,
    iterStop: layers.map(() => 14000),
    saliency: 'magnitude',
  }),
  resolve(input, layers) {
    const p = parseWith(schema, input, 'dns');
    const d = dns.defaults(layers);
    return {
      c: p.c === undefined ? d.c : broadcast(p.c, layers, 'dns.c'),
      gamma: p.gamma ?? d.gamma,
      power: p.power ?? d.power,
      iterStop:
        p.iterStop === undefined ? d.iterStop : broadcast(p.iterStop, layers, 'dns.iterStop'),
      saliency: p.saliency ?? d.saliency,
    };
  },
  create(cfg) {
    if (cfg.saliency === 'taylor') return createTaylorDns(cfg);
    // Per layer, fixed at the first surgery step and never recomputed (Caffe: `if (std==0 && iter_==0)`).
    let bounds: { mu: tf.Scalar; sigma: tf.Scalar; a: tf.Scalar; b: tf.Scalar }[] | null = null;
    let cached: LayerThresholds[] | null = null;
    return {
      beforeStep(ctx): MaskUpdates {
        if (!bounds)
          bounds = ctx.layers.map((layer, k) =>
            tf.tidy(() => {
              const { mu, sigma } = nonzeroAbsStats(layer);
              // thr = max(μ + c·σ, 0); a = 0.9·thr, b = 1.1·thr (CCMaskCalc)
              const thr = tf.relu(tf.add(mu, tf.mul(sigma, cfg.c[k]!)));
              const a = tf.mul(thr, 0.9) as tf.Scalar;
              const b = tf.mul(thr, 1.1) as tf.Scalar;
              return { mu: tf.keep(mu), sigma: tf.keep(sigma), a: tf.keep(a), b: tf.keep(b) };
            }),
          );
        const p = surgeryProbability(ctx.t, cfg.gamma, cfg.power);
        return ctx.layers.map((layer, k) => {
          const r = ctx.random(); // one seeded draw per layer per step
          const bd = bounds![k]!;
          return ctx.t < cfg.iterStop[k]! && r < p ? cutAndSplice(layer, bd.a, bd.b) : null;
        });
      },
      async thresholds() {
        if (!bounds) return cfg.c.map(() => null);
        if (!cached) {
          const stacked = tf.stack(bounds.flatMap((b) => [b.mu, b.sigma, b.a, b.b]));
          const flat = await stacked.data();
          stacked.dispose();
          cached = bounds.map((_, k) => ({
            mu: flat[4 * k]!,
            sigma: flat[4 * k + 1]!,
            a: flat[4 * k + 2]!,
            b: flat[4 * k + 3]!,
          }));
        }
        return cached;
      },
      dispose() {
        for (const b of bounds ?? []) for (const t of [b.mu, b.sigma, b.a, b.b]) t.dispose();
        bounds = null;
      },
    };
  },
};

/**
 * The fraction of each layer's nonzero weights and biases that the first surgery step would cut
 * (|v| ≤ 0.9·max(μ + c·σ, 0)), so the lab can warn before a setting wipes out a layer.
 */
export async function predictFirstCut(
  layers: readonly PrunableLayer[],
  c: readonly number[],
): Promise<number[]> {
  const t = tf.tidy(() =>
    tf.stack(
      layers.map((layer, k) => {
        const { mu, sigma } = nonzeroAbsStats(layer);
        const a = tf.mul(tf.relu(tf.add(mu, tf.mul(sigma, c[k]!))), 0.9);
        const v = tf.abs(
          tf.concat([
            tf.reshape(tf.mul(layer.w, layer.wMask), [-1]),
            tf.reshape(tf.mul(layer.b, layer.bMask), [-1]),
          ]),
        );
        const nonzero = tf.cast(tf.greater(v, 0), 'float32');
        const cut = tf.sum(tf.mul(nonzero, tf.cast(tf.lessEqual(v, a), 'float32')));
        return tf.div(cut, tf.maximum(tf.sum(nonzero), 1));
      }),
    ),
  );
  const v = await t.data();
  t.dispose();
  return Array.from(v);
}
