import * as tf from '@tensorflow/tfjs';
import type { PrunableLayer } from '../models/network';

/** One layer's per-connection records, as tensors (read inside tf.tidy: some are made when read). */
export interface LayerEvents {
  /** 0/1: cut, or spliced, since the last acknowledgement. */
  readonly cutSince: tf.Tensor;
  readonly splicedSince: tf.Tensor;
  /** Times cut, and spliced, in all. */
  readonly cutTotal: tf.Tensor;
  readonly spliceTotal: tf.Tensor;
}

/** What the snapshot and the hover card read of a run's mask changes, wherever they are kept. */
export interface ConnectionEvents {
  layer(k: number): LayerEvents;
  /** Starts a new "since the last snapshot" window. */
  acknowledge(): void;
  dispose(): void;
}

/**
 * Per-connection record of mask changes, kept on the backend: whether each weight was cut or
 * spliced since the last acknowledged snapshot, and how often it was cut and spliced in all.
 * A step only adds to the lifetime counts (two cheap adds: tfjs-wasm's `maximum` took ~3 ms over
 * LeNet-300-100's first layer, more than the whole step); "since the snapshot" is read as the
 * counts having grown past their value at the last acknowledgement.
 */
export class EventTracker implements ConnectionEvents {
  private cutTotal: tf.Tensor[];
  private spliceTotal: tf.Tensor[];
  /** The lifetime counts at the last `acknowledge` (shared data: tfjs never writes in place). */
  private cutAtAck: tf.Tensor[];
  private spliceAtAck: tf.Tensor[];

  constructor(layers: readonly PrunableLayer[]) {
    const zeros = () => layers.map((l) => tf.keep(tf.zerosLike(l.w)));
    this.cutTotal = zeros();
    this.spliceTotal = zeros();
    this.cutAtAck = zeros();
    this.spliceAtAck = zeros();
  }

  /** Records one layer's weight-mask change (call inside tidy with 0/1 cut and spliced flags). */
  record(k: number, cut: tf.Tensor, spliced: tf.Tensor): void {
    const swap = (list: tf.Tensor[], next: tf.Tensor) => {
      list[k]!.dispose();
      list[k] = tf.keep(next);
    };
    swap(this.cutTotal, tf.add(this.cutTotal[k]!, cut));
    swap(this.spliceTotal, tf.add(this.spliceTotal[k]!, spliced));
  }

  /**
   * The tensors of one layer, for the snapshot: 0/1 cut / spliced since the last acknowledgement
   * (computed when read: read inside tf.tidy) and the lifetime counts (owned by the tracker).
   */
  layer(k: number): LayerEvents {
    const since = (total: tf.Tensor, atAck: tf.Tensor) => tf.step(tf.sub(total, atAck));
    const cutTotal = this.cutTotal[k]!;
    const spliceTotal = this.spliceTotal[k]!;
    const cutAtAck = this.cutAtAck[k]!;
    const spliceAtAck = this.spliceAtAck[k]!;
    return {
      get cutSince() {
        return since(cutTotal, cutAtAck);
      },
      get splicedSince() {
        return since(spliceTotal, spliceAtAck);
      },
      cutTotal,
      spliceTotal,
    };
  }

  /** Starts a new "since the last snapshot" window. */
  acknowledge(): void {
    const mark = (atAck: tf.Tensor[], totals: tf.Tensor[]) =>
      atAck.forEach((t, k) => {
        atAck[k] = tf.keep(tf.clone(totals[k]!));
        t.dispose();
      });
    mark(this.cutAtAck, this.cutTotal);
    mark(this.spliceAtAck, this.spliceTotal);
  }

  dispose(): void {
    for (const list of [this.cutTotal, this.spliceTotal, this.cutAtAck, this.spliceAtAck])
      for (const t of list) t.dispose();
  }
}
