import type { Rng } from '../rng';
import { shuffleInPlace } from '../rng';
import type { DataSplit } from './types';

/** Copies the examples at `indices` into a new split. */
export function takeExamples(split: DataSplit, indices: ArrayLike<number>): DataSplit {
  const d = split.count === 0 ? 0 : split.x.length / split.count;
  const x =
    split.x instanceof Uint8Array
      ? new Uint8Array(indices.length * d)
      : new Float32Array(indices.length * d);
  const y = new Uint8Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const src = indices[i]!;
    x.set(split.x.subarray(src * d, (src + 1) * d), i * d);
    y[i] = split.y[src]!;
  }
  return { count: indices.length, x, y };
}

/**
 * Seeded stratified partition of a split into parts with the given fractions (the last part takes
 * the rest). Each part's size is round(fraction · count), shared out over the classes by largest
 * remainder, so class balance is kept and the sizes are exact.
 */
export function stratifiedPartition(
  split: DataSplit,
  fractions: readonly number[],
  rng: Rng,
): DataSplit[] {
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < split.count; i++) {
    const c = split.y[i]!;
    let list = byClass.get(c);
    if (!list) byClass.set(c, (list = []));
    list.push(i);
  }
  const classes = [...byClass.keys()].sort((p, q) => p - q);
  const lists = classes.map((c) => shuffleInPlace(byClass.get(c)!, rng));
  const left = lists.map((l) => l.length);
  const parts: number[][] = fractions.map(() => []);
  const start = lists.map(() => 0);
  fractions.forEach((f, k) => {
    const last = k === fractions.length - 1;
    let quota: number[];
    if (last) quota = left.slice();
    else {
      const target = Math.min(
        Math.round(f * split.count),
        left.reduce((a, b) => a + b, 0),
      );
      const ideal = lists.map((l, j) => Math.min(left[j]!, f * l.length));
      quota = ideal.map(Math.floor);
      let rest = target - quota.reduce((a, b) => a + b, 0);
      const order = ideal
        .map((v, j) => [v - Math.floor(v), j] as const)
        .sort((p, q) => q[0] - p[0]);
      for (const [, j] of order) {
        if (rest <= 0) break;
        if (quota[j]! < left[j]!) {
          quota[j]!++;
          rest--;
        }
      }
    }
    lists.forEach((l, j) => {
      parts[k]!.push(...l.slice(start[j]!, start[j]! + quota[j]!));
      start[j]! += quota[j]!;
      left[j]! -= quota[j]!;
    });
  });
  return parts.map((idx) => takeExamples(split, shuffleInPlace(idx, rng)));
}

/** Carves a seeded stratified validation set of `count` examples out of a training split. */
export function carveValidation(
  train: DataSplit,
  count: number,
  rng: Rng,
): { train: DataSplit; validation: DataSplit } {
  const n = Math.max(0, Math.min(count, train.count - 1));
  const [validation, rest] = stratifiedPartition(
    train,
    [n / train.count, 1 - n / train.count],
    rng,
  );
  return { train: rest!, validation: validation! };
}
