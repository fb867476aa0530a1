import * as tf from '@tensorflow/tfjs';
import type { PrunableLayer } from '../models/network';

/**
 * Choosing DNS's crate c for a target sparsity. DNS has no target: its sparsity follows from
 * thr = max(μ + c·σ, 0) and training. To compare it with methods that take a target, the lab moves
 * every layer's c by one shift δ (keeping the per-layer pattern of the defaults) until the first
 * surgery step, read off the weight distribution, cuts the target fraction. Training then moves the
 * sparsity on: on LeNet-300-100 from the shipped checkpoint DNS splices back about 1.1–1.3 points
 * of density in the first two epochs and little after (3.1% → 4.2% with the default c, 1.35% →
 * 2.7% with c = 3.6, 3.4, 2.4, over 20 epochs). So runs report what they reached, and pilot runs
 * (`calibrateDnsByPilot` in train/) correct the first-cut target for that drift.
 */

/** The c a calibration chose and what it predicts. */
export interface CrateCalibration {
  readonly mode: 'first-cut' | 'pilot';
  /** The sparsity asked for. */
  readonly target: number;
  /** Per-layer c to run DNS with. */
  readonly c: readonly number[];
  /** The shift δ added to the base c. */
  readonly shift: number;
  /** Sparsity the first surgery step gives with these c (weights and biases, all layers). */
  readonly firstCut: number;
  readonly firstCutPerLayer: readonly number[];
  /** Sparsity the pilot runs reached, last one last (pilot mode). */
  readonly pilotSparsity?: readonly number[];
  /** Wall time the calibration took (pilot runs are outside the run's budget). */
  readonly seconds?: number;
}

/** Sorted |v| of a layer's kept weights and biases, with its μ, σ and already-pruned count. */
export interface LayerDistribution {
  readonly sortedAbs: Float32Array;
  readonly mu: number;
  readonly sigma: number;
  /** Entries already zero (pruned) that count as pruned whatever c is. */
  readonly zeros: number;
  readonly size: number;
}

/** Reads each layer's |w⊙T| and |b⊙Tb| once (calibration only, never per step). */
export async function layerDistributions(
  layers: readonly PrunableLayer[],
): Promise<LayerDistribution[]> {
  const out: LayerDistribution[] = [];
  for (const l of layers) {
    const t = tf.tidy(() =>
      tf.abs(
        tf.concat([tf.reshape(tf.mul(l.w, l.wMask), [-1]), tf.reshape(tf.mul(l.b, l.bMask), [-1])]),
      ),
    );
    const all = (await t.data()) as Float32Array;
    t.dispose();
    const nz = all.filter((x) => x > 0).sort();
    let s = 0;
    let s2 = 0;
    for (const x of nz) {
      s += x;
      s2 += x * x;
    }
    const n = Math.max(1, nz.length);
    const mu = s / n;
    out.push({
      sortedAbs: nz,
      mu,
      sigma: Math.sqrt(Math.max(0, s2 / n - mu * mu)),
      zeros: all.length - nz.length,
      size: all.length,
    });
  }
  return out;
}

/** Entries of a sorted array ≤ x. */
function countAtMost(sorted: Float32Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Per-layer sparsity after the first surgery step with crate c: |v| ≤ a = 0.9 · max(μ + cσ, 0). */
export function firstCutSparsity(d: readonly LayerDistribution[], c: readonly number[]): number[] {
  return d.map((l, k) => {
    // Guo et al. 2016 / Caffe CCMaskCalc: a = 0.9 · max(μ + c·σ, 0); cut where |w| ≤ a
    const a = 0.9 * Math.max(l.mu + c[k]! * l.sigma, 0);
    return (l.zeros + countAtMost(l.sortedAbs, a)) / l.size;
  });
}

/** Overall sparsity of per-layer sparsities, weighted by layer size. */
function overall(d: readonly LayerDistribution[], perLayer: readonly number[]): number {
  const total = d.reduce((s, l) => s + l.size, 0);
  return d.reduce((s, l, k) => s + l.size * perLayer[k]!, 0) / total;
}

/**
 * The shift δ (bisection) such that c = base + δ makes the first surgery step cut `firstCut` of
 * all weights and biases. Monotone: a larger c cuts more.
 */
export function crateForFirstCut(
  d: readonly LayerDistribution[],
  firstCut: number,
  base: readonly number[],
): { c: number[]; shift: number; firstCut: number; perLayer: number[] } {
  const at = (delta: number) => base.map((c) => c + delta);
  let lo = -50;
  let hi = 50;
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (overall(d, firstCutSparsity(d, at(mid))) < firstCut) lo = mid;
    else hi = mid;
  }
  const c = at(hi);
  const perLayer = firstCutSparsity(d, c);
  return { c, shift: hi, firstCut: overall(d, perLayer), perLayer };
}

/** First-cut calibration of DNS for a target sparsity on the network's current weights. */
export async function calibrateCrate(
  layers: readonly PrunableLayer[],
  target: number,
  base: readonly number[],
): Promise<CrateCalibration> {
  const d = await layerDistributions(layers);
  const r = crateForFirstCut(d, target, base);
  return {
    mode: 'first-cut',
    target,
    c: r.c,
    shift: r.shift,
    firstCut: r.firstCut,
    firstCutPerLayer: r.perLayer,
  };
}
