import type { LabPoint } from '../worker/protocol';
import type { TrainPoint } from './types';

/** Points kept per series; past this, every other older point is dropped (charts stay cheap). */
export const SERIES_CAP = 1200;

/** Appends and, when over `cap`, halves the resolution (keeping the first and last points). */
export function appendCapped<T>(list: readonly T[], items: readonly T[], cap = SERIES_CAP): T[] {
  const out = list.concat(items);
  if (out.length <= cap) return out;
  return out.filter((_, i) => i % 2 === 0 || i === out.length - 1);
}

/** A chart point from a worker metric point: rates per step, accuracy and density in percent. */
export function toTrainPoint(p: LabPoint): TrainPoint {
  const steps = Math.max(1, p.steps);
  const sum = (a: readonly number[]) => a.reduce((s, v) => s + v, 0);
  return {
    step: p.step,
    phase: p.phase,
    loss: p.loss,
    trainAccuracy: 100 * p.trainAccuracy,
    density: 100 * p.density,
    cutsPerStep: sum(p.cuts) / steps,
    splicesPerStep: sum(p.splices) / steps,
  };
}
