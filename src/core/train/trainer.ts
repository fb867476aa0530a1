import * as tf from '@tensorflow/tfjs';
import { Batcher } from '../data/batcher';
import { FastStep } from '../kernels/fastStep';
import type { Dataset } from '../data/types';
import type { Network } from '../models/network';
import { applyMask } from '../models/masked';
import { keptCount, maskChanges } from '../pruning/masks';
import type {
  GradientMode,
  MaskUpdates,
  Milestone,
  PruneContext,
  Pruner,
  PrunerSpec,
  WeightPair,
} from '../pruning/types';
import type { Rng } from '../rng';
import { createRng } from '../rng';
import type { ConnectionEvents } from './events';
import type { LayerReading } from './snapshot';
import { EventTracker } from './events';
import type { OptimizerConfig, Param } from './optimizer';
import { Optimizer } from './optimizer';

export interface TrainerOptions {
  readonly network: Network;
  readonly data: Dataset;
  readonly method: PrunerSpec<unknown>;
  /** The method's resolved config (from `method.resolve`). */
  readonly methodConfig: unknown;
  readonly optimizer: OptimizerConfig;
  readonly batchSize: number;
  readonly seed: number;
  /** The training budget in epochs; methods with schedules read it as `totalSteps`. */
  readonly epochs: number;
  /** Keep per-connection cut/splice records for heatmaps (the browser lab); off in the CLI. */
  readonly trackEvents?: boolean;
  /** Seed of the dense start's initialisation, when known (lottery tickets rewind to it). */
  readonly initSeed?: number;
  /**
   * Maps each layer's W⊙T before the forward pass (quantization-aware training: fake-quantised
   * int8 with a straight-through gradient, `core/quant/fakeQuant.ts`); identity when absent.
   */
  readonly forwardWeights?: (w: tf.Tensor) => tf.Tensor;
}

/** Metrics accumulated since the previous `flushMetrics`, read back in one small transfer. */
export interface MetricPoint {
  /** Trainer step at the time of reading (steps done so far). */
  readonly step: number;
  /** Mean training loss over the steps since the last point. */
  readonly loss: number;
  /** Training-batch accuracy over the steps since the last point. */
  readonly trainAccuracy: number;
  /** Kept / total over the weights and biases of the prunable layers. */
  readonly density: number;
  readonly kept: readonly number[];
  readonly total: readonly number[];
  /** Cuts and splices per layer since the last point. */
  readonly cuts: readonly number[];
  readonly splices: readonly number[];
  readonly learningRate: number;
  readonly epoch: number;
}

/**
 * Trains a masked network one batch at a time. Each step runs in one `tf.tidy`: the method's
 * mask hooks, the forward pass on W⊙T, gradients with respect to W⊙T, the method's gradient mode,
 * the optimizer update. Nothing is read back per step; metrics accumulate on the backend.
 */
export class Trainer {
  readonly network: Network;
  readonly data: Dataset;
  readonly method: PrunerSpec<unknown>;
  readonly batcher: Batcher;
  readonly optimizer: Optimizer;
  readonly totalSteps: number;
  /** The method's config after defaults were filled in. */
  readonly methodConfig: unknown;
  /** Steps done. */
  t = 0;
  private readonly pruner: Pruner;
  private readonly masked: boolean;
  private readonly gradient: GradientMode;
  private readonly zeroPruned: boolean;
  private readonly forwardWeights: ((w: tf.Tensor) => tf.Tensor) | null;
  private skipUpdate = false;
  private readonly pruneRng: Rng;
  /** Our wasm kernels for this run's step, where they apply (kernels/fastStep.ts); else null. */
  private readonly fast: FastStep | null;
  private readonly events: ConnectionEvents | null;
  /** Cuts and splices per layer counted in the kernels since the last flush (fast path). */
  private kernelCuts: number[];
  private kernelSplices: number[];
  private lossSum: tf.Scalar;
  private correctSum: tf.Scalar;
  private seen = 0;
  private cutsAcc: tf.Tensor1D;
  private splicesAcc: tf.Tensor1D;

