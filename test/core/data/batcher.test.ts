import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Batcher } from '../../../src/core/data/batcher';
import { stratifiedPartition } from '../../../src/core/data/split';
import { labelHistogram } from '../../../src/core/data/types';
import { createRng } from '../../../src/core/rng';
import { signDataset } from '../../helpers/data';
import { backend } from '../../helpers/tf';

beforeAll(() => backend('cpu'));

describe('Batcher', () => {
  const data = signDataset(100);
  it('same seed, same batches; another seed, other batches', () => {
    const a = new Batcher(data, data.train, 10, createRng(1));
    const b = new Batcher(data, data.train, 10, createRng(1));
    const c = new Batcher(data, data.train, 10, createRng(2));
    for (let i = 0; i < 25; i++) {
      const ia = Array.from(a.nextIndices());
      expect(ia).toEqual(Array.from(b.nextIndices()));
      if (i === 0) expect(ia).not.toEqual(Array.from(c.nextIndices()));
    }
  });

  it('visits every example once per epoch and reshuffles', () => {
    const a = new Batcher(data, data.train, 10, createRng(3));
    const first = new Set<number>();
    for (let i = 0; i < 10; i++) a.nextIndices().forEach((v) => first.add(v));
    expect(first.size).toBe(100);
    expect(a.epoch).toBe(0);
    a.nextIndices();
    expect(a.epoch).toBe(1);
  });

  it('builds one-hot float batches of the input shape', () => {
    const a = new Batcher(data, data.train, 8, createRng(3));
    const batch = a.next();
    expect(batch.x.shape).toEqual([8, 2]);
    expect(batch.y.shape).toEqual([8, 2]);
    expect(tf.sum(batch.y).dataSync()[0]).toBe(8);
    tf.dispose([batch.x, batch.y]);
  });
});

describe('stratifiedPartition', () => {
  it('gives exact part sizes and keeps class balance', () => {
    const data = signDataset(101);
    const [a, b] = stratifiedPartition(data.train, [0.3, 0.7], createRng(1));
    expect(a!.count).toBe(30);
    expect(b!.count).toBe(71);
    const all = labelHistogram(data.train.y, 2);
    const ha = labelHistogram(a!.y, 2);
    ha.forEach((n, c) => expect(Math.abs(n - 0.3 * all[c]!)).toBeLessThanOrEqual(1));
  });
});
