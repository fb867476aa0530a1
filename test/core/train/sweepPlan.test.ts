import { describe, expect, it } from 'vitest';
import { allMethods } from '../../../src/core/pruning/registry';
import { planSweep } from '../../../src/core/train/sweep';
import { planSweepWith } from '../../../src/core/train/sweepPlan';

describe('planSweepWith (the page plans a compare with it)', () => {
  it('plans as planSweep when given what the worker says about each method', () => {
    // The page only knows each method's sparsity control and multiTarget (from the worker's hello).
    const info = new Map(
      allMethods().map((m) => [
        m.id as string,
        { sparsity: m.sparsity, multiTarget: m.multiTarget ?? false },
      ]),
    );
    const methods = allMethods().map((m) => m.id);
    for (const targets of [[], [0.9], [0.98, 0.9, 0.95]])
      expect(planSweepWith(methods, targets, [1, 2], (m) => info.get(m)!)).toEqual(
        planSweep(methods, targets, [1, 2]),
      );
  });
});
