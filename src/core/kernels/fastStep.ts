import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../data/types';
import type { Network } from '../models/network';
import { hysteresisRule } from '../pruning/masks';
import type { GradientMode, MaskPair, StepGradients } from '../pruning/types';
import type { ConnectionEvents } from '../train/events';
import type { Optimizer } from '../train/optimizer';
import type { LayerReading } from '../train/snapshot';
import type { KernelEvents, MaskChangeCounts, SgdStep, SparseMode } from './mlpKernel';
import { MlpKernel } from './mlpKernel';

let registered: WebAssembly.Module | null = null;
let sparseMode: SparseMode = 'auto';

/**
 * Turns the wasm kernels on for trainers created from now on (Node: `loadMlpModule()`; the browser
 * worker: the fetched mlp.wasm), or off with null. `sparse` overrides the kernel choice per layer.
 */
export function useMlpKernels(
  module: WebAssembly.Module | null,
  sparse: SparseMode = 'auto',
): void {
  registered = module;
  sparseMode = sparse;
}

/** What a trainer tells the fast path about its run. */
export interface FastStepInfo {
  readonly network: Network;
  readonly data: Dataset;
  readonly batchSize: number;
  readonly masked: boolean;
  readonly gradient: GradientMode;
  readonly zeroPruned: boolean;
  /** The trainer's optimizer: its config each step, its momentum kept equal to the kernel's. */
  readonly optimizer: Optimizer;
  /** Keep per-connection cut and splice records (the lab's "just cut" colours and hover counts). */
  readonly trackEvents?: boolean;
}

type DataId = object;

/**
 * The trainer's step in our wasm kernels for MLPs (dense layers, ReLU or linear) trained with SGD
 * on the cpu or wasm backend. The tfjs variables stay the truth for everyone else: weights go back
 * after each update, and weights or masks assigned by anyone (methods, rewinds, checkpoints) are
 * read in before the next step, found by their tensor data changing.
 */
export class FastStep {
  private readonly kernel: MlpKernel;
  private readonly seen: {
    w: DataId | null;
    b: DataId | null;
    wm: DataId | null;
    bm: DataId | null;
  }[];
  private seenState: readonly (readonly tf.Tensor[])[] | null = null;

  private constructor(
    private readonly info: FastStepInfo,
    module: WebAssembly.Module,
    sizes: number[],
    relu: boolean[],
  ) {
    this.kernel = new MlpKernel(module, {
      sizes,
      relu,
      batch: info.batchSize,
      masked: info.masked,
      gradient: info.gradient,
      zeroPruned: info.zeroPruned,
      sparse: sparseMode,
      trackEvents: info.trackEvents ?? false,
    });
    this.seen = info.network.layers.map(() => ({ w: null, b: null, wm: null, bm: null }));
  }

  /** The fast path for this run, or null where it does not apply (then the tfjs step runs). */
  static create(info: FastStepInfo): FastStep | null {
    const module = registered;
    if (!module || info.optimizer.config.kind !== 'sgd') return null;
    if (tf.getBackend() !== 'wasm' && tf.getBackend() !== 'cpu') return null;
    const arch = info.network.arch;
    const sizes = [info.data.featureSize];
    const relu: boolean[] = [];
    let flat = arch.inputShape.length === 1;
    for (const spec of arch.layers) {
      if (spec.kind === 'flatten') flat = true;
      else if (spec.kind !== 'dense' || !flat) return null;
      else {
        sizes.push(spec.units);
        relu.push(spec.relu);
      }
    }
    if (relu.length === 0 || relu.length !== info.network.layers.length) return null;
    const shapesMatch = info.network.layers.every(
      (l, k) => l.w.shape[0] === sizes[k] && l.w.shape[1] === sizes[k + 1],
    );
    if (!shapesMatch) return null;
    return new FastStep(info, module, sizes, relu);
  }

