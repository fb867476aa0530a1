/** One bin of a reliability diagram: confidences in (lo, hi]. */
export interface ReliabilityBin {
  readonly lo: number;
  readonly hi: number;
  readonly count: number;
  /** Mean top-class probability of the bin's examples (null when empty). */
  readonly confidence: number | null;
  /** Fraction of the bin's examples predicted right (null when empty). */
  readonly accuracy: number | null;
}

/** How well the predicted probabilities match the outcomes on one split. */
export interface Calibration {
  readonly count: number;
  readonly accuracy: number;
  /** Expected calibration error, equal-width bins. */
  readonly ece: number;
  /** Multi-class Brier score: mean over examples of Σ_k (p_k − y_k)². */
  readonly brier: number;
  /** Mean negative log-likelihood of the true class (nats). */
  readonly nll: number;
  readonly bins: readonly ReliabilityBin[];
}

/** Bins of the reliability diagram and the ECE the report uses. */
export const ECE_BINS = 15;

/** Row-wise softmax of logits [n, k] (max-shifted, so large logits stay finite). */
export function softmax(logits: Float32Array, k: number): Float64Array {
  const p = new Float64Array(logits.length);
  for (let o = 0; o < logits.length; o += k) {
    let m = -Infinity;
    for (let c = 0; c < k; c++) m = Math.max(m, logits[o + c]!);
    let z = 0;
    for (let c = 0; c < k; c++) z += p[o + c] = Math.exp(logits[o + c]! - m);
    for (let c = 0; c < k; c++) p[o + c] = p[o + c]! / z;
  }
  return p;
}

/**
 * Calibration from class probabilities [n, k] and labels. ECE = Σ_b (|B_b| / n)·|acc(B_b) −
 * conf(B_b)| over `bins` equal-width bins of the top-class probability (Naeini et al. 2015; Guo et
 * al. 2017, §2 "Expected Calibration Error"); Brier (1950) summed over classes; NLL in nats.
 */
export function calibration(
  probs: ArrayLike<number>,
  labels: ArrayLike<number>,
  k: number,
  bins = ECE_BINS,
): Calibration {
  const n = labels.length;
  if (probs.length !== n * k)
    throw new Error(`expected ${n}×${k} probabilities, got ${probs.length}`);
  const cnt = new Array<number>(bins).fill(0);
  const conf = new Array<number>(bins).fill(0);
  const hit = new Array<number>(bins).fill(0);
  let right = 0;
  let brier = 0;
  let nll = 0;
  for (let i = 0; i < n; i++) {
    const o = i * k;
    const y = labels[i]!;
    let top = 0;
    for (let c = 1; c < k; c++) if (probs[o + c]! > probs[o + top]!) top = c;
    const p = probs[o + top]!;
    const b = Math.min(bins - 1, Math.max(0, Math.ceil(p * bins) - 1)); // (lo, hi]
    cnt[b]!++;
    conf[b]! += p;
    if (top === y) {
      hit[b]!++;
      right++;
    }
    for (let c = 0; c < k; c++) {
      const d = probs[o + c]! - (c === y ? 1 : 0);
      brier += d * d;
    }
    nll -= Math.log(Math.max(probs[o + y]!, 1e-12));
  }
  let ece = 0;
  const out: ReliabilityBin[] = cnt.map((c, b) => {
    const confidence = c > 0 ? conf[b]! / c : null;
    const accuracy = c > 0 ? hit[b]! / c : null;
    if (confidence !== null && accuracy !== null) ece += (c / n) * Math.abs(accuracy - confidence);
    return { lo: b / bins, hi: (b + 1) / bins, count: c, confidence, accuracy };
  });
  return {
    count: n,
    accuracy: n > 0 ? right / n : NaN,
    ece,
    brier: n > 0 ? brier / n : NaN,
    nll: n > 0 ? nll / n : NaN,
    bins: out,
  };
}
