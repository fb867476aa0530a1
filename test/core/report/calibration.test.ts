import { describe, expect, it } from 'vitest';
import { calibration, softmax } from '../../../src/core/report/calibration';

describe('calibration', () => {
  // Two classes, four examples. Top-class confidences 0.9, 0.9, 0.6, 0.55; correct: yes, no, yes, yes.
  const probs = [0.9, 0.1, 0.1, 0.9, 0.6, 0.4, 0.45, 0.55];
  const labels = [0, 0, 0, 1];

  it('ECE from a known reliability table (15 bins)', () => {
    const c = calibration(probs, labels, 2);
    // 0.9 → bin (0.8667, 0.9333]: acc 1/2, conf 0.9 → |0.5 − 0.9| · 2/4 = 0.2
    // 0.6 and 0.55 → bin (0.5333, 0.6]: acc 1, conf 0.575 → |1 − 0.575| · 2/4 = 0.2125
    expect(c.bins[13]).toMatchObject({ count: 2, accuracy: 0.5 });
    expect(c.bins[13]!.confidence).toBeCloseTo(0.9, 12);
    expect(c.bins[8]!.count).toBe(2);
    expect(c.bins[8]!.confidence).toBeCloseTo(0.575, 12);
    expect(c.ece).toBeCloseTo(0.2 + 0.2125, 12);
    expect(c.accuracy).toBe(0.75);
    expect(c.bins.reduce((s, b) => s + b.count, 0)).toBe(4);
  });

  it('Brier sums the squared error over classes; NLL is the mean −log p(true)', () => {
    const c = calibration(probs, labels, 2);
    // per example: 2·0.1², 2·0.9², 2·0.4², 2·0.45²
    expect(c.brier).toBeCloseTo((0.02 + 1.62 + 0.32 + 0.405) / 4, 12);
    expect(c.nll).toBeCloseTo(
      -(Math.log(0.9) + Math.log(0.1) + Math.log(0.6) + Math.log(0.55)) / 4,
      12,
    );
  });

  it('a confidence of exactly 1/15 falls in the first bin, exactly 1 in the last', () => {
    const c = calibration([1, 0, 0], [0], 3);
    expect(c.bins[14]!.count).toBe(1);
    expect(c.ece).toBe(0);
  });

  it('softmax rows sum to one and survive large logits', () => {
    const p = softmax(Float32Array.from([1000, 1000, 0, Math.log(3)]), 2);
    expect(p[0]).toBeCloseTo(0.5, 12);
    expect(p[3]! / p[2]!).toBeCloseTo(3, 6);
  });
});
