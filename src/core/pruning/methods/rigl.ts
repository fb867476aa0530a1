import {
  createDynamicSparse,
  DYNAMIC_SPARSE_DEFAULTS,
  DYNAMIC_SPARSE_SCHEMA,
  resolveDynamicSparse,
} from '../dynamicSparse';
import type { DynamicSparseConfig } from '../dynamicSparse';
import type { PrunerSpec } from '../types';

/**
 * Rigged Lottery (Evci et al. 2020): a fixed budget; every ΔT steps drop the smallest |w| and grow
 * the connections with the largest |∂L/∂(W⊙T)| (the dense gradient of this step), at zero.
 */
export const rigl: PrunerSpec<DynamicSparseConfig> = {
  id: 'rigl',
  title: 'Rigged Lottery (RigL)',
  summary:
    'Trains a fixed number of connections: every 100 steps drops the smallest weights and grows those with the largest dense gradient, starting at zero (Evci et al. 2020).',
  gradient: 'masked',
  canRegrow: true,
  sparsity: 'target',
  schema: DYNAMIC_SPARSE_SCHEMA,
  defaults: () => DYNAMIC_SPARSE_DEFAULTS,
  resolve: (input, layers) => resolveDynamicSparse('rigl', input, layers),
  create: (cfg, info) => createDynamicSparse(cfg, info, 'gradient'),
};
