/** Readable names and hints of method settings, by key (unknown keys show as they are). */
export const SETTING_LABELS: Readonly<Record<string, { label: string; hint?: string }>> = {
  c: {
    label: 'c (crate)',
    hint: 'thr = max(μ + c·σ, 0) of |w|; cut below 0.9·thr, splice above 1.1·thr',
  },
  gamma: { label: 'γ', hint: 'a layer updates its mask with probability (1 + γ·t)^−power' },
  power: { label: 'power' },
  iterStop: { label: 'iter_stop', hint: 'masks stop changing at this step' },
  saliency: { label: 'Rank weights by' },
  target: { label: 'Target sparsity', hint: 'fraction of weights and biases pruned at the end' },
  stops: {
    label: 'Stops on the way',
    hint: 'sparsities that get a level of their own, e.g. 0.5, 0.8',
  },
  fraction: {
    label: 'Prune per level',
    hint: 'fraction of the remaining weights each level prunes',
  },
  scope: { label: 'Ranking' },
  spareOutput: { label: 'Leave the output layer dense' },
  rewind: { label: 'After each prune' },
  rewindStep: { label: 'Rewind step k', hint: 'with “rewind to step k”' },
  control: { label: 'Control branch' },
  trainFirst: { label: 'Train dense first (level 0, inside the budget)' },
  initial: { label: 'Initial sparsity' },
  schedule: { label: 'Schedule' },
  begin: { label: 'Begin', hint: 'first pruning step, as a fraction of the budget' },
  end: { label: 'End', hint: 'last step that changes masks, as a fraction of the budget' },
  frequency: { label: 'Every (steps)', hint: 'steps between mask updates' },
  initialWarmup: { label: 'Initial warm-up', hint: 'fraction of the budget before pruning starts' },
  finalWarmup: { label: 'Final warm-up', hint: 'fraction of the budget held at the target' },
  pruneStep: { label: 'Prune at step', hint: '0: at once, on the dense start' },
  fineTune: { label: 'Fine-tune after the prune' },
  distribution: { label: 'Budget over layers' },
  dropFraction: { label: 'Drop fraction α', hint: 'of each layer’s connections at an update' },
  anneal: { label: 'α over time' },
  deltaT: { label: 'ΔT (steps)', hint: 'steps between drop-and-grow updates' },
  initMask: { label: 'Starting mask' },
  n: { label: 'N (kept per group)' },
  m: { label: 'M (group size)', hint: 'consecutive weights along the input dimension' },
};

/** Readable names of choice values, per setting. */
export const OPTION_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  saliency: {
    magnitude: 'magnitude |w|',
    taylor: 'Taylor |w·∂L/∂w|',
    movement: 'movement −Σ w·∂L/∂w',
  },
  scope: { global: 'all layers together (global)', layer: 'each layer alike' },
  rewind: {
    none: 'keep training (no rewind)',
    init: 'rewind to the initial weights θ₀',
    step: 'rewind to step k (θₖ)',
  },
  control: {
    none: 'none (the ticket itself)',
    randomMask: 'random mask, same density',
    randomInit: 'same mask, new random init',
  },
  schedule: { polynomial: 'polynomial decay (TFMOT)', constant: 'constant sparsity (TFMOT)' },
  distribution: { erk: 'Erdős–Rényi-Kernel', uniform: 'uniform' },
  anneal: { cosine: 'cosine-annealed', constant: 'constant' },
  initMask: {
    random: 'random (from scratch, as the papers)',
    magnitude: 'largest |w| of the start',
  },
};
