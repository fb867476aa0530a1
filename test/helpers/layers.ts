import * as tf from '@tensorflow/tfjs';
import type { PrunableLayer } from '../../src/core/models/network';

/** A hand-made dense layer with the given weights (rows × cols), bias and masks. */
export function handLayer(
  w: number[][],
  b: number[],
  masks: { w?: number[][]; b?: number[] } = {},
  name = 'hand',
): PrunableLayer {
  const rows = w.length;
  const cols = w[0]!.length;
  if (b.length !== cols)
    throw new Error(`handLayer: ${cols} columns need ${cols} biases, got ${b.length}`);
  return {
    index: 0,
    name,
    kind: 'dense',
    w: tf.variable(tf.tensor2d(w), true),
    b: tf.variable(tf.tensor1d(b), true),
    wMask: tf.variable(masks.w ? tf.tensor2d(masks.w) : tf.ones([rows, cols]), false),
    bMask: tf.variable(masks.b ? tf.tensor1d(masks.b) : tf.ones([cols]), false),
    fanIn: rows,
    rows,
    cols,
    size: rows * cols + cols,
  };
}
