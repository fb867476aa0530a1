import { describe, expect, it } from 'vitest';
import type { CompareRow } from '../../../src/charts/compare/aggregate';
import { methodCurves } from '../../../src/charts/compare/aggregate';
import { curveSeries, frontSeries, logTicks, xOf } from '../../../src/charts/compare/tradeoffData';
import { compareAnswer } from '../../../src/charts/report/answer';
import type { ReportSummary } from '../../../src/core/report/summary';

const summary = (bytes: number, macs: number, ms: number): ReportSummary => ({
  compression: 10,
  macsDense: 1000,
  macsSparse: macs,
  bytesInt8Gzip: bytes,
  int8Accuracy: 0.97,
  ece: 0.01,
  latencySparseMs: ms,
  latencyDenseMs: 1,
});

function row(
  method: string,
  target: number | null,
  seed: number,
  density: number,
  acc: number,
  report: ReportSummary | null = null,
): CompareRow {
  return {
    method,
    target,
    seed,
    density,
    testAccuracy: acc,
    dense: 0.98,
    drop: 0.98 - acc,
    epochs: 1,
    seconds: 1,
    calibrationSeconds: null,
    levels: null,
    report,
  };
}

describe('compareAnswer', () => {
  const rows = [
    row('dns', 0.9, 1, 0.1, 0.979, summary(1000, 100, 0.1)),
    row('dns', 0.9, 2, 0.1, 0.977, summary(1200, 120, 0.3)),
    row('dns', 0.98, 1, 0.02, 0.969), // mean 0.968: 1.2 points below dense
    row('dns', 0.98, 2, 0.02, 0.967),
    row('imp', 0.9, 1, 0.1, 0.95),
  ];

  it('takes per method the sparsest target within the tolerance, mean ± std over seeds', () => {
    const [dns, imp] = compareAnswer(rows, 0.01);
    expect(dns).toMatchObject({ method: 'dns', target: 0.9, found: true, seeds: 2 });
    expect(dns!.sparsity.mean).toBeCloseTo(0.9, 12);
    expect(dns!.accuracy.mean).toBeCloseTo(0.978, 12);
    expect(dns!.bytes).toEqual({ mean: 1100, std: Math.SQRT2 * 100, n: 2 });
    expect(dns!.macs.mean).toBe(110);
    expect(imp).toMatchObject({ method: 'imp', found: false, target: null });
  });

  it('a wider tolerance reaches the sparser target (whose runs measured no report)', () => {
    const [dns] = compareAnswer(rows, 0.02);
    expect(dns).toMatchObject({ target: 0.98, found: true });
    expect(dns!.bytes.n).toBe(0);
  });
});

describe('trade-off x-axes', () => {
  it('places a point by density, compression, MACs, bytes or latency', () => {
    const m = { macs: 500, bytes: 2048, latency: 0.25 };
    expect(xOf('sparsity', 5, m)).toEqual({ x: 5, cost: 5 });
    expect(xOf('compression', 5, m)).toEqual({ x: 20, cost: 5 });
    expect(xOf('macs', 5, m)).toEqual({ x: 500, cost: 500 });
    expect(xOf('bytes', 5, m)).toEqual({ x: 2, cost: 2048 });
    expect(xOf('latency', 5, {})).toBeNull();
  });

  it('drops points without the metric and builds the front on its cost', () => {
    const curves = methodCurves(rows()).map((c) => curveSeries(c, 'bytes'));
    expect(curves[0]!.points.map((p) => p.x)).toEqual([1000 / 1024]);
    expect(frontSeries(curves)).toHaveLength(1);
    function rows() {
      return [row('dns', 0.9, 1, 0.1, 0.97, summary(1000, 1, 1)), row('dns', 0.98, 1, 0.02, 0.96)];
    }
  });

  it('log ticks 1-2-5 cover the range', () => {
    expect(logTicks(3, 40)).toEqual([2, 5, 10, 20, 50]);
    expect(logTicks(0.02, 0.05)).toEqual([0.02, 0.05]);
  });
});