  constructor(opts: TrainerOptions) {
    this.network = opts.network;
    this.data = opts.data;
    this.method = opts.method;
    this.masked = opts.method.id !== 'none';
    this.gradient = opts.method.gradient;
    this.zeroPruned = opts.method.prunedWeights !== 'keep';
    this.forwardWeights = opts.forwardWeights ?? null;
    this.methodConfig = opts.methodConfig;
    const rng = createRng(opts.seed);
    this.batcher = new Batcher(opts.data, opts.data.train, opts.batchSize, rng.fork('batches'));
    this.totalSteps = Math.max(1, Math.round(opts.epochs * this.batcher.stepsPerEpoch));
    this.pruneRng = rng.fork('prune');
    const params: Param[] = this.network.layers.flatMap((l) => [
      { v: l.w, lrMult: 1 },
      { v: l.b, lrMult: opts.optimizer.biasLrMult },
    ]);
    this.optimizer = new Optimizer(opts.optimizer, params);
    this.pruner = opts.method.create(opts.methodConfig, {
      layers: this.network.layers,
      rng: rng.fork('method'),
      ...(opts.initSeed !== undefined ? { initSeed: opts.initSeed } : {}),
    });
    const trackEvents = (opts.trackEvents ?? false) && this.masked;
    this.fast = opts.forwardWeights
      ? null
      : FastStep.create({
          network: this.network,
          data: this.data,
          batchSize: opts.batchSize,
          masked: this.masked,
          gradient: this.gradient,
          zeroPruned: this.zeroPruned,
          optimizer: this.optimizer,
          trackEvents,
        });
    // With the kernels, mask changes are counted and recorded there (one pass, no tensors).
    this.events = trackEvents
      ? (this.fast?.events() ?? new EventTracker(this.network.layers))
      : null;
    const L = this.network.layers.length;
    this.kernelCuts = new Array<number>(L).fill(0);
    this.kernelSplices = new Array<number>(L).fill(0);
    this.lossSum = tf.keep(tf.scalar(0));
    this.correctSum = tf.keep(tf.scalar(0));
    this.cutsAcc = tf.keep(tf.zeros([L]));
    this.splicesAcc = tf.keep(tf.zeros([L]));
  }

  /** Where the step's math runs: our wasm kernels (kernels/fastStep.ts) or tfjs ops. */
  get stepPath(): 'kernels' | 'tfjs' {
    return this.fast && this.optimizer.config.kind === 'sgd' ? 'kernels' : 'tfjs';
  }

  get stepsPerEpoch(): number {
    return this.batcher.stepsPerEpoch;
  }

  /** The method's one-line account of the step just taken (step mode), or null. */
  explainStep(): string | null {
    if (this.t === 0) return null;
    return this.pruner.explain?.({ t: this.t - 1, totalSteps: this.totalSteps }) ?? null;
  }

  private context(): PruneContext {
    return {
      t: this.t,
      stepsPerEpoch: this.batcher.stepsPerEpoch,
      totalSteps: this.totalSteps,
      layers: this.network.layers,
      random: () => this.pruneRng.next(),
      rng: this.pruneRng,
      actions: {
        resetOptimizer: (o) => this.optimizer.reset(this.t, o),
        setWeights: (updates) => this.setWeights(updates),
        skipUpdate: () => {
          this.skipUpdate = true;
        },
      },
    };
  }

  /** One training step on the next batch. */
  step(): void {
    if (this.fast && this.optimizer.config.kind === 'sgd') return this.stepFast(this.fast);
    const ctx = this.context();
    const out: { correct?: tf.Scalar } = {};
    try {
      this.tidyStep(ctx, out);
    } catch (e) {
      // A step that throws (a failing backend, a method's hook) leaves nothing behind.
      out.correct?.dispose();
      this.skipUpdate = false;
      throw e;
    }
    this.t++;
  }

