/**
 * How many weights each layer keeps. The lab's density counts weights and biases; the methods that
 * prune to a target prune weights only (as open_lth, TFMOT and RigL do), so biases count as kept and
 * the weight budget is what is left of (1 − target) · total once they are paid for.
 */

/** The sizes a budget needs: a weight tensor's shape and its bias count. */
export interface LayerShape {
  /** [in, out] for dense, [k, k, in channels, filters] for conv. */
  readonly shape: readonly number[];
  /** Output units (biases). */
  readonly units: number;
}

/** Weights in a layer. */
export function weightCount(l: LayerShape): number {
  return l.shape.reduce((a, b) => a * b, 1);
}

/** Weights plus biases of all layers. */
export function totalSize(layers: readonly LayerShape[]): number {
  return layers.reduce((s, l) => s + weightCount(l) + l.units, 0);
}

/** Kept weights, all layers together, that give density 1 − `target` with every bias kept. */
export function keptWeightsFor(target: number, layers: readonly LayerShape[]): number {
  const total = totalSize(layers);
  const biases = layers.reduce((s, l) => s + l.units, 0);
  const weights = total - biases;
  return Math.max(0, Math.min(weights, Math.round((1 - target) * total) - biases));
}

/** Adds `diff` (a rounding remainder) to the free layers' counts, largest first, within [0, cap]. */
function settle(
  counts: number[],
  caps: readonly number[],
  free: readonly boolean[],
  diff: number,
): number[] {
  const order = counts
    .map((_, k) => k)
    .filter((k) => free[k])
    .sort((a, b) => caps[b]! - caps[a]!);
  let left = diff;
  for (const k of order) {
    if (left === 0) break;
    const room = left > 0 ? caps[k]! - counts[k]! : -counts[k]!;
    const d = left > 0 ? Math.min(left, room) : Math.max(left, room);
    counts[k]! += d;
    left -= d;
  }
  return counts;
}

/**
 * Splits `kept` weights over the layers: spared layers stay dense, the others get the same density
 * (TFMOT's per-layer schedule, open_lth's sparse_layerwise, RigL's "uniform"). Counts sum to `kept`.
 */
export function uniformAllocation(
  kept: number,
  layers: readonly LayerShape[],
  spared: readonly boolean[],
): number[] {
  const caps = layers.map(weightCount);
  const fixed = caps.reduce((s, n, k) => s + (spared[k] ? n : 0), 0);
  const free = caps.reduce((s, n, k) => s + (spared[k] ? 0 : n), 0);
  if (kept < fixed)
    throw new Error(
      `the target leaves ${kept} weights but the spared layers alone hold ${fixed}; prune the output layer too or lower the target`,
    );
  const ratio = free > 0 ? (kept - fixed) / free : 0;
  const counts = caps.map((n, k) => (spared[k] ? n : Math.round(n * ratio)));
  const sum = counts.reduce((a, b) => a + b, 0);
  return settle(
    counts,
    caps,
    spared.map((s) => !s),
    kept - sum,
  );
}

/**
 * Erdős–Rényi-Kernel allocation (Evci et al. 2020, §3 "Sparsity distribution"; RigL
 * `get_sparsities_erdos_renyi`): layer l keeps ε · (Σ of its shape) / (Π of its shape) of its
 * weights; a layer that would exceed 1 is made dense and ε found again. Spared layers stay dense.
 */
export function erkAllocation(
  kept: number,
  layers: readonly LayerShape[],
  spared: readonly boolean[],
): number[] {
  const caps = layers.map(weightCount);
  const raw = layers.map((l) => l.shape.reduce((a, b) => a + b, 0) / weightCount(l));
  const dense = spared.map((s) => s);
  for (;;) {
    const fixed = caps.reduce((s, n, k) => s + (dense[k] ? n : 0), 0);
    if (kept < fixed)
      throw new Error(
        `the target leaves ${kept} weights but the dense layers alone hold ${fixed}; lower the target`,
      );
    const divisor = caps.reduce((s, n, k) => s + (dense[k] ? 0 : raw[k]! * n), 0);
    if (divisor === 0) return caps.slice();
    // RigL: eps = rhs / divisor, rhs = the weights left for the non-dense layers
    const eps = (kept - fixed) / divisor;
    let maxK = -1;
    for (let k = 0; k < layers.length; k++)
      if (!dense[k] && (maxK < 0 || raw[k]! > raw[maxK]!)) maxK = k;
    if (eps * raw[maxK]! > 1) {
      dense[maxK] = true;
      continue;
    }
    const counts = caps.map((n, k) => (dense[k] ? n : Math.round(eps * raw[k]! * n)));
    const sum = counts.reduce((a, b) => a + b, 0);
    return settle(
      counts,
      caps,
      dense.map((d) => !d),
      kept - sum,
    );
  }
}

/** The budget view of live layers (weight shape and bias count). */
export function shapesOf(
  layers: readonly { readonly w: { readonly shape: readonly number[] }; readonly cols: number }[],
): LayerShape[] {
  return layers.map((l) => ({ shape: l.w.shape, units: l.cols }));
}

/** Which layers a method leaves dense: the output layer when `spareOutput` is set. */
export function sparedLayers(count: number, spareOutput: boolean): boolean[] {
  return Array.from({ length: count }, (_, k) => spareOutput && k === count - 1);
}
