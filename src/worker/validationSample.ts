import * as tf from '@tensorflow/tfjs';
import type { Batch } from '../core/data/batcher';
import { makeBatch } from '../core/data/batcher';
import type { Dataset, DataSplit } from '../core/data/types';
import type { Network } from '../core/models/network';
import type { Evaluation } from '../core/train/evaluate';
import { evaluate } from '../core/train/evaluate';

/** Examples kept on the backend as one batch at most (evaluate's chunk: 1,000). */
const MAX_KEPT = 1000;

/**
 * The fixed validation subsample of a live run, built into tensors once and kept: the lab
 * validates about four times an epoch, and turning the bytes into floats and the labels into
 * one-hot rows took about a quarter of each pass. The sums are evaluate()'s on the same batch, so
 * the figures are the same; a subsample over 1,000 examples is left to evaluate() (not kept).
 */
export class ValidationSample {
  private batch: Batch | null = null;
  readonly count: number;

  constructor(
    private readonly data: Dataset,
    private readonly split: DataSplit,
    private readonly limit: number,
  ) {
    this.count = Math.min(split.count, limit);
  }

  async evaluate(net: Network, masked: boolean): Promise<Evaluation> {
    const n = this.count;
    if (n === 0 || n > MAX_KEPT)
      return evaluate(net, this.data, this.split, { limit: this.limit, masked });
    this.batch ??= tf.tidy(() => {
      const b = makeBatch(
        this.data,
        this.split,
        Uint32Array.from({ length: n }, (_, i) => i),
      );
      return { x: tf.keep(b.x), y: tf.keep(b.y), size: b.size };
    });
    const { x, y } = this.batch;
    const r = tf.tidy(() => {
      const logits = net.predict(x, masked);
      const hits = tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), tf.argMax(y, 1)), 'float32'));
      const loss = tf.mul(tf.losses.softmaxCrossEntropy(y, logits), n);
      return tf.stack([hits, loss]);
    });
    const v = await r.data();
    r.dispose();
    return { accuracy: v[0]! / n, loss: v[1]! / n, count: n };
  }

  /** Frees the kept batch (forgotten first: a failed backend may refuse to free it). */
  dispose(): void {
    const b = this.batch;
    this.batch = null;
    b?.x.dispose();
    b?.y.dispose();
  }
}
