import { describe, expect, it } from 'vitest';
import {
  accuracyDomain,
  countLabel,
  densityTicks,
  expm1_10,
  histogramBars,
  log1p10,
  log1pTicks,
  niceScale,
  stepTicks,
  thin,
} from '../../src/charts/series';

describe('chart series', () => {
  it('log1p10 keeps zero and inverts', () => {
    expect(log1p10(0)).toBe(0);
    expect(expm1_10(log1p10(999))).toBeCloseTo(999, 6);
    expect(log1pTicks(250).map(countLabel)).toEqual(['0', '1', '10', '100', '1k']);
  });

  it('bins a histogram at the bin centres with log counts', () => {
    const bars = histogramBars({
      maxAbs: 1,
      alive: new Float32Array([0, 9, 99, 0]),
      pruned: new Float32Array([3, 0, 0, 0]),
    });
    expect(bars.map((b) => b.x)).toEqual([0.125, 0.375, 0.625, 0.875]);
    expect(bars[2]!.alive).toBeCloseTo(2);
    expect(bars[0]!.prunedCount).toBe(3);
  });

  it('ticks density down past the lowest value', () => {
    expect(densityTicks(3)).toEqual([100, 50, 20, 10, 5, 2]);
  });

  it('zooms accuracy to where it is', () => {
    expect(accuracyDomain([97.9, 98.2])).toEqual([95, 100]);
    expect(accuracyDomain([])).toEqual([0, 100]);
  });

  it('makes round ticks', () => {
    expect(niceScale(0, 2.2, 5)).toEqual({ domain: [0, 3], ticks: [0, 1, 2, 3] });
    expect(niceScale(0, 0.9, 6).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceScale(15, 100, 6).ticks).toEqual([0, 20, 40, 60, 80, 100]);
  });

  it('thins a series to a budget, keeping the ends', () => {
    const xs = Array.from({ length: 1000 }, (_, i) => i);
    const t = thin(xs, 300);
    expect(t).toHaveLength(300);
    expect(t[0]).toBe(0);
    expect(t.at(-1)).toBe(999);
    expect(thin(xs.slice(0, 10), 300)).toHaveLength(10);
  });
});

describe('stepTicks', () => {
  it('gives round whole steps inside the range, the same ones as the run grows a little', () => {
    expect(stepTicks(0, 12_345)).toEqual([0, 2500, 5000, 7500, 10_000]);
    // Later points keep the labels (the chart library then measures no new text).
    expect(stepTicks(0, 12_480)).toEqual(stepTicks(0, 12_345));
    expect(stepTicks(37, 12_345).every((t) => t >= 37 && t <= 12_345)).toBe(true);
  });

  it('never gives fractional steps, and copes with one point or none', () => {
    expect(stepTicks(0, 3).every(Number.isInteger)).toBe(true);
    expect(stepTicks(5, 5)).toEqual([5]);
    expect(stepTicks(Infinity, -Infinity)).toEqual([]);
  });
});
