import type { SessionRun } from '../../state/types';
import { accuracyDomain, densityTicks, niceScale } from '../series';
import type { CurvePoint, MethodCurve } from './aggregate';
import { paretoFront } from './aggregate';
import { methodColour, methodShort } from './methodStyle';

/** What the trade-off chart's x-axis shows (accuracy is always the y-axis). */
export const X_METRICS = ['sparsity', 'compression', 'macs', 'bytes', 'latency'] as const;
export type XMetric = (typeof X_METRICS)[number];

/** Axis titles of each x metric. */
export const X_LABELS: Record<XMetric, string> = {
  sparsity: 'density (weights kept, log scale) → more pruned',
  compression: 'compression (parameters / non-zeros, log scale) →',
  macs: 'multiply-accumulates per example, sparse kernel (log) → fewer',
  bytes: 'bytes: CSR int8 weights, gzipped (KB, log) → smaller',
  latency: 'latency: batch 1, sparse path, median ms (log) → faster',
};

/** A method's point in chart units (percent), with its seed range as error bars and band. */
export interface ChartPoint {
  /** Position on the x-axis in the metric's units (density %, ×, MACs, KB, ms). */
  readonly x: number;
  /** Smaller is better along x (density %, or the metric itself): the Pareto front's "cost". */
  readonly cost: number;
  readonly density: number;
  readonly accuracy: number;
  /** [low, high] accuracy over seeds (the band). */
  readonly band: readonly [number, number];
  /** Distances from the mean to the low and high ends (error bars). */
  readonly accuracyErr: readonly [number, number];
  readonly densityErr: readonly [number, number];
  readonly point: CurvePoint;
}

export interface CurveSeries {
  readonly method: string;
  readonly label: string;
  readonly colour: string;
  readonly points: readonly ChartPoint[];
}

export interface LiveSeries {
  readonly run: SessionRun;
  /** Validation measurements in order; `age` runs from 0 (the first) to 1 (the latest). */
  readonly path: readonly {
    readonly x: number;
    readonly density: number;
    readonly accuracy: number;
    readonly age: number;
  }[];
  readonly end: readonly {
    readonly x: number;
    readonly density: number;
    readonly accuracy: number;
  }[];
}

const pct = (x: number) => 100 * x;

/** x and cost of a point for a metric, or null when the point did not measure it. */
export function xOf(
  metric: XMetric,
  densityPct: number,
  metrics: Partial<Record<'macs' | 'bytes' | 'latency', number>> = {},
): { x: number; cost: number } | null {
  switch (metric) {
    case 'sparsity':
      return { x: densityPct, cost: densityPct };
    case 'compression':
      return densityPct > 0 ? { x: 100 / densityPct, cost: densityPct } : null;
    case 'macs':
    case 'latency':
      return metrics[metric] !== undefined ? { x: metrics[metric], cost: metrics[metric] } : null;
    case 'bytes':
      return metrics.bytes !== undefined ? { x: metrics.bytes / 1024, cost: metrics.bytes } : null;
  }
}

/** A method curve in chart units; points that did not measure the metric are left out. */
export function curveSeries(curve: MethodCurve, metric: XMetric = 'sparsity'): CurveSeries {
  return {
    method: curve.method,
    label: methodShort(curve.method),
    colour: methodColour(curve.method),
    points: curve.points.flatMap((p) => {
      const at = xOf(metric, pct(p.density), p.metrics);
      if (!at) return [];
      return [
        {
          ...at,
          density: pct(p.density),
          accuracy: pct(p.accuracy),
          band: [pct(p.accuracyLo), pct(p.accuracyHi)] as const,
          accuracyErr: [pct(p.accuracy - p.accuracyLo), pct(p.accuracyHi - p.accuracy)] as const,
          densityErr:
            metric === 'sparsity'
              ? ([pct(p.density - p.densityLo), pct(p.densityHi - p.density)] as const)
              : ([0, 0] as const),
          point: p,
        },
      ];
    }),
  };
}

/** A live run in chart units (its density is all it measured: sparsity and compression only). */
export function liveSeries(run: SessionRun, metric: XMetric = 'sparsity'): LiveSeries {
  const place = (density: number) => xOf(metric, pct(density));
  return {
    run,
    path: run.trajectory.flatMap((p, i, all) => {
      const at = place(p.density);
      return at
        ? [
            {
              ...at,
              density: pct(p.density),
              accuracy: pct(p.accuracy),
              age: all.length > 1 ? i / (all.length - 1) : 1,
            },
          ]
        : [];
    }),
    end: run.end
      ? (() => {
          const at = place(run.end.density);
          return at
            ? [{ ...at, density: pct(run.end.density), accuracy: pct(run.end.accuracy) }]
            : [];
        })()
      : [],
  };
}

/** The front over every method's mean points (by the x metric's cost), in chart units. */
export function frontSeries(curves: readonly CurveSeries[]): ChartPoint[] {
  const all = curves.flatMap((c) => c.points);
  const byCost = paretoFront(all.map((p) => ({ ...p, density: p.cost, p })));
  return byCost.map((q) => q.p);
}

/** Ticks 1, 2, 5 × 10^k covering [lo, hi] (positive values, log axes). */
export function logTicks(lo: number, hi: number): number[] {
  if (!(lo > 0) || !(hi >= lo)) return [1];
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++)
    for (const m of [1, 2, 5]) out.push(Number((m * 10 ** e).toPrecision(2)));
  const first = out.filter((t) => t <= lo).at(-1) ?? out[0]!;
  const last = out.find((t) => t >= hi) ?? out.at(-1)!;
  return out.filter((t) => t >= first && t <= last);
}

/** Axes that hold every point, band and the baseline: log density ticks and zoomed accuracy. */
export function tradeoffAxes(
  curves: readonly CurveSeries[],
  live: readonly LiveSeries[],
  baseline: number | null,
  metric: XMetric = 'sparsity',
): { densityTicks: number[]; y: { domain: [number, number]; ticks: number[] } } {
  const densities = [
    ...curves.flatMap((c) => c.points.map((p) => p.density - p.densityErr[0])),
    ...live.flatMap((s) => [...s.path, ...s.end].map((p) => p.density)),
  ];
  const accuracies = [
    ...curves.flatMap((c) => c.points.flatMap((p) => [p.band[0], p.band[1]])),
    ...live.flatMap((s) => [...s.path, ...s.end].map((p) => p.accuracy)),
    ...(baseline !== null ? [pct(baseline)] : []),
  ];
  const minDensity = Math.max(0.05, Math.min(100, ...densities));
  const range = accuracyDomain(accuracies);
  const xs = [
    ...curves.flatMap((c) => c.points),
    ...live.flatMap((l) => [...l.path, ...l.end]),
  ].map((p) => p.x);
  const xTicks =
    metric === 'sparsity'
      ? densityTicks(minDensity)
      : xs.length > 0
        ? logTicks(Math.min(...xs), Math.max(...xs))
        : [1, 10];
  return { densityTicks: xTicks, y: niceScale(range[0], range[1], 6) };
}
