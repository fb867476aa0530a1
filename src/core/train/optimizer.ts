import * as tf from '@tensorflow/tfjs';
import { invLearningRate } from '../pruning/schedules';

/** Learning-rate policies: Caffe's `inv` (the DNS solvers use it) or a fixed rate. */
export type LrPolicy =
  | { readonly kind: 'inv'; readonly gamma: number; readonly power: number }
  | { readonly kind: 'fixed' };

interface Common {
  /** Base learning rate. */
  readonly lr: number;
  /** L2 weight decay added to every gradient (Caffe `weight_decay`, biases included). */
  readonly weightDecay: number;
  /** Learning-rate multiplier of the biases (Caffe `lr_mult: 2` in the LeNet prototxts). */
  readonly biasLrMult: number;
  readonly policy: LrPolicy;
  /** From trainer step `step` on, the policy's rate × `factor` (the latest drop reached applies). */
  readonly drops?: readonly { readonly step: number; readonly factor: number }[];
}

export type OptimizerConfig =
  | (Common & { readonly kind: 'sgd'; readonly momentum: number })
  | (Common & {
      readonly kind: 'adam';
      readonly beta1: number;
      readonly beta2: number;
      readonly epsilon: number;
    });

/** The DNS / Caffe LeNet solver: SGD, momentum 0.9, weight decay 5e-4, `inv` policy (0.01, 1e-4, 0.75). */
export const CAFFE_SGD: OptimizerConfig = {
  kind: 'sgd',
  lr: 0.01,
  momentum: 0.9,
  weightDecay: 5e-4,
  biasLrMult: 2,
  policy: { kind: 'inv', gamma: 1e-4, power: 0.75 },
};

/** Adam with Kingma & Ba's defaults, Caffe-style L2 decay and the same bias multiplier. */
export const DEFAULT_ADAM: OptimizerConfig = {
  kind: 'adam',
  lr: 1e-3,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-8,
  weightDecay: 5e-4,
  biasLrMult: 2,
  policy: { kind: 'fixed' },
};

/** The factor of the latest drop at or before `step` (1 before the first). */
export function dropFactor(
  drops: readonly { readonly step: number; readonly factor: number }[] | undefined,
  step: number,
): number {
  let at = -1;
  let factor = 1;
  for (const d of drops ?? [])
    if (d.step <= step && d.step >= at) {
      at = d.step;
      factor = d.factor;
    }
  return factor;
}

/** A trainable parameter and its learning-rate multiplier. */
export interface Param {
  readonly v: tf.Variable;
  readonly lrMult: number;
}

/** Caffe's SGD and Adam solvers over tfjs variables; state is per parameter, kept on the backend. */
export class Optimizer {
  private slots: tf.Tensor[][];
  private scheduleStart = 0;
  private cfg: OptimizerConfig;

  constructor(
    cfg: OptimizerConfig,
    private readonly params: readonly Param[],
  ) {
    this.cfg = cfg;
    this.slots = this.freshSlots();
  }

  get config(): OptimizerConfig {
    return this.cfg;
  }

  /** Changes the base learning rate (and the rest of the config) without touching state. */
  setConfig(cfg: OptimizerConfig): void {
    if (cfg.kind !== this.cfg.kind) {
      this.disposeSlots();
      this.cfg = cfg;
      this.slots = this.freshSlots();
    } else this.cfg = cfg;
  }

  private freshSlots(): tf.Tensor[][] {
    const n = this.cfg.kind === 'sgd' ? 1 : 2;
    return this.params.map((p) => Array.from({ length: n }, () => tf.keep(tf.zerosLike(p.v))));
  }

  private disposeSlots(): void {
    for (const s of this.slots) for (const t of s) t.dispose();
  }

  /** The learning rate at a trainer step (the schedule restarts on `reset({ restartSchedule })`). */
  learningRate(step: number): number {
    const p = this.cfg.policy;
    const iter = Math.max(0, step - this.scheduleStart);
    const rate =
      p.kind === 'inv' ? invLearningRate(this.cfg.lr, p.gamma, p.power, iter) : this.cfg.lr;
    return rate * dropFactor(this.cfg.drops, step);
  }