  /** Reads in the weights, masks and momentum that changed in tfjs since the last step. */
  private pull(): void {
    const state = this.info.optimizer.state;
    if (state !== this.seenState) {
      // reset, or restored (a divergence restore point): param k's momentum is state[k][0].
      this.info.network.layers.forEach((_, k) =>
        this.kernel.setMomentum(k, state[2 * k]![0]!.dataSync(), state[2 * k + 1]![0]!.dataSync()),
      );
      this.seenState = state;
    }
    this.info.network.layers.forEach((l, k) => {
      const s = this.seen[k]!;
      if (l.w.dataId !== s.w || l.b.dataId !== s.b) {
        this.kernel.setParams(k, l.w.dataSync(), l.b.dataSync());
        s.w = l.w.dataId;
        s.b = l.b.dataId;
      }
      if (this.info.masked && (l.wMask.dataId !== s.wm || l.bMask.dataId !== s.bm)) {
        this.kernel.setMasks(k, l.wMask.dataSync(), l.bMask.dataSync());
        s.wm = l.wMask.dataId;
        s.bm = l.bMask.dataId;
      }
    });
  }

  /** Writes the batch at `indices` of the training split into the kernel's input. */
  private load(indices: ArrayLike<number>): number {
    const split = this.info.data.train;
    const d = this.info.data.featureSize;
    const scale = this.info.data.xScale;
    const y = this.kernel.targets;
    const rows = indices.length;
    // Bytes (images) are copied in as bytes and scaled in wasm; floats go in as they are.
    const x = split.x instanceof Uint8Array ? this.kernel.inputBytes : this.kernel.input;
    for (let r = 0; r < rows; r++) {
      const i = indices[r]!;
      x.set(split.x.subarray(i * d, i * d + d), r * d);
      y[r] = split.y[i]!;
    }
    if (split.x instanceof Uint8Array) this.kernel.inputFromBytes(rows, scale);
    else if (scale !== 1) for (let j = 0; j < rows * d; j++) x[j] = x[j]! * scale;
    return rows;
  }

  private sgd(lr: number | null): SgdStep | null {
    const o = this.info.optimizer.config;
    return lr === null || o.kind !== 'sgd'
      ? null
      : { lr, biasLrMult: o.biasLrMult, momentum: o.momentum, weightDecay: o.weightDecay };
  }

  /** Whether a step changes the weights even when its update is skipped (zeroing pruned ones). */
  private get zeroes(): boolean {
    return this.info.masked && this.info.gradient === 'masked' && this.info.zeroPruned;
  }

  /**
   * One step on the batch at `indices` with the optimizer's config and learning rate (`lr` null:
   * skip the update); returns the batch's mean loss and argmax hits. It leaves no tensors.
   */
  run(indices: ArrayLike<number>, lr: number | null): { loss: number; correct: number } {
    this.pull();
    const sgd = this.sgd(lr);
    const r = this.kernel.step(this.load(indices), sgd);
    if (sgd || this.zeroes) this.push();
    return r;
  }

  /** The first half of a step for methods that read the gradients: forward, loss, gradients. */
  backward(indices: ArrayLike<number>): { loss: number; correct: number } {
    this.pull();
    return this.kernel.backward(this.load(indices));
  }

  /** The gradients ∂L/∂(W⊙T), ∂L/∂(b⊙Tb) of the last `backward` as tensors (call in tf.tidy). */
  gradientTensors(): StepGradients {
    const own = this.owner();
    const layers = this.info.network.layers;
    const g = layers.map((_, k) => this.kernel.gradient(k));
    return {
      w: layers.map((l, k) => tf.tensor(own(g[k]!.w), l.w.shape)),
      b: layers.map((l, k) => tf.tensor(own(g[k]!.b), l.b.shape)),
    };
  }

  /** The second half: the update from those gradients, under the masks as they are now. */
  update(lr: number | null): void {
    this.pull(); // the method may have changed masks after reading the gradients
    const sgd = this.sgd(lr);
    this.kernel.applyGradients(sgd);
    if (sgd || this.zeroes) this.push();
  }

