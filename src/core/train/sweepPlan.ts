import type { SparsityControl } from '../pruning/types';

/** One run of a sweep: a method, a seed, and the targets it covers (null: the method's own). */
export interface SweepJob {
  readonly method: string;
  readonly seed: number;
  readonly targets: readonly number[] | null;
}

/** What planning needs to know about a method (a `PrunerSpec`, or the page's copy of one). */
export interface PlanMethod {
  readonly sparsity: SparsityControl;
  readonly multiTarget?: boolean;
}

/**
 * The runs of a sweep, seed by seed: targeted methods run once per target, except those that pass
 * targets on the way (IMP: one run per seed covers all its targets); DNS is calibrated per target;
 * methods whose sparsity is fixed (N:M) or absent (dense) run once per seed. Pure (no tfjs), so the
 * page plans a queue exactly as the worker and the CLI run it.
 */
export function planSweepWith(
  methods: readonly string[],
  targets: readonly number[],
  seeds: readonly number[],
  lookup: (method: string) => PlanMethod,
): SweepJob[] {
  const sorted = [...new Set(targets)].sort((a, b) => a - b);
  const jobs: SweepJob[] = [];
  for (const seed of seeds)
    for (const method of methods) {
      const spec = lookup(method);
      const targeted = spec.sparsity === 'target' || spec.sparsity === 'threshold';
      if (!targeted || sorted.length === 0) jobs.push({ method, seed, targets: null });
      else if (spec.multiTarget) jobs.push({ method, seed, targets: sorted });
      else for (const t of sorted) jobs.push({ method, seed, targets: [t] });
    }
  return jobs;
}
