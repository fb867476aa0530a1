import type * as tf from '@tensorflow/tfjs';
import type { PrunableLayer } from '../models/network';
import type { Rng } from '../rng';

/** Method ids, used by the CLI, the URL and the run JSON. */
export const METHOD_IDS = [
  'none',
  'dns',
  'imp',
  'lth',
  'oneshot',
  'agp',
  'movement',
  'set',
  'rigl',
  'nm',
  'structured',
] as const;
export type MethodId = (typeof METHOD_IDS)[number];

/**
 * Which gradient reaches W when the forward pass uses W⊙T: `dense` passes ∂L/∂(W⊙T) to every
 * entry (straight-through, so cut weights keep learning: DNS); `masked` passes T⊙∂L/∂(W⊙T) and
 * keeps pruned weights at zero (torch.prune / TFMOT).
 */
export type GradientMode = 'dense' | 'masked';

/** How a method's sparsity is set: to a target, by its pattern (N:M), by thresholds (DNS), or not at all. */
export type SparsityControl = 'target' | 'pattern' | 'threshold' | 'none';

/** New 0/1 masks for one layer's weights and bias (same shapes as the layer's). */
export interface MaskPair {
  readonly w: tf.Tensor;
  readonly b: tf.Tensor;
}

/** A method's answer for each layer: new masks, or null to keep the layer's masks. */
export type MaskUpdates = readonly (MaskPair | null)[];

/** Dense gradients ∂L/∂(W⊙T) and ∂L/∂(b⊙Tb) of the current step, per layer. */
export interface StepGradients {
  readonly w: readonly tf.Tensor[];
  readonly b: readonly tf.Tensor[];
}

/** Things a method may ask the trainer to do between steps. */
export interface TrainerActions {
  /** Clears optimizer state (momentum, Adam moments) and, optionally, restarts the LR schedule. */
  resetOptimizer(opts?: { restartSchedule?: boolean }): void;
}

/** What a method sees at each step. Hooks run inside the trainer's `tf.tidy`. */
export interface PruneContext {
  /** Steps since this method started (DNS: since the start of surgery). */
  readonly t: number;
  readonly stepsPerEpoch: number;
  /** The training budget of this run in steps. */
  readonly totalSteps: number;
  readonly layers: readonly PrunableLayer[];
  /** The seeded uniform [0, 1) stream: the only randomness a method may use. */
  readonly random: () => number;
  readonly rng: Rng;
  readonly actions: TrainerActions;
}

/** Per-layer numbers a method exposes for charts (thresholds drawn on the histograms). */
export interface LayerThresholds {
  /** Cut threshold: alive weights with |w| ≤ a are cut. */
  readonly a: number;
  /** Splice threshold: pruned weights with |w| > b come back (equal to a for one-threshold methods). */
  readonly b: number;
  readonly mu?: number;
  readonly sigma?: number;
}

/** A running pruning method. Hooks return new masks; the trainer swaps them in and counts the change. */
export interface Pruner {
  /** Called before the forward pass of each step (Caffe's DNS updates masks in Forward). */
  beforeStep?(ctx: PruneContext): MaskUpdates | null;
  /** Called with the dense gradients, before the optimizer update. */
  afterGradients?(ctx: PruneContext, grads: StepGradients): MaskUpdates | null;
  /** Called after the optimizer update. */
  afterUpdate?(ctx: PruneContext): MaskUpdates | null;
  /** Thresholds for the charts, per layer (null where the method has none yet). */
  thresholds?(): Promise<readonly (LayerThresholds | null)[]>;
  /** Frees tensors the method holds. */
  dispose(): void;
}

/** What a method knows when it is created. */
export interface CreateInfo {
  readonly layers: readonly PrunableLayer[];
  readonly rng: Rng;
}

/** A pruning method: id, defaults, what it declares about itself, and a factory. */
export interface PrunerSpec<C = unknown> {
  readonly id: MethodId;
  readonly title: string;
  /** One line for the UI: what the method does and where it comes from. */
  readonly summary: string;
  readonly gradient: GradientMode;
  readonly canRegrow: boolean;
  readonly sparsity: SparsityControl;
  /** The paper's defaults for a model with these layers. */
  defaults(layers: readonly LayerInfo[]): C;
  /**
   * Fills a partial config (from the CLI, the UI or a URL) with the defaults and validates it;
   * per-layer arrays may be given as one number. Throws an Error whose message names the field.
   */
  resolve(input: unknown, layers: readonly LayerInfo[]): C;
  create(cfg: C, info: CreateInfo): Pruner;
}

/** A layer as a method's defaults see it (no tensors). */
export interface LayerInfo {
  readonly name: string;
  readonly kind: 'dense' | 'conv2d';
  readonly size: number;
}