  /** The cpu backend keeps the array it is given (the kernel's memory moves on): copy; wasm copies. */
  private owner(): (a: Float32Array) => Float32Array {
    return tf.getBackend() === 'cpu' ? (a) => a.slice() : (a) => a;
  }

  /**
   * Sets layer k's masks to a method's update in the kernel, counting (and, when tracked, recording)
   * the cuts and splices there; the tfjs masks are set to match. The hysteresis rule of DNS runs
   * in place on the kernel's weights, so its masks are never made as tensors.
   */
  swapMasks(k: number, u: MaskPair): MaskChangeCounts {
    this.pull(); // the kernel holds the weights and masks as tfjs has them now
    const l = this.info.network.layers[k]!;
    const rule = hysteresisRule(u);
    let changes: MaskChangeCounts;
    if (rule) {
      changes = this.kernel.hysteresis(k, rule.a.dataSync()[0]!, rule.b.dataSync()[0]!);
      if (changes.cuts + changes.splices > 0) {
        const m = this.kernel.masks(k);
        const own = this.owner();
        tf.tidy(() => {
          l.wMask.assign(tf.tensor(own(m.w), l.wMask.shape));
          l.bMask.assign(tf.tensor(own(m.b), l.bMask.shape));
        });
      }
    } else {
      changes = this.kernel.replaceMasks(k, u.w.dataSync(), u.b.dataSync());
      l.wMask.assign(u.w);
      l.bMask.assign(u.b);
    }
    const s = this.seen[k]!;
    s.wm = l.wMask.dataId;
    s.bm = l.bMask.dataId;
    return changes;
  }

  /**
   * The snapshot's reading of every layer from the kernel's memory (tfjs changes read in first):
   * histograms of |w| in `bins` bins, kept counts, and weights and cell states where `cells` says.
   */
  snapshot(bins: number, cells: (k: number) => boolean): LayerReading[] {
    this.pull();
    return this.info.network.layers.map((_, k) => this.kernel.snapshot(k, bins, cells(k)));
  }

  /** The per-connection records kept in the kernel (`trackEvents`), as the trainer's event tracker. */
  events(): ConnectionEvents {
    const kernel = this.kernel;
    const layers = this.info.network.layers;
    const own = this.owner();
    return {
      layer(k) {
        const shape = layers[k]!.w.shape;
        const view = (pick: (e: KernelEvents) => Float32Array) => {
          const e = kernel.events(k);
          if (!e) throw new Error('this run does not track connection events');
          return tf.tensor(own(pick(e)), shape);
        };
        return {
          get cutSince() {
            return view((e) => e.cutSince);
          },
          get splicedSince() {
            return view((e) => e.splicedSince);
          },
          get cutTotal() {
            return view((e) => e.cutTotal);
          },
          get spliceTotal() {
            return view((e) => e.spliceTotal);
          },
        };
      },
      acknowledge: () => kernel.acknowledgeEvents(),
      dispose: () => undefined,
    };
  }

  /** Writes the updated weights and momentum back to the tfjs variables and the optimizer. */
  private push(): void {
    const slots: tf.Tensor[][] = [];
    const own = this.owner();
    this.info.network.layers.forEach((l, k) => {
      const p = this.kernel.params(k);
      const s = this.seen[k]!;
      const w = tf.tensor(own(p.w), l.w.shape);
      const b = tf.tensor(own(p.b), l.b.shape);
      l.w.assign(w);
      l.b.assign(b);
      w.dispose();
      b.dispose();
      s.w = l.w.dataId;
      s.b = l.b.dataId;
      const v = this.kernel.momentum(k);
      slots.push([tf.tensor(own(v.w), l.w.shape)], [tf.tensor(own(v.b), l.b.shape)]);
    });
    this.info.optimizer.setState(slots);
    this.seenState = this.info.optimizer.state;
  }
}
