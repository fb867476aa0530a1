import * as tf from '@tensorflow/tfjs';
import { makeBatch } from '../data/batcher';
import type { Dataset, DataSplit } from '../data/types';
import type { Network } from '../models/network';

export interface Evaluation {
  readonly accuracy: number;
  readonly loss: number;
  readonly count: number;
}

/**
 * Accuracy and mean loss of the network (with its masks, unless `masked` is false) on the first
 * `limit` examples of a split, in chunks so memory stays small. Reads back one pair per chunk.
 */
export async function evaluate(
  net: Network,
  data: Dataset,
  split: DataSplit,
  opts: { masked?: boolean; limit?: number; chunk?: number } = {},
): Promise<Evaluation> {
  const n = Math.min(split.count, opts.limit ?? split.count);
  const chunk = opts.chunk ?? 1000;
  const masked = opts.masked ?? true;
  let correct = 0;
  let lossSum = 0;
  for (let start = 0; start < n; start += chunk) {
    const size = Math.min(chunk, n - start);
    const idx = new Uint32Array(size);
    for (let i = 0; i < size; i++) idx[i] = start + i;
    const r = tf.tidy(() => {
      const b = makeBatch(data, split, idx);
      const logits = net.predict(b.x, masked);
      const hits = tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), tf.argMax(b.y, 1)), 'float32'));
      const loss = tf.mul(tf.losses.softmaxCrossEntropy(b.y, logits), size);
      return tf.stack([hits, loss]);
    });
    const v = await r.data();
    r.dispose();
    correct += v[0]!;
    lossSum += v[1]!;
  }
  return { accuracy: n > 0 ? correct / n : NaN, loss: n > 0 ? lossSum / n : NaN, count: n };
}
