import type * as tf from '@tensorflow/tfjs';
import type { z } from 'zod';
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
  'fixedMask',
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

/** Weights and biases for one layer (same shapes as the layer's). */
export interface WeightPair {
  readonly w: tf.Tensor;
  readonly b: tf.Tensor;
}

/** Things a method may ask the trainer to do between steps. */
export interface TrainerActions {
  /**
   * Clears optimizer state (momentum, Adam moments) and, optionally, restarts the LR schedule;
   * `scheduleStep` makes the restarted schedule carry on as if that many steps were done
   * (lottery tickets rewound to step k train on from the learning rate of step k).
   */
  resetOptimizer(opts?: { restartSchedule?: boolean; scheduleStep?: number }): void;
  /** Overwrites the weights and biases of the layers given (null keeps a layer): rewinding. */
  setWeights(updates: readonly (WeightPair | null)[]): void;
  /** Skips this step's optimizer update (RigL changes masks instead of weights on its update steps). */
  skipUpdate(): void;
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
  /**
   * Where the run reaches each of the method's targets, for a run of `totalSteps` steps, so a sweep
   * can record a result there instead of starting again (IMP: every target is a level on the way).
   */
  milestones?(totalSteps: number): readonly Milestone[];
  /**
   * What the method did at step `t` (the step just taken) or where it stands, in one line for the
   * lab's step mode, e.g. "masks updated with probability 0.62"; null when there is nothing to say.
   */
  explain?(at: StepAt): string | null;
  /** Frees tensors the method holds. */
  dispose(): void;
}

/** The step a method explains: its own step count and the run's budget. */
export interface StepAt {
  readonly t: number;
  readonly totalSteps: number;
}

/** What a method knows when it is created. */
export interface CreateInfo {
  readonly layers: readonly PrunableLayer[];
  readonly rng: Rng;
  /**
   * Seed of the initialisation the dense start was trained from (`Network`'s `init` stream), when
   * known: lottery tickets rewind to those weights.
   */
  readonly initSeed?: number;
}

/** A point in a run where a method reaches one of its targets (IMP: the end of a level). */
export interface Milestone {
  /** Trainer steps done when the milestone is reached. */
  readonly step: number;
  /** The sparsity reached there (a fraction in [0, 1]). */
  readonly target: number;
  /** Pruning levels done by then. */
  readonly level: number;
}

/** A pruning method: id, defaults, what it declares about itself, and a factory. */
export interface PrunerSpec<C = unknown> {
  readonly id: MethodId;
  readonly title: string;
  /** One line for the UI: what the method does and where it comes from. */
  readonly summary: string;
  readonly gradient: GradientMode;
  /**
   * With `masked` gradients: whether the trainer zeroes pruned weights after each update (`zero`,
   * the default: TFMOT) or leaves them as they were (`keep`: movement pruning, where a weight that
   * comes back returns with its old value).
   */
  readonly prunedWeights?: 'zero' | 'keep';
  readonly canRegrow: boolean;
  readonly sparsity: SparsityControl;
  /**
   * One run passes several targets on the way to its own (IMP levels): a sweep gives it the others
   * as `stops` and records a result at each instead of starting again.
   */
  readonly multiTarget?: boolean;
  /**
   * Trains with masks the run is given at its start, from another run (mask transfer): a run
   * without them is refused, and the lab offers the method only where a run supplies them.
   */
  readonly needsMasks?: boolean;
  /** The paper's defaults for a model with these layers. */
  defaults(layers: readonly LayerInfo[]): C;
  /** The schema `resolve` checks its input against (the lab builds its settings form from it). */
  readonly schema?: z.ZodType;
  /**
   * Fills a partial config (from the CLI, the UI or a URL) with the defaults and validates it;
   * per-layer arrays may be given as one number. Throws an Error whose message names the field.
   */
  resolve(input: unknown, layers: readonly LayerInfo[]): C;
  create(cfg: C, info: CreateInfo): Pruner;
  /**
   * Per layer, a note the UI can show next to the layer, or null (N:M: "skipped: input size 2 is
   * not a multiple of 4").
   */
  layerNotes?(cfg: C, layers: readonly LayerInfo[]): readonly (string | null)[];
}

/** A layer as a method's defaults see it (no tensors). */
export interface LayerInfo {
  readonly name: string;
  readonly kind: 'dense' | 'conv2d';
  readonly size: number;
  /** Shape of the weight tensor: [in, out] for dense, [k, k, in channels, filters] for conv. */
  readonly weightShape?: readonly number[];
}
