import * as tf from '@tensorflow/tfjs';
import type { LayerThresholds } from '../pruning/types';
import type { Trainer } from './trainer';

/** State of one connection in a snapshot ("just" = since the previous acknowledged snapshot). */
export const CELL = { pruned: 0, alive: 1, justCut: 2, justSpliced: 3 } as const;

/** Counts of |w| in equal bins over [0, maxAbs], alive and pruned weights apart. */
export interface Histogram {
  readonly maxAbs: number;
  readonly alive: Float32Array;
  readonly pruned: Float32Array;
}

export interface LayerSnapshot {
  readonly index: number;
  readonly name: string;
  readonly kind: 'dense' | 'conv2d';
  /** Heatmap grid: rows = fan-in positions, cols = output units; weights are row-major. */
  readonly rows: number;
  readonly cols: number;
  /** Kept / total over weights and biases. */
  readonly kept: number;
  readonly total: number;
  readonly histogram: Histogram;
  readonly thresholds: LayerThresholds | null;
  /** Present when the snapshot asked for this layer's cells. */
  readonly weights?: Float32Array;
  readonly state?: Uint8Array;
}

export interface Snapshot {
  readonly step: number;
  readonly density: number;
  readonly layers: readonly LayerSnapshot[];
}

export interface SnapshotOptions {
  /** Layers whose weights and cell states are read back in full (default: all). */
  readonly cells?: readonly number[] | 'all' | 'none';
  readonly bins?: number;
  /** Start a new "since the last snapshot" window for the just-cut / just-spliced colours. */
  readonly acknowledge?: boolean;
}

/**
 * Reads what the charts need. Histograms, counts and thresholds are reduced on the backend and
 * read back as small arrays; full weights and cell states only for the layers asked for. Where our
 * wasm kernels hold the run (kernels/fastStep.ts) they are read in one pass over their memory.
 */
export async function takeSnapshot(
  trainer: Trainer,
  opts: SnapshotOptions = {},
): Promise<Snapshot> {
  const read = readKernels(trainer, opts) ?? (await readTensors(trainer, opts));
  if (opts.acknowledge) trainer.eventTracker?.acknowledge();
  return assemble(trainer, read, await trainer.thresholds());
}

/** What a snapshot reads of each layer, before names and thresholds are added. */
export interface LayerReading {
  readonly kept: number;
  readonly histogram: Histogram;
  readonly weights?: Float32Array;
  readonly state?: Uint8Array;
}

function cellsWanted(opts: SnapshotOptions): (k: number) => boolean {
  const want = opts.cells ?? 'all';
  return (k) => want === 'all' || (want !== 'none' && want.includes(k));
}

/**
 * The readings from our wasm kernels' memory where they hold the run (kernels/fastStep.ts), in
 * float32 as the backend computes them, so both paths put every weight in the same bin; null on
 * the tfjs path.
 */
export function readKernels(trainer: Trainer, opts: SnapshotOptions = {}): LayerReading[] | null {
  return trainer.kernelSnapshot(opts.bins ?? 48, cellsWanted(opts));
}

/** The readings on the backend: small reductions, and full weights and states where asked. */
export async function readTensors(
  trainer: Trainer,
  opts: SnapshotOptions = {},
): Promise<LayerReading[]> {
  const layers = trainer.network.layers;
  const bins = opts.bins ?? 48;
  const cellsOf = cellsWanted(opts);
  const events = trainer.eventTracker;
  const small = tf.tidy(() =>
    tf.concat(
      layers.map((l) => {
        const abs = tf.reshape(tf.abs(l.w), [-1]);
        const maxAbs = tf.maximum(tf.max(abs), 1e-12);
        // clipByValue, not minimum: tfjs-wasm's minimum takes ~2 ms over 235k weights.
        const idx = tf.cast(
          tf.clipByValue(tf.floor(tf.mul(tf.div(abs, maxAbs), bins)), 0, bins - 1),
          'int32',
        );
        const m = tf.reshape(l.wMask, [-1]);
        const alive = tf.bincount(idx as tf.Tensor1D, m as tf.Tensor1D, bins);
        const pruned = tf.bincount(idx as tf.Tensor1D, tf.sub(1, m) as tf.Tensor1D, bins);
        const kept = tf.add(tf.sum(l.wMask), tf.sum(l.bMask));
        return tf.concat([tf.stack([maxAbs, kept]), alive, pruned]);
      }),
    ),
  );
  const big = layers.map((l, k) =>
    cellsOf(k)
      ? tf.tidy(() => {
          const m = tf.reshape(l.wMask, [-1]);
          let state: tf.Tensor = m;
          if (events) {
            const e = events.layer(k);
            // alive 1, just spliced 3, pruned 0, just cut 2
            state = tf.add(
              tf.mul(m, tf.add(1, tf.mul(2, tf.reshape(e.splicedSince, [-1])))),
              tf.mul(tf.sub(1, m), tf.mul(2, tf.reshape(e.cutSince, [-1]))),
            );
          }
          return tf.concat([tf.reshape(l.w, [-1]), state]);
        })
      : null,
  );
  const smallV = await small.data();
  small.dispose();
  const bigV = await Promise.all(big.map((t) => t?.data() ?? null));
  for (const t of big) t?.dispose();
  const per = 2 + 2 * bins;
  return layers.map((l, k): LayerReading => {
    const o = k * per;
    const histogram = {
      maxAbs: smallV[o]!,
      alive: smallV.slice(o + 2, o + 2 + bins) as Float32Array,
      pruned: smallV.slice(o + 2 + bins, o + 2 + 2 * bins) as Float32Array,
    };
    const v = bigV[k];
    if (!v) return { kept: smallV[o + 1]!, histogram };
    const n = l.rows * l.cols;
    const state = new Uint8Array(n);
    state.set(v.subarray(n, 2 * n)); // 0..3 as bytes, converted natively
    return { kept: smallV[o + 1]!, histogram, weights: (v as Float32Array).slice(0, n), state };
  });
}

function assemble(
  trainer: Trainer,
  read: readonly LayerReading[],
  thresholds: readonly (LayerThresholds | null)[],
): Snapshot {
  const layers = trainer.network.layers;
  let keptAll = 0;
  let totalAll = 0;
  const out = layers.map((l, k): LayerSnapshot => {
    const r = read[k]!;
    const kept = trainer.method.id === 'none' ? l.size : r.kept;
    keptAll += kept;
    totalAll += l.size;
    return {
      index: k,
      name: l.name,
      kind: l.kind,
      rows: l.rows,
      cols: l.cols,
      kept,
      total: l.size,
      histogram: r.histogram,
      thresholds: thresholds[k] ?? null,
      ...(r.weights && r.state ? { weights: r.weights, state: r.state } : {}),
    };
  });
  return { step: trainer.t, density: totalAll > 0 ? keptAll / totalAll : 1, layers: out };
}
