import * as tf from '@tensorflow/tfjs';
import type { Network } from '../core/models/network';
import type { ConnectionEvents } from '../core/train/events';

/**
 * One connection's weight and mask and, when events are tracked, its lifetime cut and splice
 * counts: four numbers read back (hover never ships whole tensors).
 */
export async function readConnection(
  net: Network,
  events: ConnectionEvents | null,
  layer: number,
  index: number,
): Promise<{ weight: number; alive: boolean; cuts: number; splices: number } | null> {
  const l = net.layers[layer];
  if (!l || !Number.isInteger(index) || index < 0 || index >= l.w.size) return null;
  const t = tf.tidy(() => {
    const pick = (x: tf.Tensor) => tf.slice(tf.reshape(x, [-1]), [index], [1]);
    const parts = [pick(l.w), pick(l.wMask)];
    if (events) {
      const e = events.layer(layer);
      parts.push(pick(e.cutTotal), pick(e.spliceTotal));
    }
    return tf.concat(parts);
  });
  const v = await t.data();
  t.dispose();
  return { weight: v[0]!, alive: v[1]! > 0.5, cuts: v[2] ?? 0, splices: v[3] ?? 0 };
}

/** Kept weights and biases over all layers (all of them for the dense baseline). */
export async function keptWeights(net: Network, masked: boolean): Promise<number> {
  if (!masked) return net.paramCount;
  const t = tf.tidy(() => tf.addN(net.layers.map((l) => tf.add(tf.sum(l.wMask), tf.sum(l.bMask)))));
  const v = await t.data();
  t.dispose();
  return v[0]!;
}

/** Per layer, the fraction of its weights (biases apart) pruned now: one small readback. */
export async function weightSparsity(net: Network): Promise<number[]> {
  const t = tf.tidy(() => tf.stack(net.layers.map((l) => tf.sum(l.wMask))));
  const v = await t.data();
  t.dispose();
  return net.layers.map((l, k) => 1 - v[k]! / l.w.size);
}
