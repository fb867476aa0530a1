import type { RunResult } from '../core/train/result';
import { pct, table } from './format';

const COLUMNS = [
  'method',
  'target',
  'seed',
  'sparsity',
  'compression',
  'testAccuracy',
  'testError',
  'denseTestAccuracy',
  'accuracyDrop',
  'epochsTrained',
  'steps',
  'msPerStep',
  'totalSeconds',
  'levels',
  'c',
] as const;

/** One CSV row per run (the columns of the comparison table). */
export function sweepCsv(runs: readonly RunResult[]): string {
  const rows = runs.map((r) => {
    const dense = r.dense.testAccuracy;
    const cells: Record<(typeof COLUMNS)[number], string | number> = {
      method: r.config.method,
      target: r.target ?? '',
      seed: r.seed ?? r.config.seed,
      sparsity: 1 - r.density,
      compression: r.compression,
      testAccuracy: r.testAccuracy,
      testError: r.testError,
      denseTestAccuracy: dense ?? '',
      accuracyDrop: dense === null ? '' : dense - r.testAccuracy,
      epochsTrained: r.epochsTrained ?? '',
      steps: r.timing.steps,
      msPerStep: r.timing.msPerStep,
      totalSeconds: r.timing.totalSeconds,
      levels: r.levels ?? '',
      c: r.calibration ? `"${r.calibration.c.map((c) => c.toFixed(4)).join(' ')}"` : '',
    };
    return COLUMNS.map((c) => cells[c]).join(',');
  });
  return [COLUMNS.join(','), ...rows].join('\n') + '\n';
}

/** The table printed at the end of a sweep. */
export function sweepTable(runs: readonly RunResult[]): string {
  return table(
    ['method', 'target', 'seed', 'sparsity', 'test acc', 'epochs', 'ms/step', 'seconds'],
    runs.map((r) => [
      r.config.method,
      r.target === undefined || r.target === null ? '-' : pct(r.target, 1),
      r.seed ?? r.config.seed,
      pct(1 - r.density, 2),
      pct(r.testAccuracy),
      (r.epochsTrained ?? 0).toFixed(2),
      r.timing.msPerStep.toFixed(1),
      r.timing.totalSeconds.toFixed(0),
    ]),
  );
}
