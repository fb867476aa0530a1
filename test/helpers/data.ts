import type { Dataset, DataSplit } from '../../src/core/data/types';
import { createRng } from '../../src/core/rng';

/**
 * Two features, two classes: the label is the sign of feature 0; feature 1 is noise.
 * A linear model needs a large weight on feature 0, so training grows it.
 */
export function signDataset(count = 256, seed = 1): Dataset {
  const rng = createRng(seed);
  const make = (n: number): DataSplit => {
    const x = new Float32Array(2 * n);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const x0 = rng.next() < 0.5 ? -1 : 1;
      x[2 * i] = x0 * (0.5 + rng.next());
      x[2 * i + 1] = rng.normal();
      y[i] = x0 > 0 ? 1 : 0;
    }
    return { count: n, x, y };
  };
  return {
    id: 'sign',
    title: 'sign of x0',
    inputShape: [2],
    featureSize: 2,
    numClasses: 2,
    classNames: ['neg', 'pos'],
    xScale: 1,
    train: make(count),
    validation: make(64),
    test: make(64),
  };
}

/**
 * Gaussian blobs: `classes` centres in `features` dimensions, unit noise. With 8 features an MLP's
 * every layer has an input size that is a multiple of 4 (N:M applies everywhere).
 */
export function blobsDataset(features = 8, classes = 4, count = 512, seed = 1): Dataset {
  const rng = createRng(seed);
  const centres = Array.from({ length: classes }, () =>
    Array.from({ length: features }, () => 3 * rng.normal()),
  );
  const make = (n: number): DataSplit => {
    const x = new Float32Array(features * n);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const c = rng.int(classes);
      y[i] = c;
      for (let j = 0; j < features; j++) x[i * features + j] = centres[c]![j]! + rng.normal();
    }
    return { count: n, x, y };
  };
  return {
    id: 'blobs',
    title: 'gaussian blobs',
    inputShape: [features],
    featureSize: features,
    numClasses: classes,
    classNames: Array.from({ length: classes }, (_, c) => `c${c}`),
    xScale: 1,
    train: make(count),
    validation: make(128),
    test: make(128),
  };
}
