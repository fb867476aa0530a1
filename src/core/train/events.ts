import * as tf from '@tensorflow/tfjs';
import type { PrunableLayer } from '../models/network';

/**
 * Per-connection record of mask changes, kept on the backend: whether each weight was cut or
 * spliced since the last acknowledged snapshot, and how often it was cut and spliced in all.
 */
export class EventTracker {
  private cutSince: tf.Tensor[];
  private splicedSince: tf.Tensor[];
  private cutTotal: tf.Tensor[];
  private spliceTotal: tf.Tensor[];

  constructor(layers: readonly PrunableLayer[]) {
    const zeros = () => layers.map((l) => tf.keep(tf.zerosLike(l.w)));
    this.cutSince = zeros();
    this.splicedSince = zeros();
    this.cutTotal = zeros();
    this.spliceTotal = zeros();
  }

  /** Records one layer's weight-mask change (call inside tidy with old and new masks). */
  record(k: number, cut: tf.Tensor, spliced: tf.Tensor): void {
    const swap = (list: tf.Tensor[], next: tf.Tensor) => {
      list[k]!.dispose();
      list[k] = tf.keep(next);
    };
    swap(this.cutSince, tf.maximum(this.cutSince[k]!, cut));
    swap(this.splicedSince, tf.maximum(this.splicedSince[k]!, spliced));
    swap(this.cutTotal, tf.add(this.cutTotal[k]!, cut));
    swap(this.spliceTotal, tf.add(this.spliceTotal[k]!, spliced));
  }

  /** The tensors of one layer, for the snapshot. */
  layer(k: number) {
    return {
      cutSince: this.cutSince[k]!,
      splicedSince: this.splicedSince[k]!,
      cutTotal: this.cutTotal[k]!,
      spliceTotal: this.spliceTotal[k]!,
    };
  }

  /** Starts a new "since the last snapshot" window. */
  acknowledge(): void {
    for (const list of [this.cutSince, this.splicedSince])
      list.forEach((t, k) => {
        list[k] = tf.keep(tf.zerosLike(t));
        t.dispose();
      });
  }

  dispose(): void {
    for (const list of [this.cutSince, this.splicedSince, this.cutTotal, this.spliceTotal])
      for (const t of list) t.dispose();
  }
}