  private tidyStep(ctx: PruneContext, out: { correct?: tf.Scalar }): void {
    const layers = this.network.layers;
    const L = layers.length;
    tf.tidy(() => {
      if (this.pruner.beforeStep) this.swapMasks(this.pruner.beforeStep(ctx));
      const batch = this.batcher.next();
      const eff = this.network.effectiveParams(this.masked);
      const lossOf = (...ps: tf.Tensor[]): tf.Scalar => {
        const fw = this.forwardWeights;
        const w = fw ? ps.slice(0, L).map((p) => fw(p)) : ps.slice(0, L);
        const logits = this.network.forward(batch.x, { w, b: ps.slice(L) });
        const hits = tf.equal(tf.argMax(logits, 1), tf.argMax(batch.y, 1));
        out.correct = tf.keep(tf.sum(tf.cast(hits, 'float32')) as tf.Scalar);
        return tf.losses.softmaxCrossEntropy(batch.y, logits) as tf.Scalar;
      };
      // Gradients with respect to W⊙T: the dense (straight-through) gradient of every entry.
      const { value, grads } = tf.valueAndGrads(lossOf)([...eff.w, ...eff.b]);
      const gw = grads.slice(0, L);
      const gb = grads.slice(L);
      if (this.pruner.afterGradients)
        this.swapMasks(this.pruner.afterGradients(ctx, { w: gw, b: gb }));
      const maskGrads = this.masked && this.gradient === 'masked';
      if (!this.skipUpdate) {
        const update = layers.flatMap((l, k) =>
          maskGrads ? [applyMask(gw[k]!, l.wMask), applyMask(gb[k]!, l.bMask)] : [gw[k]!, gb[k]!],
        );
        // Masked methods: optimizer state stays zero on pruned entries (optimizer.ts).
        const masks = maskGrads ? layers.flatMap((l) => [l.wMask, l.bMask]) : undefined;
        this.optimizer.apply(update, this.t, masks);
      }
      this.skipUpdate = false;
      // Masked methods keep pruned weights at zero (TFMOT assigns W⊙T after each update).
      if (maskGrads && this.zeroPruned)
        for (const l of layers) {
          l.w.assign(applyMask(l.w, l.wMask));
          l.b.assign(applyMask(l.b, l.bMask));
        }
      if (this.pruner.afterUpdate) this.swapMasks(this.pruner.afterUpdate(ctx));
      this.accumulate(value, out.correct!, batch.size);
    });
  }

  /** `step` in our wasm kernels: the same hooks in the same order, the math in one call. */
  private stepFast(fast: FastStep): void {
    const ctx = this.context();
    try {
      tf.tidy(() => {
        if (this.pruner.beforeStep) this.swapMasks(this.pruner.beforeStep(ctx));
      });
      const indices = this.batcher.nextIndices();
      const lr = () => (this.skipUpdate ? null : this.optimizer.learningRate(this.t));
      const afterGradients = this.pruner.afterGradients?.bind(this.pruner);
      let r: { loss: number; correct: number };
      if (afterGradients) {
        // Methods that read the gradients (RigL, movement): the step in two halves around the hook.
        r = fast.backward(indices);
        tf.tidy(() => this.swapMasks(afterGradients(ctx, fast.gradientTensors())));
        fast.update(lr());
      } else r = fast.run(indices, lr());
      tf.tidy(() => {
        if (this.pruner.afterUpdate) this.swapMasks(this.pruner.afterUpdate(ctx));
        this.accumulate(tf.scalar(r.loss), tf.keep(tf.scalar(r.correct)), indices.length);
      });
    } finally {
      this.skipUpdate = false;
    }
    this.t++;
  }

  private accumulate(loss: tf.Scalar, correct: tf.Scalar, n: number): void {
    const l = tf.keep(tf.add(this.lossSum, loss) as tf.Scalar);
    const c = tf.keep(tf.add(this.correctSum, correct) as tf.Scalar);
    this.lossSum.dispose();
    this.correctSum.dispose();
    correct.dispose();
    this.lossSum = l;
    this.correctSum = c;
    this.seen += n;
  }

  /** Swaps in new masks, counting cuts and splices per layer (and per connection when tracking). */
  private swapMasks(updates: MaskUpdates | null | undefined): void {
    if (!updates || updates.every((u) => u === null)) return;
    const fast = this.fast;
    if (fast) {
      updates.forEach((u, k) => {
        if (!u) return;
        const c = fast.swapMasks(k, u);
        this.kernelCuts[k]! += c.cuts;
        this.kernelSplices[k]! += c.splices;
      });
      return;
    }
    const cuts: tf.Tensor[] = [];
    const splices: tf.Tensor[] = [];
    this.network.layers.forEach((layer, k) => {
      const u = updates[k];
      if (!u) {
        cuts.push(tf.scalar(0));
        splices.push(tf.scalar(0));
        return;
      }
      const w = maskChanges(layer.wMask, u.w, this.events !== null);
      const b = maskChanges(layer.bMask, u.b);
      cuts.push(tf.add(w.cuts, b.cuts));
      splices.push(tf.add(w.splices, b.splices));
      if (this.events instanceof EventTracker && w.cut && w.spliced)
        this.events.record(k, w.cut, w.spliced);
      layer.wMask.assign(u.w);
      layer.bMask.assign(u.b);
    });
    const c = tf.keep(tf.add(this.cutsAcc, tf.stack(cuts)) as tf.Tensor1D);
    const s = tf.keep(tf.add(this.splicesAcc, tf.stack(splices)) as tf.Tensor1D);
    this.cutsAcc.dispose();
    this.splicesAcc.dispose();
    this.cutsAcc = c;
    this.splicesAcc = s;
  }

