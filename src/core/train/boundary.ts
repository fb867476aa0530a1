import * as tf from '@tensorflow/tfjs';
import type { Dataset, DataSplit } from '../data/types';
import type { Network } from '../models/network';

/** The part of the plane a decision-boundary picture covers (feature units, as the model sees them). */
export interface Plane {
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
}

/** The model's answer over a `size` × `size` grid of the plane, row 0 at the top (y1). */
export interface DecisionGrid extends Plane {
  readonly size: number;
  /** Predicted class per cell, row-major. */
  readonly classes: Uint8Array;
  /** Probability of the predicted class per cell (softmax of the logits). */
  readonly confidence: Float32Array;
  /** Training points drawn over it: x,y pairs and their labels. */
  readonly points: Float32Array;
  readonly labels: Uint8Array;
  readonly classNames: readonly string[];
}

/** True when the data has exactly two input features (the 2-D toys and 2-column uploads). */
export function isPlanar(data: Pick<Dataset, 'featureSize' | 'inputShape'>): boolean {
  return data.featureSize === 2 && data.inputShape.length === 1;
}

/** The bounding box of a split's points, widened by `margin` of its extent on every side. */
export function planeOf(split: DataSplit, xScale: number, margin = 0.1): Plane {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let i = 0; i < split.count; i++) {
    const x = split.x[2 * i]! * xScale;
    const y = split.x[2 * i + 1]! * xScale;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  if (!Number.isFinite(x0)) return { x0: -1, x1: 1, y0: -1, y1: 1 };
  const mx = Math.max(x1 - x0, 1e-6) * margin;
  const my = Math.max(y1 - y0, 1e-6) * margin;
  return { x0: x0 - mx, x1: x1 + mx, y0: y0 - my, y1: y1 + my };
}

/** Centre of grid cell (row, col): rows run from y1 (top) down to y0. */
export function cellCentre(p: Plane, size: number, row: number, col: number): [number, number] {
  return [p.x0 + ((col + 0.5) / size) * (p.x1 - p.x0), p.y1 - ((row + 0.5) / size) * (p.y1 - p.y0)];
}

/**
 * The masked network's prediction at the centre of every cell of a `size`² grid over the plane
 * (one forward pass, one readback), plus up to `maxPoints` training points (evenly spaced through
 * the split, so the same points every time).
 */
export async function decisionGrid(
  net: Network,
  data: Dataset,
  plane: Plane,
  opts: { size?: number; maxPoints?: number } = {},
): Promise<DecisionGrid> {
  const size = opts.size ?? 48;
  const xy = new Float32Array(size * size * 2);
  for (let r = 0; r < size; r++)
    for (let c = 0; c < size; c++) {
      const [x, y] = cellCentre(plane, size, r, c);
      xy[2 * (r * size + c)] = x;
      xy[2 * (r * size + c) + 1] = y;
    }
  const out = tf.tidy(() => {
    const probs = tf.softmax(net.predict(tf.tensor2d(xy, [size * size, 2]), true));
    return tf.concat([tf.cast(tf.argMax(probs, 1), 'float32'), tf.max(probs, 1)]);
  });
  const v = (await out.data()) as Float32Array;
  out.dispose();
  const n = size * size;
  const classes = new Uint8Array(n);
  for (let i = 0; i < n; i++) classes[i] = v[i]!;
  const split = data.train;
  const m = Math.min(split.count, opts.maxPoints ?? 400);
  const points = new Float32Array(2 * m);
  const labels = new Uint8Array(m);
  for (let i = 0; i < m; i++) {
    const src = Math.floor((i * split.count) / m);
    points[2 * i] = split.x[2 * src]! * data.xScale;
    points[2 * i + 1] = split.x[2 * src + 1]! * data.xScale;
    labels[i] = split.y[src]!;
  }
  const confidence = v.slice(n, 2 * n);
  return { ...plane, size, classes, confidence, points, labels, classNames: [...data.classNames] };
}
