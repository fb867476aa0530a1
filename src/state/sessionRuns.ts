import { RUN_COLOURS } from '../charts/theme';
import type { ValidationPoint } from '../worker/protocol';
import type { SessionRun } from './types';

/** Adds run `id`; runs that never trained (one point, no end) make way for it. */
export function addRun(
  runs: readonly SessionRun[],
  id: number,
  label: string,
  count: number,
  baseline: number | null,
): SessionRun[] {
  const kept = runs.filter((r) => r.end !== null || r.trajectory.length > 1);
  const colour = RUN_COLOURS[count % RUN_COLOURS.length]!;
  return [...kept, { id, label, colour, trajectory: [], end: null, baseline }];
}

function update(
  runs: readonly SessionRun[],
  id: number,
  f: (r: SessionRun) => SessionRun,
): readonly SessionRun[] {
  return runs.some((r) => r.id === id) ? runs.map((r) => (r.id === id ? f(r) : r)) : runs;
}

/** Validation points of the method phase extend a run's trajectory (pre-training stays dense). */
export function addTrajectoryPoint(
  runs: readonly SessionRun[],
  id: number,
  p: ValidationPoint,
): readonly SessionRun[] {
  if (p.phase !== 'train') return runs;
  return update(runs, id, (r) => ({
    ...r,
    trajectory: [...r.trajectory, { density: p.density, accuracy: p.accuracy }],
  }));
}

export function setRunEnd(
  runs: readonly SessionRun[],
  id: number,
  end: { density: number; accuracy: number },
): readonly SessionRun[] {
  return update(runs, id, (r) => ({ ...r, end }));
}

export function setRunBaseline(
  runs: readonly SessionRun[],
  id: number,
  baseline: number | null,
): readonly SessionRun[] {
  return update(runs, id, (r) => ({ ...r, baseline }));
}
