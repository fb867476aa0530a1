import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../rng';
import { permutation } from '../rng';
import type { Dataset, DataSplit } from './types';

/** A batch of examples as tensors: x shaped [b, ...inputShape], y one-hot [b, classes]. */
export interface Batch {
  readonly x: tf.Tensor;
  readonly y: tf.Tensor2D;
  readonly size: number;
}

/** Builds the tensors for the examples at `indices` (caller disposes, or builds inside tidy). */
export function makeBatch(
  data: Pick<Dataset, 'inputShape' | 'numClasses' | 'xScale'>,
  split: DataSplit,
  indices: ArrayLike<number>,
): Batch {
  const d = split.count === 0 ? 0 : split.x.length / split.count;
  const b = indices.length;
  const xs = new Float32Array(b * d);
  const ys = new Int32Array(b);
  const scale = data.xScale;
  for (let i = 0; i < b; i++) {
    const off = indices[i]! * d;
    const row = split.x.subarray(off, off + d);
    const base = i * d;
    if (scale === 1) xs.set(row, base);
    else for (let j = 0; j < d; j++) xs[base + j] = row[j]! * scale;
    ys[i] = split.y[indices[i]!]!;
  }
  return tf.tidy(() => ({
    x: tf.tensor(xs, [b, ...data.inputShape]),
    y: tf.cast(tf.oneHot(tf.tensor1d(ys, 'int32'), data.numClasses), 'float32') as tf.Tensor2D,
    size: b,
  }));
}

/**
 * Seeded shuffled mini-batches over a split, epoch after epoch. Same seed, same batches. The tail
 * that does not fill a whole batch is left out of that epoch (the next shuffle deals it again).
 */
export class Batcher {
  private order: Uint32Array;
  private pos = 0;
  epoch = 0;

  constructor(
    private readonly data: Pick<Dataset, 'inputShape' | 'numClasses' | 'xScale'>,
    private readonly split: DataSplit,
    readonly batchSize: number,
    private readonly rng: Rng,
  ) {
    if (split.count < 1) throw new Error('the training split is empty');
    this.order = permutation(split.count, rng);
  }

  /** Whole batches per epoch (at least one, even when the split is smaller than a batch). */
  get stepsPerEpoch(): number {
    return Math.max(1, Math.floor(this.split.count / this.batchSize));
  }

  /** Indices of the next batch; starts a freshly shuffled epoch when this one is used up. */
  nextIndices(): Uint32Array {
    const size = Math.min(this.batchSize, this.split.count);
    if (this.pos + size > this.split.count) {
      this.order = permutation(this.split.count, this.rng);
      this.pos = 0;
      this.epoch++;
    }
    const idx = this.order.subarray(this.pos, this.pos + size);
    this.pos += size;
    return idx;
  }

  /** The next batch as tensors. */
  next(): Batch {
    return makeBatch(this.data, this.split, this.nextIndices());
  }
}
