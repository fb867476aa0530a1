import * as tf from '@tensorflow/tfjs';
import type { Network } from '../models/network';
import type { Trainer } from './trainer';

/** One layer's weights, bias and masks. */
interface LayerTensors {
  readonly w: tf.Tensor;
  readonly b: tf.Tensor;
  readonly wMask: tf.Tensor;
  readonly bMask: tf.Tensor;
}

/**
 * A copy of what a run goes back to after a divergence: weights, biases, masks and optimizer
 * state, cloned on the backend (on a GPU a buffer copy, no readback). One is kept at a time; the
 * previous one is freed when the next is taken, so the cost is one more copy of the parameters
 * and the optimizer state.
 */
export class RestorePoint {
  private constructor(
    /** Trainer steps done when the copy was taken. */
    readonly trainerStep: number,
    private readonly layers: readonly LayerTensors[],
    private readonly optimizer: readonly (readonly tf.Tensor[])[],
  ) {}

  /** Clones the trainer's network and optimizer state as they are now. */
  static capture(trainer: Trainer): RestorePoint {
    const layers = trainer.network.layers.map((l) => ({
      w: tf.keep(tf.clone(l.w)),
      b: tf.keep(tf.clone(l.b)),
      wMask: tf.keep(tf.clone(l.wMask)),
      bMask: tf.keep(tf.clone(l.bMask)),
    }));
    const optimizer = trainer.optimizer.state.map((s) => s.map((t) => tf.keep(tf.clone(t))));
    return new RestorePoint(trainer.t, layers, optimizer);
  }

  /** Puts the copy back into the trainer (the step count stays where it is). */
  restore(trainer: Trainer): void {
    tf.tidy(() => {
      trainer.network.layers.forEach((l, k) => {
        const c = this.layers[k]!;
        l.w.assign(c.w);
        l.b.assign(c.b);
        l.wMask.assign(c.wMask);
        l.bMask.assign(c.bMask);
      });
    });
    trainer.optimizer.setState(this.optimizer.map((s) => s.map((t) => tf.clone(t))));
  }

  /** Reads the copy back to the host (async), e.g. to carry on after the backend is lost. */
  async toHost(scheduleStart: number): Promise<HostState> {
    const read = (t: tf.Tensor) => t.data() as Promise<Float32Array>;
    const layers = await Promise.all(
      this.layers.map(async (l) => {
        const [w, b, wMask, bMask] = await Promise.all([l.w, l.b, l.wMask, l.bMask].map(read));
        return { w: w!, b: b!, wMask: wMask!, bMask: bMask! };
      }),
    );
    const optimizer = await Promise.all(this.optimizer.map((s) => Promise.all(s.map(read))));
    return { trainerStep: this.trainerStep, scheduleStart, layers, optimizer };
  }

  dispose(): void {
    for (const l of this.layers) for (const t of [l.w, l.b, l.wMask, l.bMask]) t.dispose();
    for (const s of this.optimizer) for (const t of s) t.dispose();
  }
}

/** The same state read back to the host: it survives the loss of the backend that held it. */
export interface HostState {
  readonly trainerStep: number;
  /** The optimizer's schedule origin (IMP restarts the learning-rate schedule at each level). */
  readonly scheduleStart: number;
  readonly layers: readonly {
    readonly w: Float32Array;
    readonly b: Float32Array;
    readonly wMask: Float32Array;
    readonly bMask: Float32Array;
  }[];
  readonly optimizer: readonly (readonly Float32Array[])[];
}

/** Reads the trainer's weights, masks and optimizer state back to the host (async, no stall). */
export async function readHostState(trainer: Trainer): Promise<HostState> {
  const trainerStep = trainer.t;
  const scheduleStart = trainer.optimizer.scheduleOrigin;
  const read = (t: tf.Tensor) => t.data() as Promise<Float32Array>;
  const layers = await Promise.all(
    trainer.network.layers.map(async (l) => {
      const [w, b, wMask, bMask] = await Promise.all([l.w, l.b, l.wMask, l.bMask].map(read));
      return { w: w!, b: b!, wMask: wMask!, bMask: bMask! };
    }),
  );
  const optimizer = await Promise.all(trainer.optimizer.state.map((s) => Promise.all(s.map(read))));
  return { trainerStep, scheduleStart, layers, optimizer };
}

/** Writes host state into a network (on the current backend). */
export function loadHostWeights(net: Network, s: HostState): void {
  if (s.layers.length !== net.layers.length) throw new Error('saved state has other layers');
  tf.tidy(() =>
    net.layers.forEach((l, k) => {
      const h = s.layers[k]!;
      l.w.assign(tf.tensor(h.w, l.w.shape));
      l.b.assign(tf.tensor(h.b, l.b.shape));
      l.wMask.assign(tf.tensor(h.wMask, l.wMask.shape));
      l.bMask.assign(tf.tensor(h.bMask, l.bMask.shape));
    }),
  );
}

/** Puts host state into a trainer built on the network: optimizer state and step count. */
export function loadHostOptimizer(trainer: Trainer, s: HostState): void {
  const shapes = trainer.network.layers.flatMap((l) => [l.w.shape, l.b.shape]);
  trainer.optimizer.setState(
    s.optimizer.map((slot, k) => slot.map((v) => tf.tensor(v, shapes[k]))),
    s.scheduleStart,
  );
  trainer.t = s.trainerStep;
}
