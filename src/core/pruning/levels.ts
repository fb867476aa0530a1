/**
 * The level plan of iterative magnitude pruning: how many weights each level keeps and which steps
 * of the training budget it gets. Pure arithmetic, so the CLI, the UI and tests can show it.
 */

/** One pruning level: prune at `start`, then train `steps` steps. */
export interface Level {
  /** 1-based (open_lth: level 0 is the dense network). */
  readonly index: number;
  readonly start: number;
  readonly steps: number;
  /** Weights kept after this level's prune, all layers together (spared layers included). */
  readonly keptWeights: number;
  /** The target sparsity this level lands on, or null for a level on the way. */
  readonly stop: number | null;
}

export interface LevelPlan {
  /** Dense training before the first prune: a level 0 inside the budget, or the k steps to θk. */
  readonly denseSteps: number;
  readonly levels: readonly Level[];
}

export interface LevelCountInput {
  /** Fraction of the remaining weights pruned per level (open_lth `pruning_fraction`). */
  readonly fraction: number;
  readonly totalWeights: number;
  /** Weights in layers that are never pruned (open_lth `pruning_layers_to_ignore`). */
  readonly sparedWeights: number;
  /** Kept-weight counts of the targets to land on exactly. */
  readonly stops: readonly { readonly target: number; readonly keptWeights: number }[];
}

/**
 * Kept weights after each level. Each level prunes ceil(p · remaining) weights, counting the spared
 * layers in "remaining" as open_lth's sparse_global does; a level that would pass a target lands on
 * it exactly, and the next level prunes p of what is left from there.
 */
export function levelCounts(
  input: LevelCountInput,
): { keptWeights: number; stop: number | null }[] {
  const stops = [...input.stops]
    .filter((s, i, a) => a.findIndex((o) => o.keptWeights === s.keptWeights) === i)
    .sort((a, b) => b.keptWeights - a.keptWeights);
  for (const s of stops)
    if (s.keptWeights < input.sparedWeights)
      throw new Error(
        `sparsity ${s.target} needs fewer weights (${s.keptWeights}) than the spared layers hold (${input.sparedWeights}); set spareOutput=false or lower the target`,
      );
  const out: { keptWeights: number; stop: number | null }[] = [];
  let remaining = input.totalWeights;
  let next = 0;
  while (next < stops.length) {
    const stop = stops[next]!;
    if (stop.keptWeights >= remaining) {
      next++;
      continue;
    }
    // open_lth sparse_global: number_of_weights_to_prune = ceil(pruning_fraction · remaining)
    let kept = Math.max(input.sparedWeights, remaining - Math.ceil(input.fraction * remaining));
    let landed: number | null = null;
    if (kept <= stop.keptWeights) {
      kept = stop.keptWeights;
      landed = stop.target;
      next++;
    }
    out.push({ keptWeights: kept, stop: landed });
    remaining = kept;
  }
  return out;
}

/**
 * Spreads `totalSteps` over the levels: `denseSteps` first, then equal shares (the last level takes
 * the remainder). Throws when the budget leaves a level no step.
 */
export function planLevels(
  counts: readonly { keptWeights: number; stop: number | null }[],
  totalSteps: number,
  dense: { readonly trainFirst: boolean; readonly rewindSteps: number },
): LevelPlan {
  const L = counts.length;
  const denseSteps = dense.trainFirst
    ? Math.max(dense.rewindSteps + 1, Math.floor(totalSteps / (L + 1)))
    : dense.rewindSteps;
  const share = L > 0 ? Math.floor((totalSteps - denseSteps) / L) : 0;
  if (L > 0 && share < 1)
    throw new Error(
      `a budget of ${totalSteps} steps cannot train ${L} pruning levels${denseSteps > 0 ? ` after ${denseSteps} dense steps` : ''}; give more epochs or a larger fraction`,
    );
  const levels = counts.map((c, i) => ({
    index: i + 1,
    start: denseSteps + i * share,
    steps: i === L - 1 ? totalSteps - denseSteps - i * share : share,
    keptWeights: c.keptWeights,
    stop: c.stop,
  }));
  return { denseSteps, levels };
}
