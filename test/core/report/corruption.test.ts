import { describe, expect, it } from 'vitest';
import { corrupt, corruptionsFor } from '../../../src/core/report/corruption';

const img = (count: number, v: (i: number) => number) =>
  Float32Array.from({ length: count * 28 * 28 }, (_, i) => v(i));
const shape = [28, 28, 1];

describe('corruptions', () => {
  it('images get noise, occlusion and contrast; tables noise and missing features', () => {
    expect(corruptionsFor(shape)).toEqual(['noise', 'occlusion', 'contrast']);
    expect(corruptionsFor([2])).toEqual(['noise', 'missing']);
  });

  it('are seeded: same seed same output, another seed another', () => {
    const x = img(3, (i) => (i % 7) / 7);
    const a = corrupt({
      x,
      count: 3,
      inputShape: shape,
      corruption: 'noise',
      severity: 0.2,
      seed: 1,
    });
    const b = corrupt({
      x,
      count: 3,
      inputShape: shape,
      corruption: 'noise',
      severity: 0.2,
      seed: 1,
    });
    const c = corrupt({
      x,
      count: 3,
      inputShape: shape,
      corruption: 'noise',
      severity: 0.2,
      seed: 2,
    });
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(x[1]).toBeCloseTo(1 / 7, 7); // the input is left as it was
  });

  it('image noise stays in [0, 1] and its spread grows with σ', () => {
    const x = img(4, () => 0.5);
    const spread = (s: number) => {
      const y = corrupt({
        x,
        count: 4,
        inputShape: shape,
        corruption: 'noise',
        severity: s,
        seed: 3,
      });
      expect(Math.min(...y)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...y)).toBeLessThanOrEqual(1);
      return Math.sqrt(y.reduce((a, v) => a + (v - 0.5) ** 2, 0) / y.length);
    };
    const [s1, s2, s4] = [spread(0.1), spread(0.2), spread(0.4)];
    expect(s1).toBeGreaterThan(0.09);
    expect(s1).toBeLessThan(0.11);
    expect(s2).toBeGreaterThan(s1);
    expect(s4).toBeGreaterThan(s2);
  });

  it('occlusion zeroes exactly one side×side square per image', () => {
    const x = img(5, () => 1);
    for (const side of [6, 10, 14]) {
      const y = corrupt({
        x,
        count: 5,
        inputShape: shape,
        corruption: 'occlusion',
        severity: side,
        seed: 1,
      });
      for (let i = 0; i < 5; i++) {
        const zeros = y.subarray(i * 784, (i + 1) * 784).filter((v) => v === 0).length;
        expect(zeros).toBe(side * side);
      }
    }
  });

  it('contrast scales around each image mean and keeps the mean', () => {
    const x = img(1, (i) => (i < 392 ? 0 : 1)); // mean 0.5
    const y = corrupt({
      x,
      count: 1,
      inputShape: shape,
      corruption: 'contrast',
      severity: 0.2,
      seed: 1,
    });
    expect(y[0]).toBeCloseTo(0.4, 6);
    expect(y[783]).toBeCloseTo(0.6, 6);
  });

  it('missing features take the training mean, about the asked fraction of them', () => {
    const n = 4000;
    const x = Float32Array.from({ length: 2 * n }, () => 9);
    const trainMean = Float32Array.from([0.25, -1]);
    const y = corrupt({
      x,
      count: n,
      inputShape: [2],
      corruption: 'missing',
      severity: 0.25,
      seed: 5,
      trainMean,
    });
    const missing = y.filter((v) => v !== 9);
    expect(missing.length / y.length).toBeGreaterThan(0.23);
    expect(missing.length / y.length).toBeLessThan(0.27);
    for (let i = 0; i < y.length; i++) if (y[i] !== 9) expect(y[i]).toBe(trainMean[i % 2]);
  });
});
