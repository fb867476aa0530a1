/** Guo, Yao & Chen 2016, Sec. 3 / Caffe `iter_`: a layer updates its masks at step t with probability (1 + γt)^-power. */
export function surgeryProbability(t: number, gamma: number, power: number): number {
  return Math.pow(1 + gamma * t, -power);
}

/** Caffe's `inv` learning-rate policy: base · (1 + γ·iter)^-power. */
export function invLearningRate(base: number, gamma: number, power: number, iter: number): number {
  return base * Math.pow(1 + gamma * iter, -power);
}

/** Clamps to [0, 1]. */
export function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/** A sparsity schedule: at each step, whether to prune and to what sparsity (a fraction in [0, 1]). */
export interface Schedule {
  at(step: number): { prune: boolean; sparsity: number };
}

export interface PolyDecayConfig {
  readonly initial: number;
  readonly final: number;
  readonly begin: number;
  readonly end: number;
  readonly power: number;
  readonly frequency: number;
}

/** Zhu & Gupta 2017, eq. (1) (TFMOT PolynomialDecay): sparsity rises fast, then levels off at `final`. */
export function polynomialDecay(c: PolyDecayConfig): Schedule {
  return {
    at(step) {
      const p = clamp01((step - c.begin) / Math.max(1, c.end - c.begin));
      const sparsity = c.final + (c.initial - c.final) * (1 - p) ** c.power;
      const onBeat = (step - c.begin) % c.frequency === 0;
      return { prune: step >= c.begin && step <= c.end && onBeat, sparsity };
    },
  };
}

export interface ConstantSparsityConfig {
  readonly target: number;
  readonly begin: number;
  /** Last step that prunes; negative: prune on every beat to the end (TFMOT `end_step=-1`). */
  readonly end: number;
  readonly frequency: number;
}

/** TFMOT ConstantSparsity: on every beat inside [begin, end], prune to the same target. */
export function constantSparsity(c: ConstantSparsityConfig): Schedule {
  return {
    at(step) {
      const inRange = step >= c.begin && (c.end < 0 || step <= c.end);
      const onBeat = (step - c.begin) % c.frequency === 0;
      return { prune: inRange && onBeat, sparsity: c.target };
    },
  };
}

/**
 * RigL's drop fraction (Evci et al. 2020, eq. 1; TF `cosine_decay` with alpha 0):
 * f(t) = α/2 · (1 + cos(π · min(t, T_end) / T_end)).
 */
export function cosineDecay(alpha: number, step: number, decaySteps: number): number {
  const p = Math.min(step, decaySteps) / Math.max(1, decaySteps);
  return 0.5 * alpha * (1 + Math.cos(Math.PI * p));
}

/**
 * Movement pruning's kept fraction (Sanh et al. 2020; `schedule_threshold` of the authors' code):
 * `initial` until the warm-up ends, then a cubic fall to `final`, held for the last `finalWarmup`
 * steps: v = final + (initial − final) · (1 − (t − w0) / (T − w0 − w1))³.
 */
export function cubicKeepFraction(
  step: number,
  c: {
    readonly totalSteps: number;
    readonly initial: number;
    readonly final: number;
    readonly initialWarmup: number;
    readonly finalWarmup: number;
  },
): number {
  if (step <= c.initialWarmup) return c.initial;
  if (step > c.totalSteps - c.finalWarmup) return c.final;
  const span = Math.max(1, c.totalSteps - c.initialWarmup - c.finalWarmup);
  const mul = clamp01(1 - (step - c.initialWarmup) / span);
  return c.final + (c.initial - c.final) * mul ** 3;
}