  /**
   * Clears momentum / moments; optionally restarts the learning-rate schedule at `step`, as if
   * `scheduleStep` steps of it were already done (0 by default).
   */
  reset(step: number, opts: { restartSchedule?: boolean; scheduleStep?: number } = {}): void {
    this.disposeSlots();
    this.slots = this.freshSlots();
    if (opts.restartSchedule) this.scheduleStart = step - (opts.scheduleStep ?? 0);
  }

  /**
   * One update with `grads` (same order as the params). Call inside tf.tidy. With `masks` (a 0/1
   * mask per param, or null for none), the state of masked-out entries is held at zero, so neither
   * momentum nor weight decay moves a pruned weight, and a weight that grows back starts with fresh
   * momentum (RigL's `reset_momentum`, Evci et al. 2020).
   */
  apply(grads: readonly tf.Tensor[], step: number, masks?: readonly (tf.Tensor | null)[]): void {
    const lr = this.learningRate(step);
    const c = this.cfg;
    this.params.forEach((p, k) => {
      const g0 = grads[k]!;
      const g = c.weightDecay > 0 ? tf.add(g0, tf.mul(p.v, c.weightDecay)) : g0;
      const rate = lr * p.lrMult;
      const slot = this.slots[k]!;
      const mask = masks?.[k] ?? null;
      const held = (x: tf.Tensor) => tf.keep(mask ? tf.mul(x, mask) : x);
      if (c.kind === 'sgd') {
        // Caffe SGDSolver: V ← μV + η·(∇ + λW); W ← W − V
        const v = held(tf.add(tf.mul(slot[0]!, c.momentum), tf.mul(g, rate)));
        slot[0]!.dispose();
        slot[0] = v;
        p.v.assign(tf.sub(p.v, v));
      } else {
        // Caffe AdamSolver: m ← β1m + (1−β1)g; v ← β2v + (1−β2)g²; W ← W − η·√(1−β2^t)/(1−β1^t)·m/(√v + ε)
        const t = step - this.scheduleStart + 1;
        const m = held(tf.add(tf.mul(slot[0]!, c.beta1), tf.mul(g, 1 - c.beta1)));
        const v = held(tf.add(tf.mul(slot[1]!, c.beta2), tf.mul(tf.square(g), 1 - c.beta2)));
        slot[0]!.dispose();
        slot[1]!.dispose();
        slot[0] = m;
        slot[1] = v;
        const corr = Math.sqrt(1 - c.beta2 ** t) / (1 - c.beta1 ** t);
        p.v.assign(tf.sub(p.v, tf.mul(tf.div(m, tf.add(tf.sqrt(v), c.epsilon)), rate * corr)));
      }
    });
  }

  /** The state tensors per param (momentum, or Adam's m and v), e.g. to keep a copy. */
  get state(): readonly (readonly tf.Tensor[])[] {
    return this.slots;
  }

  /** The trainer step at which the learning-rate schedule (re)started. */
  get scheduleOrigin(): number {
    return this.scheduleStart;
  }

  /**
   * Replaces the state with tensors of the same shapes (the optimizer owns them from now on) and,
   * when given, the step the schedule started at.
   */
  setState(slots: readonly (readonly tf.Tensor[])[], scheduleStart?: number): void {
    const n = this.cfg.kind === 'sgd' ? 1 : 2;
    if (slots.length !== this.params.length || slots.some((s) => s.length !== n))
      throw new Error(
        `optimizer state: expected ${n} tensor(s) for each of ${this.params.length} params`,
      );
    this.disposeSlots();
    this.slots = slots.map((s) => s.map((t) => tf.keep(t)));
    if (scheduleStart !== undefined) this.scheduleStart = scheduleStart;
  }

  dispose(): void {
    this.disposeSlots();
  }
}
