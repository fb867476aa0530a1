import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import type { PrunableLayer } from '../models/network';
import { keptMagnitudeThresholds } from './thresholds';
import type { MaskUpdates, PruneContext, Pruner, StepGradients } from './types';

/** Ways to rank weights: magnitude |w|, first-order Taylor |w·∂L/∂w|, or movement −Σ w·∂L/∂w. */
export const SALIENCY_IDS = ['magnitude', 'taylor', 'movement'] as const;
export type SaliencyId = (typeof SALIENCY_IDS)[number];
export const saliencySchema = z.enum(SALIENCY_IDS);

/** Magnitude (Han et al. 2015, §3): a weight matters as much as |w|. */
export function magnitudeScore(w: tf.Tensor): tf.Tensor {
  return tf.abs(w);
}

/**
 * First-order Taylor (Molchanov et al. 2019, eq. 3 with |·| in place of the square): the change in
 * loss if w were set to 0 is about |w · ∂L/∂w|.
 */
export function taylorScore(w: tf.Tensor, g: tf.Tensor): tf.Tensor {
  return tf.abs(tf.mul(w, g));
}

/** One step of movement (Sanh et al. 2020, §4: S ← S − α_S · ∂L/∂W · W, with α_S = 1). */
export function movementStep(w: tf.Tensor, g: tf.Tensor): tf.Tensor {
  return tf.neg(tf.mul(w, g));
}

/**
 * Per-layer weight scores for a method that ranks weights. Magnitude reads the weights when asked;
 * Taylor averages |w·g| over the steps since the last `restart` (Molchanov et al. accumulate over
 * mini-batches between prunes); movement sums −w·g over the whole run.
 */
export class SaliencyTracker {
  private acc: tf.Tensor[] | null = null;
  private steps = 0;

  constructor(readonly kind: SaliencyId) {}

  /** Whether `observe` must be fed gradients (Taylor and movement). */
  get needsGradients(): boolean {
    return this.kind !== 'magnitude';
  }

  /** Folds in one step's dense gradients ∂L/∂(W⊙T) (call from afterGradients). */
  observe(layers: readonly PrunableLayer[], grads: StepGradients): void {
    if (!this.needsGradients) return;
    const next = layers.map((l, k) =>
      tf.tidy(() => {
        const g = grads.w[k]!;
        const s = this.kind === 'taylor' ? taylorScore(l.w, g) : movementStep(l.w, g);
        const prev = this.acc?.[k];
        return tf.keep(prev ? tf.add(prev, s) : s);
      }),
    );
    this.acc?.forEach((t) => t.dispose());
    this.acc = next;
    this.steps++;
  }

  /** The score of every weight of layer k (a new tensor; the caller's tidy owns it). */
  scores(layers: readonly PrunableLayer[], k: number): tf.Tensor {
    const l = layers[k]!;
    if (this.kind === 'magnitude' || !this.acc) return magnitudeScore(tf.mul(l.w, l.wMask));
    const acc = this.acc[k]!;
    return this.kind === 'taylor' ? tf.div(acc, Math.max(1, this.steps)) : tf.clone(acc);
  }

  /** Starts a new Taylor averaging window (after a prune); movement keeps its running sum. */
  restart(): void {
    if (this.kind !== 'taylor') return;
    this.acc?.forEach((t) => t.dispose());
    this.acc = null;
    this.steps = 0;
  }

  dispose(): void {
    this.acc?.forEach((t) => t.dispose());
    this.acc = null;
  }
}

/** The hooks `trackedPruneHooks` builds; `beforeStep` and `dispose` are always there. */
export type TrackedPruneHooks = Required<Pick<Pruner, 'beforeStep' | 'dispose'>> &
  Pick<Pruner, 'afterGradients' | 'thresholds'>;

/**
 * The hooks of a method that prunes on its own schedule by `tracker`'s scores. Ranking by |w| it
 * prunes before the forward pass; Taylor and movement first fold in the step's dense gradients and
 * prune after them (`afterGradients` is true then). Given `thresholdLayers`, a |w| ranking also
 * shows the k-th largest |w| of each of those layers on the charts: where the next prune would cut.
 */
export function trackedPruneHooks(
  tracker: SaliencyTracker,
  prune: (ctx: PruneContext, afterGradients: boolean) => MaskUpdates | null,
  thresholdLayers?: readonly PrunableLayer[],
): TrackedPruneHooks {
  return {
    beforeStep: (ctx) => (tracker.needsGradients ? null : prune(ctx, false)),
    afterGradients: tracker.needsGradients
      ? (ctx: PruneContext, grads: StepGradients) => {
          tracker.observe(ctx.layers, grads);
          return prune(ctx, true);
        }
      : undefined,
    thresholds:
      thresholdLayers && tracker.kind === 'magnitude'
        ? () => keptMagnitudeThresholds(thresholdLayers)
        : undefined,
    dispose: () => tracker.dispose(),
  };
}
