import { describe, expect, it } from 'vitest';
import { aggregateFigures, formatMeanStd, meanStd } from '../../../src/core/report/stats';
import { latencyVerdicts, quantile, timeRuns } from '../../../src/core/report/latency';

describe('mean ± std over seeds', () => {
  it('uses the sample std (n − 1) and skips non-finite values', () => {
    expect(meanStd([2, 4, 4, 4, 5, 5, 7, 9])).toEqual({ mean: 5, std: Math.sqrt(32 / 7), n: 8 });
    expect(meanStd([3, NaN])).toEqual({ mean: 3, std: 0, n: 1 });
    expect(formatMeanStd(meanStd([0.97, 0.98]), 1, 100)).toBe('97.5 ± 0.7');
  });

  it('aggregates every numeric figure the reports share', () => {
    const agg = aggregateFigures([
      { a: 1, b: { c: [1, 2] }, only: 1 },
      { a: 3, b: { c: [3, 4] } },
    ]);
    expect(Object.keys(agg).sort()).toEqual(['a', 'b.c[0]', 'b.c[1]']);
    expect(agg['b.c[1]']).toEqual({ mean: 3, std: Math.SQRT2, n: 2 });
  });
});

describe('latency statistics', () => {
  it('median and nearest-rank p95', () => {
    const v = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantile(v, 0.5)).toBe(50.5);
    expect(quantile(v, 0.95)).toBe(95);
    expect(quantile([1, 2, 3], 0.5)).toBe(2);
  });

  it('repeats calls shorter than the clock tick, warms up, then times each run (a fake clock)', async () => {
    let calls = 0;
    // every call costs 1 ms on this clock: 20 warm-up calls take 20 ms, so 2 calls make a 2 ms block
    const r = await timeRuns(() => void calls++, { warmup: 20, runs: 50, now: () => calls });
    expect(r.callsPerRun).toBe(2);
    expect(calls).toBe(20 + 2 + 50 * 2);
    expect(r).toMatchObject({ medianMs: 1, p95Ms: 1, runs: 50, warmup: 20 });
  });

  it('says plainly when the sparse path is not faster', () => {
    const f = (variant: 'dense' | 'masked' | 'sparse-js', ms: number) => ({
      variant,
      batch: 64,
      medianMs: ms,
      p95Ms: ms,
      runs: 50,
      warmup: 20,
      callsPerRun: 1,
    });
    const [slow] = latencyVerdicts([f('dense', 1), f('masked', 1.5), f('sparse-js', 2)], 'wasm');
    expect(slow).toMatch(/sparsity is NOT faster here \(2\.0× the dense time\)/);
    expect(slow).toMatch(/1\.50× dense/);
    const [fast] = latencyVerdicts([f('dense', 3), f('sparse-js', 1)], 'cpu');
    expect(fast).toMatch(/sparsity is 3\.0× faster/);
  });
});
