import type { PrunableLayer } from '../../src/core/models/network';
import type { PruneContext, TrainerActions } from '../../src/core/pruning/types';
import { createRng } from '../../src/core/rng';

/** Trainer actions that do nothing (hand-driven hooks in unit tests). */
export const NO_ACTIONS: TrainerActions = {
  resetOptimizer() {},
  setWeights() {},
  skipUpdate() {},
};

/** A hand-made prune context at step t. */
export function fakeCtx(
  layers: readonly PrunableLayer[],
  t: number,
  opts: { random?: () => number; totalSteps?: number; actions?: Partial<TrainerActions> } = {},
): PruneContext {
  const rng = createRng(1);
  return {
    t,
    stepsPerEpoch: 10,
    totalSteps: opts.totalSteps ?? 100,
    layers,
    random: opts.random ?? (() => rng.next()),
    rng,
    actions: { ...NO_ACTIONS, ...opts.actions },
  };
}
