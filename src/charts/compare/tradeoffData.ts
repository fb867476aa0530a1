import type { SessionRun } from '../../state/types';
import { accuracyDomain, densityTicks, niceScale } from '../series';
import type { CurvePoint, MethodCurve } from './aggregate';
import { paretoFront } from './aggregate';
import { methodColour, methodShort } from './methodStyle';

/** A method's point in chart units (percent), with its seed range as error bars and band. */
export interface ChartPoint {
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
    readonly density: number;
    readonly accuracy: number;
    readonly age: number;
  }[];
  readonly end: readonly { readonly density: number; readonly accuracy: number }[];
}

const pct = (x: number) => 100 * x;

/** A method curve in chart units. */
export function curveSeries(curve: MethodCurve): CurveSeries {
  return {
    method: curve.method,
    label: methodShort(curve.method),
    colour: methodColour(curve.method),
    points: curve.points.map((p) => ({
      density: pct(p.density),
      accuracy: pct(p.accuracy),
      band: [pct(p.accuracyLo), pct(p.accuracyHi)],
      accuracyErr: [pct(p.accuracy - p.accuracyLo), pct(p.accuracyHi - p.accuracy)],
      densityErr: [pct(p.density - p.densityLo), pct(p.densityHi - p.density)],
      point: p,
    })),
  };
}

/** A live run in chart units. */
export function liveSeries(run: SessionRun): LiveSeries {
  return {
    run,
    path: run.trajectory.map((p, i, all) => ({
      density: pct(p.density),
      accuracy: pct(p.accuracy),
      age: all.length > 1 ? i / (all.length - 1) : 1,
    })),
    end: run.end ? [{ density: pct(run.end.density), accuracy: pct(run.end.accuracy) }] : [],
  };
}

/** The front over every method's mean points, in chart units, dense to sparse. */
export function frontSeries(curves: readonly CurveSeries[]): ChartPoint[] {
  const all = curves.flatMap((c) => c.points);
  return paretoFront(all);
}

/** Axes that hold every point, band and the baseline: log density ticks and zoomed accuracy. */
export function tradeoffAxes(
  curves: readonly CurveSeries[],
  live: readonly LiveSeries[],
  baseline: number | null,
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
  return { densityTicks: densityTicks(minDensity), y: niceScale(range[0], range[1], 6) };
}