  /** Overwrites weights and biases (a method rewinding or re-initialising them). */
  private setWeights(updates: readonly (WeightPair | null)[]): void {
    this.network.layers.forEach((layer, k) => {
      const u = updates[k];
      if (!u) return;
      layer.w.assign(u.w);
      layer.b.assign(u.b);
    });
  }

  /** Where the method reaches its targets in this run (IMP levels), in steps. */
  get milestones(): readonly Milestone[] {
    return this.pruner.milestones?.(this.totalSteps) ?? [];
  }

  /** Reads back and resets the accumulated metrics (one small transfer). */
  async flushMetrics(): Promise<MetricPoint> {
    const layers = this.network.layers;
    const L = layers.length;
    const packed = tf.tidy(() =>
      tf.concat([
        tf.stack([this.lossSum, this.correctSum]),
        this.cutsAcc,
        this.splicesAcc,
        tf.stack(layers.map((l) => keptCount(l))),
      ]),
    );
    const steps = this.stepsSinceFlush();
    const seen = this.seen;
    const kernelCuts = this.kernelCuts;
    const kernelSplices = this.kernelSplices;
    this.resetAccumulators();
    const v = await packed.data();
    packed.dispose();
    const kept = Array.from(v.subarray(2 + 2 * L, 2 + 3 * L));
    const total = layers.map((l) => l.size);
    const keptAll = kept.reduce((a, b) => a + b, 0);
    const totalAll = total.reduce((a, b) => a + b, 0);
    return {
      step: this.t,
      loss: steps > 0 ? v[0]! / steps : NaN,
      trainAccuracy: seen > 0 ? v[1]! / seen : NaN,
      density: this.masked ? keptAll / totalAll : 1,
      kept: this.masked ? kept : total,
      total,
      cuts: Array.from(v.subarray(2, 2 + L), (x, k) => x + kernelCuts[k]!),
      splices: Array.from(v.subarray(2 + L, 2 + 2 * L), (x, k) => x + kernelSplices[k]!),
      learningRate: this.optimizer.learningRate(Math.max(0, this.t - 1)),
      epoch: this.t / this.batcher.stepsPerEpoch,
    };
  }

  private flushedAt = 0;
  private stepsSinceFlush(): number {
    const n = this.t - this.flushedAt;
    this.flushedAt = this.t;
    return n;
  }

  private resetAccumulators(): void {
    for (const t of [this.lossSum, this.correctSum, this.cutsAcc, this.splicesAcc]) t.dispose();
    const L = this.network.layers.length;
    this.lossSum = tf.keep(tf.scalar(0));
    this.correctSum = tf.keep(tf.scalar(0));
    this.cutsAcc = tf.keep(tf.zeros([L]));
    this.splicesAcc = tf.keep(tf.zeros([L]));
    this.kernelCuts = new Array<number>(L).fill(0);
    this.kernelSplices = new Array<number>(L).fill(0);
    this.seen = 0;
  }

  /** The method's thresholds for the charts. */
  thresholds() {
    return this.pruner.thresholds?.() ?? Promise.resolve(this.network.layers.map(() => null));
  }

  /**
   * The snapshot's reading of every layer where our wasm kernels hold the run (read in one pass
   * over their memory), null on the tfjs path.
   */
  kernelSnapshot(bins: number, cells: (k: number) => boolean): LayerReading[] | null {
    return this.fast?.snapshot(bins, cells) ?? null;
  }

  /** Per-connection event tensors (null when not tracking). */
  get eventTracker(): ConnectionEvents | null {
    return this.events;
  }

  /** Frees the trainer's tensors (not the network's). */
  dispose(): void {
    this.pruner.dispose();
    this.optimizer.dispose();
    this.events?.dispose();
    for (const t of [this.lossSum, this.correctSum, this.cutsAcc, this.splicesAcc]) t.dispose();
  }
}
