import { describe, expect, it } from 'vitest';
import { planSweep } from '../../../src/core/train/sweep';
import type { PlanMethod } from '../../../src/core/train/sweepPlan';
import { planSweepWith } from '../../../src/core/train/sweepPlan';

/** The page's view of four kinds of method (as the worker's hello describes them). */
const PAGE: Record<string, PlanMethod> = {
  dense: { sparsity: 'none' },
  dns: { sparsity: 'threshold' },
  imp: { sparsity: 'target', multiTarget: true },
  agp: { sparsity: 'target' },
  nm: { sparsity: 'pattern' },
};
const lookup = (m: string) => PAGE[m]!;

describe('planSweepWith (the page plans a compare with it)', () => {
  it('targeted methods run once per target, smallest first; IMP once for all; N:M and dense once', () => {
    const jobs = planSweepWith(['dense', 'dns', 'imp', 'agp', 'nm'], [0.98, 0.9, 0.9], [1], lookup);
    expect(jobs).toEqual([
      { method: 'dense', seed: 1, targets: null },
      { method: 'dns', seed: 1, targets: [0.9] },
      { method: 'dns', seed: 1, targets: [0.98] },
      { method: 'imp', seed: 1, targets: [0.9, 0.98] },
      { method: 'agp', seed: 1, targets: [0.9] },
      { method: 'agp', seed: 1, targets: [0.98] },
      { method: 'nm', seed: 1, targets: null },
    ]);
  });

  it('seed by seed, methods in the order given', () => {
    const jobs = planSweepWith(['agp', 'dense'], [0.5], [3, 1], lookup);
    expect(jobs.map((j) => `${j.seed}:${j.method}`)).toEqual([
      '3:agp',
      '3:dense',
      '1:agp',
      '1:dense',
    ]);
  });

  it('without targets every method runs once per seed at its own setting', () => {
    const jobs = planSweepWith(['dns', 'imp'], [], [1, 2], lookup);
    expect(jobs).toEqual([
      { method: 'dns', seed: 1, targets: null },
      { method: 'imp', seed: 1, targets: null },
      { method: 'dns', seed: 2, targets: null },
      { method: 'imp', seed: 2, targets: null },
    ]);
  });
});

describe('planSweep (the CLI and the worker plan with the registry)', () => {
  it('plans the registered methods by what each declares (hand-written expectation)', () => {
    // If a method's declaration changes (IMP stops passing targets on the way, N:M gets a
    // target), the page's plan and this list disagree.
    const methods = ['none', 'dns', 'imp', 'lth', 'oneshot', 'movement', 'set', 'rigl', 'nm'];
    const jobs = planSweep(methods, [0.95, 0.8], [7]);
    const t1 = (t: number) => [t];
    expect(jobs).toEqual([
      { method: 'none', seed: 7, targets: null },
      { method: 'dns', seed: 7, targets: t1(0.8) },
      { method: 'dns', seed: 7, targets: t1(0.95) },
      { method: 'imp', seed: 7, targets: [0.8, 0.95] },
      { method: 'lth', seed: 7, targets: [0.8, 0.95] },
      ...['oneshot', 'movement', 'set', 'rigl'].flatMap((method) => [
        { method, seed: 7, targets: t1(0.8) },
        { method, seed: 7, targets: t1(0.95) },
      ]),
      { method: 'nm', seed: 7, targets: null },
    ]);
  });
});
