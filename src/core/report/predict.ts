import * as tf from '@tensorflow/tfjs';
import type { Dataset, DataSplit } from '../data/types';
import type { Checkpoint } from '../models/checkpoint';
import { applyCheckpoint } from '../models/checkpoint';
import { Network } from '../models/network';
import { createRng } from '../rng';
import { checkpointArchitecture } from './layers';

/** A network (no training state) holding a checkpoint's weights and masks. */
export function networkOf(ckpt: Checkpoint): Network {
  const net = new Network(checkpointArchitecture(ckpt), createRng(0));
  applyCheckpoint(net, ckpt);
  return net;
}

/** Runs `f` on a network built from the checkpoint, then frees it. */
export async function withNetwork<T>(
  ckpt: Checkpoint,
  f: (net: Network) => Promise<T>,
): Promise<T> {
  const net = networkOf(ckpt);
  try {
    return await f(net);
  } finally {
    net.dispose();
  }
}

/** A split's examples in the model's input space (pixels scaled to [0, 1]), n × featureSize. */
export function splitInputs(data: Pick<Dataset, 'xScale'>, split: DataSplit, limit?: number) {
  const count = Math.min(split.count, limit ?? split.count);
  const d = split.count > 0 ? split.x.length / split.count : 0;
  const x = new Float32Array(count * d);
  for (let i = 0; i < count * d; i++) x[i] = split.x[i]! * data.xScale;
  return { x, y: split.y.subarray(0, count), count };
}

/** Per-feature mean of a split in the model's input space (what a missing feature is set to). */
export function featureMean(data: Pick<Dataset, 'xScale' | 'featureSize'>, split: DataSplit) {
  const d = data.featureSize;
  const m = new Float64Array(d);
  for (let i = 0; i < split.count * d; i++) m[i % d] = m[i % d]! + split.x[i]! * data.xScale;
  return Float32Array.from(m, (v) => v / Math.max(1, split.count));
}

/** Logits [n, classes] of the network (masks applied unless `masked` is false), in chunks. */
export async function logitsOf(
  net: Network,
  x: Float32Array,
  count: number,
  opts: { masked?: boolean; chunk?: number } = {},
): Promise<Float32Array> {
  const shape = net.arch.inputShape;
  const d = shape.reduce((p, q) => p * q, 1);
  const k = net.arch.numClasses;
  const chunk = opts.chunk ?? 1000;
  const out = new Float32Array(count * k);
  for (let s = 0; s < count; s += chunk) {
    const n = Math.min(chunk, count - s);
    const t = tf.tidy(() =>
      net.predict(tf.tensor(x.subarray(s * d, (s + n) * d), [n, ...shape]), opts.masked ?? true),
    );
    out.set((await t.data()) as Float32Array, s * k);
    t.dispose();
  }
  return out;
}

/** Fraction of rows whose largest logit is the label. */
export function accuracyOf(logits: Float32Array, labels: ArrayLike<number>, k: number): number {
  let right = 0;
  for (let i = 0; i < labels.length; i++) if (argmaxRow(logits, i, k) === labels[i]) right++;
  return labels.length > 0 ? right / labels.length : NaN;
}

/** Index of the largest of row i's k values. */
export function argmaxRow(v: ArrayLike<number>, i: number, k: number): number {
  let top = 0;
  for (let c = 1; c < k; c++) if (v[i * k + c]! > v[i * k + top]!) top = c;
  return top;
}
