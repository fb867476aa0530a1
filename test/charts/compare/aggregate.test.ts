import { describe, expect, it } from 'vitest';
import {
  compareRows,
  denseBaseline,
  methodCurves,
  paretoFront,
} from '../../../src/charts/compare/aggregate';
import { curveSeries, frontSeries, tradeoffAxes } from '../../../src/charts/compare/tradeoffData';
import { result } from '../../helpers/runResult';

describe('paretoFront', () => {
  const p = (density: number, accuracy: number) => ({ density, accuracy });

  it('keeps the points no sparser, at-least-as-accurate point beats, dense to sparse', () => {
    const pts = [p(0.5, 0.9), p(0.2, 0.95), p(0.1, 0.8), p(0.3, 0.7), p(0.05, 0.6)];
    // (0.5, 0.9) and (0.3, 0.7) are beaten by (0.2, 0.95): sparser and more accurate.
    expect(paretoFront(pts)).toEqual([p(0.2, 0.95), p(0.1, 0.8), p(0.05, 0.6)]);
  });

  it('drops a point beaten on one side only when the other side ties', () => {
    expect(paretoFront([p(0.2, 0.9), p(0.2, 0.8), p(0.1, 0.9)])).toEqual([p(0.1, 0.9)]);
  });

  it('keeps exact duplicates together', () => {
    expect(paretoFront([p(0.2, 0.9), p(0.2, 0.9)])).toHaveLength(2);
  });
});

describe('compareRows', () => {
  it('measures the drop from the dense start, or from the dense run of the seed', () => {
    const rows = compareRows([
      result({ method: 'dns', seed: 1, target: 0.9, density: 0.1, acc: 0.95, dense: 0.98 }),
      result({ method: 'none', seed: 2, density: 1, acc: 0.97, dense: null }),
      result({ method: 'imp', seed: 2, target: 0.9, density: 0.1, acc: 0.9, dense: null }),
      result({ method: 'imp', seed: 3, target: 0.9, density: 0.1, acc: 0.9, dense: null }),
    ]);
    expect(rows[0]!.drop).toBeCloseTo(0.03, 9);
    expect(rows[1]!.drop).toBeNull(); // the dense run itself, from scratch
    expect(rows[2]!.dense).toBe(0.97);
    expect(rows[2]!.drop).toBeCloseTo(0.07, 9);
    expect(rows[3]!.drop).toBeNull(); // no dense reference for seed 3
  });

  it('carries epochs, wall time, DNS calibration time and IMP levels', () => {
    const [r] = compareRows([
      result({ method: 'imp', seed: 1, target: 0.5, density: 0.5, acc: 0.9, levels: 4 }),
    ]);
    expect(r).toMatchObject({ epochs: 1.5, seconds: 12, levels: 4, calibrationSeconds: null });
    const [d] = compareRows([
      result({ method: 'dns', seed: 1, target: 0.5, density: 0.5, acc: 0.9, calibration: 3 }),
    ]);
    expect(d!.calibrationSeconds).toBe(3);
  });
});

describe('methodCurves', () => {
  const rows = compareRows([
    result({ method: 'dns', seed: 1, target: 0.9, density: 0.11, acc: 0.96 }),
    result({ method: 'dns', seed: 2, target: 0.9, density: 0.09, acc: 0.94 }),
    result({ method: 'dns', seed: 1, target: 0.5, density: 0.5, acc: 0.97 }),
    result({ method: 'dns', seed: 2, target: 0.5, density: 0.52, acc: 0.99 }),
    result({ method: 'imp', seed: 1, target: 0.9, density: 0.1, acc: 0.97 }),
    result({ method: 'imp', seed: 1, target: 0.5, density: 0.5, acc: 0.96 }),
    result({ method: 'nm', seed: 1, target: null, density: 0.5, acc: 0.9 }),
    result({ method: 'nm', seed: 2, target: null, density: 0.5, acc: 0.92 }),
  ]);
  const curves = methodCurves(rows);

  it('gives each method its curve, in the order methods first came', () => {
    expect(curves.map((c) => c.method)).toEqual(['dns', 'imp', 'nm']);
  });

  it('averages density and accuracy over seeds, with their range as the band', () => {
    const dns = curves[0]!.points;
    expect(dns.map((p) => p.target)).toEqual([0.5, 0.9]); // dense to sparse
    expect(dns[1]!.density).toBeCloseTo(0.1, 9);
    expect(dns[1]!.accuracy).toBeCloseTo(0.95, 9);
    expect([dns[1]!.accuracyLo, dns[1]!.accuracyHi]).toEqual([0.94, 0.96]);
    expect([dns[1]!.densityLo, dns[1]!.densityHi]).toEqual([0.09, 0.11]);
    expect(dns[1]!.seeds).toBe(2);
    // A method with its own sparsity is one point.
    expect(curves[2]!.points).toHaveLength(1);
    expect(curves[2]!.points[0]!.accuracy).toBeCloseTo(0.91, 9);
  });

  it('marks the points a sparser point of the same method beats', () => {
    const imp = curves[1]!.points;
    expect(imp.map((p) => [p.target, p.onFront])).toEqual([
      [0.5, false], // 96% at 50% density, beaten by 97% at 10%
      [0.9, true],
    ]);
    expect(curves[0]!.points.every((p) => p.onFront)).toBe(true);
  });

  it('puts the front over all methods through the best points', () => {
    const front = frontSeries(curves.map((c) => curveSeries(c)));
    expect(front.map((p) => [p.point.method, p.point.target])).toEqual([
      ['dns', 0.5], // 98% at 51%
      ['imp', 0.9], // 97% at 10%
    ]);
  });

  it('sizes the axes to hold every band and the baseline', () => {
    const axes = tradeoffAxes(
      curves.map((c) => curveSeries(c)),
      [],
      0.99,
    );
    expect(axes.densityTicks.at(-1)!).toBeLessThanOrEqual(9);
    expect(axes.y.domain[0]).toBeLessThanOrEqual(90);
    expect(axes.y.domain[1]).toBe(100);
  });
});

describe('denseBaseline', () => {
  it('averages the dense start over seeds, once per seed', () => {
    const rows = compareRows([
      result({ method: 'dns', seed: 1, target: 0.9, density: 0.1, acc: 0.9, dense: 0.98 }),
      result({ method: 'imp', seed: 1, target: 0.9, density: 0.1, acc: 0.9, dense: 0.98 }),
      result({ method: 'dns', seed: 2, target: 0.9, density: 0.1, acc: 0.9, dense: 0.96 }),
    ]);
    expect(denseBaseline(rows)).toBeCloseTo(0.97, 9);
    expect(denseBaseline([])).toBeNull();
  });
});
