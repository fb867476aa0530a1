/** Timing of one way of running inference at one batch size. */
export interface LatencyFigure {
  /** dense: W·x; masked: (W⊙T)·x as training runs it; sparse-js: a CSR product in JavaScript. */
  readonly variant: 'dense' | 'masked' | 'sparse-js';
  readonly batch: number;
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly runs: number;
  readonly warmup: number;
  /** Calls per timed run (more than 1 when one call is shorter than the clock's tick). */
  readonly callsPerRun: number;
}

/** Warm-up and timed runs of the report's latency figures (at least 20 and 50). */
export const LATENCY_WARMUP = 20;
export const LATENCY_RUNS = 50;

/** The q-quantile of sorted values by nearest rank (q = 0.5 averages the two middle values). */
export function quantile(sorted: readonly number[], q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  if (q === 0.5 && n % 2 === 0) return (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  return sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))]!;
}

/** A timed run lasts at least this long: calls shorter than the clock's tick are repeated. */
export const MIN_BLOCK_MS = 2;

/**
 * Times `fn`: `warmup` calls first, whose total time says how many calls make a block of
 * ≥ `minBlockMs` (browsers coarsen `performance.now()` to 0.1 ms without cross-origin isolation),
 * then `runs` timed blocks; each run's time is its block's time divided by its calls.
 */
export async function timeRuns(
  fn: () => unknown,
  opts: { warmup?: number; runs?: number; now?: () => number; minBlockMs?: number } = {},
): Promise<{ medianMs: number; p95Ms: number; runs: number; warmup: number; callsPerRun: number }> {
  const warmup = opts.warmup ?? LATENCY_WARMUP;
  const runs = opts.runs ?? LATENCY_RUNS;
  const now = opts.now ?? (() => performance.now());
  const minBlock = opts.minBlockMs ?? MIN_BLOCK_MS;
  const block = async (calls: number): Promise<number> => {
    const t0 = now();
    for (let c = 0; c < calls; c++) await fn();
    return now() - t0;
  };
  // warm-up: single calls timed together give the call time, hence the calls per block
  const perCall = (await block(warmup)) / Math.max(1, warmup);
  let calls = perCall > 0 ? Math.max(1, Math.ceil(minBlock / perCall)) : 1;
  while ((await block(calls)) < minBlock && calls < 1 << 16) calls *= 2;
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) ms.push((await block(calls)) / calls);
  ms.sort((a, b) => a - b);
  return {
    medianMs: quantile(ms, 0.5),
    p95Ms: quantile(ms, 0.95),
    runs,
    warmup,
    callsPerRun: calls,
  };
}

/** One plain sentence per batch size: is the sparse path faster than dense here, and by how much. */
export function latencyVerdicts(figs: readonly LatencyFigure[], backend: string): string[] {
  const batches = [...new Set(figs.map((f) => f.batch))];
  return batches.flatMap((b) => {
    const dense = figs.find((f) => f.batch === b && f.variant === 'dense');
    const sparse = figs.find((f) => f.batch === b && f.variant === 'sparse-js');
    const masked = figs.find((f) => f.batch === b && f.variant === 'masked');
    if (!dense || !sparse) return [];
    if (!(dense.medianMs > 0 && sparse.medianMs > 0))
      return [`batch ${b} on ${backend}: too fast to time on this clock.`];
    const r = dense.medianMs / sparse.medianMs;
    const head = `batch ${b} on ${backend}: dense ${dense.medianMs.toFixed(3)} ms, sparse (JS CSR) ${sparse.medianMs.toFixed(3)} ms`;
    const m = masked
      ? `; the masked-dense product training uses costs ${(masked.medianMs / dense.medianMs).toFixed(2)}× dense`
      : '';
    return [
      r > 1.05
        ? `${head}: sparsity is ${r.toFixed(1)}× faster${m}.`
        : `${head}: sparsity is NOT faster here (${(1 / r).toFixed(1)}× the dense time)${m}.`,
    ];
  });
}
