import type { Histogram } from '../core/train/snapshot';

/** log10(1 + v): a log-like scale that keeps zero (counts and per-step rates). */
export function log1p10(v: number): number {
  return Math.log10(1 + Math.max(0, v));
}

/** Inverse of `log1p10`. */
export function expm1_10(y: number): number {
  return 10 ** y - 1;
}

/** Ticks 0, 1, 10, 100, … (in log1p10 space) up to the first one at or above `max`. */
export function log1pTicks(max: number): number[] {
  const ticks = [0];
  for (let t = 1; ; t *= 10) {
    ticks.push(log1p10(t));
    if (t >= max || t >= 1e9) break;
  }
  return ticks;
}

/** A tick label for a log1p10 value: 0, 1, 10, 100, 1k, 10k, 1M. */
export function countLabel(y: number): string {
  const v = Math.round(expm1_10(y));
  if (v >= 1e6) return `${v / 1e6}M`;
  if (v >= 1e3) return `${v / 1e3}k`;
  return String(v);
}

export interface HistogramBar {
  readonly x: number;
  readonly alive: number;
  readonly pruned: number;
  readonly aliveCount: number;
  readonly prunedCount: number;
}

/** Bars of a |w| histogram: bin centres and log counts of alive and pruned weights. */
export function histogramBars(h: Histogram): HistogramBar[] {
  const bins = h.alive.length;
  const width = h.maxAbs / bins;
  return Array.from({ length: bins }, (_, i) => ({
    x: (i + 0.5) * width,
    alive: log1p10(h.alive[i]!),
    pruned: log1p10(h.pruned[i]!),
    aliveCount: h.alive[i]!,
    prunedCount: h.pruned[i]!,
  }));
}

/** Density ticks (percent) for a log axis down to `minPct`: 100, 50, 20, 10, 5, 2, 1, 0.5, … */
export function densityTicks(minPct: number): number[] {
  const out: number[] = [];
  for (let decade = 100; decade >= 0.01; decade /= 10)
    for (const m of [1, 0.5, 0.2]) {
      const t = Number((decade * m).toPrecision(2));
      if (t <= 100) out.push(t);
      if (t < minPct) return out;
    }
  return out;
}

/** A y-domain for accuracy in percent: from a little below the lowest value to 100. */
export function accuracyDomain(values: readonly number[]): [number, number] {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return [0, 100];
  const lo = Math.min(...finite);
  const pad = Math.max(1, (100 - lo) * 0.15);
  return [Math.max(0, Math.floor((lo - pad) / 5) * 5), 100];
}

/**
 * At most `max` points for drawing: an even stride through the series, always keeping the last
 * point (the store keeps more; the chart does not need them).
 */
export function thin<T>(points: readonly T[], max: number): readonly T[] {
  if (points.length <= max) return points;
  const stride = points.length / (max - 1);
  const out: T[] = [];
  for (let i = 0; i < max - 1; i++) out.push(points[Math.floor(i * stride)]!);
  out.push(points[points.length - 1]!);
  return out;
}

/**
 * Round axis ticks covering [lo, hi]: steps of 1, 2, 2.5 or 5 times a power of ten, at most
 * `maxTicks` of them; the domain is widened to the outer ticks.
 */
export function niceScale(
  lo: number,
  hi: number,
  maxTicks = 6,
): { domain: [number, number]; ticks: number[] } {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return { domain: [0, 1], ticks: [0, 1] };
  if (hi <= lo) hi = lo + 1;
  const raw = (hi - lo) / Math.max(1, maxTicks - 1);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step =
    [1, 2, 2.5, 5, 10]
      .map((m) => m * mag)
      .find((s) => Math.ceil(hi / s - 1e-9) - Math.floor(lo / s + 1e-9) <= maxTicks - 1) ??
    10 * mag;
  const first = Math.floor(lo / step + 1e-9) * step;
  const last = Math.ceil(hi / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let v = first; v <= last + step / 2; v += step) ticks.push(Number(v.toPrecision(12)));
  return { domain: [ticks[0]!, ticks.at(-1)!], ticks };
}

/**
 * Round step ticks inside [lo, hi] (whole steps, at most `maxTicks`). Round values keep the same
 * labels from one redraw to the next while a run grows, so the chart library finds each label's
 * size in its cache instead of measuring new text in the DOM (a forced layout each time).
 */
export function stepTicks(lo: number, hi: number, maxTicks = 6): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi <= lo)
    return Number.isFinite(lo) ? [lo] : [];
  const inside = niceScale(lo, hi, maxTicks).ticks.filter(
    (t) => t >= lo && t <= hi && Number.isInteger(t),
  );
  return inside.length >= 2 ? inside : [lo, hi];
}

/** Up to this many points a line also marks each point, so a short run reads as points. */
export const FEW_POINTS = 40;

/** Recharts `dot` for a series of `n` points: small marks for a short series, none for a long one. */
export function fewDots(
  n: number,
  colour: string,
): false | { r: number; fill: string; strokeWidth: number } {
  return n <= FEW_POINTS ? { r: 2.5, fill: colour, strokeWidth: 0 } : false;
}
