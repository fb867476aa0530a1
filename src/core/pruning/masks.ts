import * as tf from '@tensorflow/tfjs';
import { hostLoopsPay } from '../models/masked';
import type { PrunableLayer } from '../models/network';
import type { MaskPair } from './types';

/**
 * Two-threshold hysteresis on |v| (Guo et al. 2016, eq. 3; Caffe CCMaskCalc): an alive entry is
 * cut when |v| ≤ a, a pruned entry is spliced back when |v| > b, anything else keeps its mask.
 * One pass over the values on the cpu backend; elementwise kernels elsewhere.
 */
export function hysteresisMask(
  v: tf.Tensor,
  mask: tf.Tensor,
  a: tf.Scalar,
  b: tf.Scalar,
): tf.Tensor {
  return hostLoopsPay() ? hysteresisOnHost(v, mask, a, b) : hysteresisKernels(v, mask, a, b);
}

/** The hysteresis rule as step(|v| − (b − (b − a)·T)): four cheap elementwise ops on a GPU. */
export function hysteresisKernels(
  v: tf.Tensor,
  mask: tf.Tensor,
  a: tf.Scalar,
  b: tf.Scalar,
): tf.Tensor {
  return tf.tidy(() => tf.step(tf.sub(tf.abs(v), tf.sub(b, tf.mul(tf.sub(b, a), mask)))));
}

/** The hysteresis rule in one loop over the values (it reads them back: for the cpu backend). */
export function hysteresisOnHost(
  v: tf.Tensor,
  mask: tf.Tensor,
  a: tf.Scalar,
  b: tf.Scalar,
): tf.Tensor {
  const vs = v.dataSync();
  const ms = mask.dataSync();
  const lo = a.dataSync()[0]!;
  const hi = b.dataSync()[0]!;
  const out = new Float32Array(vs.length);
  for (let i = 0; i < vs.length; i++) {
    const x = Math.abs(vs[i]!);
    out[i] = x > (ms[i]! > 0 ? lo : hi) ? 1 : 0;
  }
  return tf.tensor(out, v.shape, 'float32');
}

/** Cuts (1 → 0) and splices (0 → 1) of one mask change, as scalars on the backend. */
export interface MaskChanges {
  readonly cuts: tf.Scalar;
  readonly splices: tf.Scalar;
  /** Whether anything changed, where that is known without a readback (null on a GPU). */
  readonly changed: boolean | null;
  /**
   * 0/1 per entry, when asked for (`perEntry`): which entries were cut and which spliced. Absent
   * where nothing changed and that is known (cpu), so an event record can be skipped.
   */
  readonly cut?: tf.Tensor;
  readonly spliced?: tf.Tensor;
}

/** How many entries a mask change cuts and splices: one pass over the masks on the cpu backend. */
export function maskChanges(before: tf.Tensor, after: tf.Tensor, perEntry = false): MaskChanges {
  return hostLoopsPay()
    ? maskChangesOnHost(before, after, perEntry)
    : maskChangesKernels(before, after, perEntry);
}

/** Counts mask changes in one loop over both masks (it reads them back: for the cpu backend). */
export function maskChangesOnHost(
  before: tf.Tensor,
  after: tf.Tensor,
  perEntry = false,
): MaskChanges {
  const o = before.dataSync();
  const n = after.dataSync();
  const cut = perEntry ? new Float32Array(o.length) : null;
  const spliced = perEntry ? new Float32Array(o.length) : null;
  let cuts = 0;
  let splices = 0;
  for (let i = 0; i < o.length; i++) {
    const d = n[i]! - o[i]!;
    if (d < 0) {
      cuts++;
      if (cut) cut[i] = 1;
    } else if (d > 0) {
      splices++;
      if (spliced) spliced[i] = 1;
    }
  }
  const changed = cuts + splices > 0;
  return {
    cuts: tf.scalar(cuts),
    splices: tf.scalar(splices),
    changed,
    ...(cut && spliced && changed
      ? { cut: tf.tensor(cut, before.shape), spliced: tf.tensor(spliced, before.shape) }
      : {}),
  };
}

/** Counts mask changes with reductions on the backend (no readback). */
export function maskChangesKernels(
  before: tf.Tensor,
  after: tf.Tensor,
  perEntry = false,
): MaskChanges {
  if (perEntry) {
    // The per-entry flags are needed anyway: count them.
    const d = tf.sub(after, before);
    const cut = tf.relu(tf.neg(d));
    const spliced = tf.relu(d);
    d.dispose();
    return { cuts: tf.sum(cut), splices: tf.sum(spliced), changed: null, cut, spliced };
  }
  // For 0/1 masks: cuts = Σ before − Σ before·after, splices = Σ after − Σ before·after.
  const [cuts, splices] = tf.tidy(() => {
    const both = tf.sum(tf.mul(before, after));
    return [tf.sub(tf.sum(before), both) as tf.Scalar, tf.sub(tf.sum(after), both) as tf.Scalar];
  });
  return { cuts: cuts!, splices: splices!, changed: null };
}

