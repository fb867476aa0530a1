import type { ReportSummary } from '../../core/report/summary';
import type { RunResult } from '../../core/train/result';

/** One compare run as the table shows it (fractions, not percentages). */
export interface CompareRow {
  readonly method: string;
  /** The sparsity the method aimed at; null for methods with their own (N:M, dense). */
  readonly target: number | null;
  readonly seed: number;
  /** Weights and biases kept at the end. */
  readonly density: number;
  readonly testAccuracy: number;
  /** Test accuracy of the dense start (or of the dense run of the same seed), when known. */
  readonly dense: number | null;
  /** dense − test accuracy (positive: the pruned network is worse). */
  readonly drop: number | null;
  readonly epochs: number;
  readonly seconds: number;
  /** DNS: the time its calibration to the target took (pilot runs), not part of the budget. */
  readonly calibrationSeconds: number | null;
  /** IMP and lottery tickets: pruning levels done. */
  readonly levels: number | null;
  /** What the run bought (bytes, MACs, int8, ECE, latency), when the compare measured it. */
  readonly report: ReportSummary | null;
}

/** The rows of a compare's results, in the order they came. */
export function compareRows(runs: readonly RunResult[]): CompareRow[] {
  const denseRun = new Map<number, number>();
  for (const r of runs)
    if (r.config.method === 'none') denseRun.set(r.seed ?? r.config.seed, r.testAccuracy);
  return runs.map((r) => {
    const seed = r.seed ?? r.config.seed;
    const dense =
      r.config.method === 'none'
        ? r.dense.testAccuracy
        : (r.dense.testAccuracy ?? denseRun.get(seed) ?? null);
    return {
      method: r.config.method,
      target: r.target ?? null,
      seed,
      density: r.density,
      testAccuracy: r.testAccuracy,
      dense,
      drop: dense === null ? null : dense - r.testAccuracy,
      epochs: r.epochsTrained ?? r.config.epochs,
      seconds: r.timing.totalSeconds,
      calibrationSeconds: r.calibration?.seconds ?? null,
      levels: r.levels ?? null,
      report: r.report ?? null,
    };
  });
}

/** A point of accuracy against density. */
export interface TradeoffPoint {
  readonly density: number;
  readonly accuracy: number;
}

/** One method at one target: the mean over seeds and the range they span. */
export interface CurvePoint extends TradeoffPoint {
  readonly method: string;
  readonly target: number | null;
  readonly accuracyLo: number;
  readonly accuracyHi: number;
  readonly densityLo: number;
  readonly densityHi: number;
  /** Seeds behind the point. */
  readonly seeds: number;
  /** Not beaten by another point of the same method (sparser and at least as accurate). */
  readonly onFront: boolean;
  /** Means over the seeds that measured them: MACs, bytes (CSR int8 gzipped), latency (ms). */
  readonly metrics: Partial<Record<'macs' | 'bytes' | 'latency', number>>;
}

/** A method's curve: its points from dense to sparse. */
export interface MethodCurve {
  readonly method: string;
  readonly points: readonly CurvePoint[];
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

/** Whether `p` dominates `q`: no denser, no less accurate, and better in one of the two. */
function dominates(p: TradeoffPoint, q: TradeoffPoint): boolean {
  return (
    p.density <= q.density &&
    p.accuracy >= q.accuracy &&
    (p.density < q.density || p.accuracy > q.accuracy)
  );
}

/**
 * The Pareto front of accuracy against density: the points no other point dominates (fewer
 * weights and at least the accuracy), from dense to sparse. Duplicates stay together.
 */
export function paretoFront<T extends TradeoffPoint>(points: readonly T[]): T[] {
  return points
    .filter((q) => !points.some((p) => dominates(p, q)))
    .sort((a, b) => b.density - a.density || b.accuracy - a.accuracy);
}

/**
 * Each method's curve: its rows grouped by target (a method with its own sparsity is one group),
 * mean density and accuracy over seeds with their min–max range, ordered from dense to sparse.
 * Methods come in the order they first appear.
 */
export function methodCurves(rows: readonly CompareRow[]): MethodCurve[] {
  const byMethod = new Map<string, Map<string, CompareRow[]>>();
  for (const r of rows) {
    const groups = byMethod.get(r.method) ?? new Map<string, CompareRow[]>();
    byMethod.set(r.method, groups);
    const key = String(r.target);
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...byMethod].map(([method, groups]) => {
    const raw = [...groups.values()].map((g) => {
      const acc = g.map((r) => r.testAccuracy);
      const den = g.map((r) => r.density);
      return {
        method,
        target: g[0]!.target,
        density: mean(den),
        accuracy: mean(acc),
        accuracyLo: Math.min(...acc),
        accuracyHi: Math.max(...acc),
        densityLo: Math.min(...den),
        densityHi: Math.max(...den),
        seeds: new Set(g.map((r) => r.seed)).size,
        metrics: reportMeans(g),
      };
    });
    const front = new Set(paretoFront(raw));
    const points = raw
      .map((p) => ({ ...p, onFront: front.has(p) }))
      .sort((a, b) => b.density - a.density);
    return { method, points };
  });
}

/** Mean MACs, bytes and latency of the rows that carry a report (absent when none does). */
function reportMeans(g: readonly CompareRow[]): CurvePoint['metrics'] {
  const reps = g.flatMap((r) => (r.report ? [r.report] : []));
  const lat = reps.flatMap((r) => (r.latencySparseMs !== null ? [r.latencySparseMs] : []));
  if (reps.length === 0) return {};
  return {
    macs: mean(reps.map((r) => r.macsSparse)),
    bytes: mean(reps.map((r) => r.bytesInt8Gzip)),
    ...(lat.length > 0 ? { latency: mean(lat) } : {}),
  };
}

/**
 * The dense reference: the mean over seeds of the dense start's test accuracy, or of the dense
 * runs when the start was not measured (from scratch); null when neither is known.
 */
export function denseBaseline(rows: readonly CompareRow[]): number | null {
  const perSeed = new Map<number, number>();
  for (const r of rows) if (r.dense !== null && !perSeed.has(r.seed)) perSeed.set(r.seed, r.dense);
  return perSeed.size > 0 ? mean([...perSeed.values()]) : null;
}
