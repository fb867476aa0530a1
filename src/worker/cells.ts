import type { Histogram, LayerSnapshot, Snapshot } from '../core/train/snapshot';
import type { LayerView, Phase, SnapshotMsg } from './protocol';
import { SHADES } from './protocol';

/**
 * The |w| that maps to the darkest alive shade: the upper edge of the histogram bin where the
 * alive count reaches `quantile`, so a few outliers do not wash every other weight out.
 */
export function shadeScale(h: Histogram, quantile = 0.99): number {
  const bins = h.alive.length;
  let total = 0;
  for (let i = 0; i < bins; i++) total += h.alive[i]!;
  if (total <= 0 || !(h.maxAbs > 0)) return h.maxAbs > 0 ? h.maxAbs : 1;
  let acc = 0;
  for (let i = 0; i < bins; i++) {
    acc += h.alive[i]!;
    if (acc >= quantile * total) return ((i + 1) / bins) * h.maxAbs;
  }
  return h.maxAbs;
}

/** |w| quantised to 0..SHADES-1 against `scale` (values above it get the top shade). */
export function quantizeShades(weights: Float32Array, scale: number): Uint8Array {
  const out = new Uint8Array(weights.length);
  const k = scale > 0 ? SHADES / scale : 0;
  const top = SHADES - 1;
  for (let i = 0; i < weights.length; i++) {
    const s = Math.abs(weights[i]!) * k;
    out[i] = s >= top ? top : s | 0;
  }
  return out;
}

/** Adds the shade to one layer of a core snapshot. */
export function layerView(l: LayerSnapshot): LayerView {
  const scale = shadeScale(l.histogram);
  return {
    index: l.index,
    name: l.name,
    rows: l.rows,
    cols: l.cols,
    kept: l.kept,
    total: l.total,
    histogram: l.histogram,
    thresholds: l.thresholds,
    shadeScale: scale,
    ...(l.weights && l.state
      ? { weights: l.weights, state: l.state, shade: quantizeShades(l.weights, scale) }
      : {}),
  };
}

/** The message form of a core snapshot. */
export function snapshotMsg(s: Snapshot, id: number, phase: Phase, step: number): SnapshotMsg {
  return { id, phase, step, density: s.density, layers: s.layers.map(layerView) };
}