/** The hysteresis rule of a mask update, for a trainer that can apply it in place. */
export interface HysteresisRule {
  readonly a: tf.Scalar;
  readonly b: tf.Scalar;
}

/**
 * The hysteresis rule applied to a layer's weights and biases with the same a and b. The masks are
 * computed when first read (both at once, in the reader's tf.tidy scope), so a trainer with its own
 * kernels (kernels/fastStep.ts) can apply `rule` in place without them ever being made.
 */
class HysteresisMasks implements MaskPair {
  private pair: MaskPair | null = null;

  constructor(
    private readonly layer: PrunableLayer,
    readonly rule: HysteresisRule,
  ) {}

  private masks(): MaskPair {
    const { a, b } = this.rule;
    return (this.pair ??= {
      w: hysteresisMask(this.layer.w, this.layer.wMask, a, b),
      b: hysteresisMask(this.layer.b, this.layer.bMask, a, b),
    });
  }

  get w(): tf.Tensor {
    return this.masks().w;
  }

  get b(): tf.Tensor {
    return this.masks().b;
  }
}

/** Applies the hysteresis rule to a layer's weights and biases with the same a and b (when read). */
export function cutAndSplice(layer: PrunableLayer, a: tf.Scalar, b: tf.Scalar): MaskPair {
  return new HysteresisMasks(layer, { a, b });
}

/** The hysteresis rule behind a mask update made by `cutAndSplice`, or null for any other. */
export function hysteresisRule(u: MaskPair): HysteresisRule | null {
  return u instanceof HysteresisMasks ? u.rule : null;
}

/** Kept (nonzero-mask) entries of a layer's weights and biases, as a scalar tensor. */
export function keptCount(layer: PrunableLayer): tf.Scalar {
  return tf.tidy(() => tf.add(tf.sum(layer.wMask), tf.sum(layer.bMask)) as tf.Scalar);
}

/**
 * A 0/1 mask of the shape of `scores` keeping exactly the `k` largest entries (ties go to the
 * lower index). Runs topk on the smaller side, so k near the size costs as little as k near 0.
 */
export function topkMask(scores: tf.Tensor, k: number): tf.Tensor {
  return tf.tidy(() => {
    const n = scores.size;
    if (k <= 0) return tf.zerosLike(scores);
    if (k >= n) return tf.onesLike(scores);
    const flat = tf.reshape(scores, [-1]) as tf.Tensor1D;
    const keepSide = k <= n - k;
    const count = keepSide ? k : n - k;
    const { indices } = tf.topk(keepSide ? flat : tf.neg(flat), count);
    const hits = tf.scatterND(tf.expandDims(indices, 1), tf.ones([count]), [n]);
    return tf.reshape(keepSide ? hits : tf.sub(1, hits), scores.shape);
  });
}

/** One `topkMask` over several tensors ranked together (global pruning); masks in their shapes. */
export function globalTopkMasks(scores: readonly tf.Tensor[], k: number): tf.Tensor[] {
  return tf.tidy(() => {
    const flat = tf.concat(scores.map((s) => tf.reshape(s, [-1])));
    const m = topkMask(flat, k);
    return tf
      .split(
        m,
        scores.map((s) => s.size),
      )
      .map((part, i) => tf.reshape(part, scores[i]!.shape));
  });
}

/** Scores with pruned entries (mask 0) pushed below every kept one, so a ranking never revives them. */
export function aliveOnly(scores: tf.Tensor, mask: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.where(tf.greater(mask, 0), scores, tf.fill(scores.shape, -Infinity)));
}

/**
 * A random 0/1 mask keeping exactly `count` entries of `shape` (among the entries `alive` keeps,
 * when given): open_lth's `randomly_prune`, strategy "layerwise" (Frankle & Carbin 2019, §2's
 * random-reinit control keeps the count and moves the places).
 */
export function randomMask(
  shape: readonly number[],
  count: number,
  seed: number,
  alive?: tf.Tensor,
): tf.Tensor {
  return tf.tidy(() => {
    const u = tf.randomUniform([...shape], 0, 1, 'float32', seed);
    return topkMask(alive ? aliveOnly(u, alive) : u, count);
  });
}
