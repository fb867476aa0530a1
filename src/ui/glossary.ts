/** One sentence per idea the lab shows, for hover and focus help on chart titles and controls. */
export const GLOSSARY = {
  mask: 'A mask is a 0/1 switch per connection: the network computes with w × mask, so a 0 removes the connection without deleting its weight.',
  saliency:
    'Saliency is how important a connection looks to the method: |w| for magnitude pruning, |w·∂L/∂w| for Taylor, −Σ w·∂L/∂w for movement.',
  cut: 'A cut sets a connection’s mask to 0: it stops taking part in the forward pass.',
  splice:
    'A splice sets a pruned connection’s mask back to 1; in DNS a cut weight keeps learning and comes back once |w| grows past b.',
  thresholds:
    'DNS fixes two thresholds per layer at its first surgery step, thr = max(μ + c·σ, 0) of |w|: live weights at or below a = 0.9·thr are cut, pruned ones above b = 1.1·thr are spliced back.',
  hysteresis:
    'Between a and b nothing changes: this gap (hysteresis) stops a weight near the threshold from being cut and spliced on every step.',
  density: 'Density is the share of weights and biases kept (mask = 1); sparsity is 1 − density.',
  compression: 'Compression is total ÷ kept parameters: 50× means one connection in fifty remains.',
  iterStop:
    'iter_stop is the step after which DNS stops changing masks; training goes on and only fine-tunes the kept weights.',
  rewind:
    'Rewinding puts the kept weights back to their values at initialisation (θ₀) or at an early step k before retraining: the lottery-ticket experiment.',
  nm: 'N:M sparsity keeps N of every M consecutive weights (2:4 keeps 2 of 4), a pattern sparse tensor cores run at twice the speed.',
} as const;

export type GlossaryId = keyof typeof GLOSSARY;

/** The glossary entries a method setting's label explains. */
export const SETTING_TERMS: Readonly<Record<string, readonly GlossaryId[]>> = {
  c: ['thresholds', 'hysteresis'],
  iterStop: ['iterStop'],
  rewind: ['rewind'],
  rewindStep: ['rewind'],
  n: ['nm'],
  m: ['nm'],
  saliency: ['saliency'],
  target: ['density'],
};
