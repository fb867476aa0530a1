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
