import {
  createDynamicSparse,
  DYNAMIC_SPARSE_DEFAULTS,
  DYNAMIC_SPARSE_SCHEMA,
  resolveDynamicSparse,
} from '../dynamicSparse';
import type { DynamicSparseConfig } from '../dynamicSparse';
import type { PrunerSpec } from '../types';

/**
 * Sparse Evolutionary Training (Mocanu et al. 2018), as RigL's code runs it: a fixed budget; every
 * ΔT steps drop the smallest |w| (a cosine-annealed fraction) and regrow as many at random, at zero.
 */
export const set: PrunerSpec<DynamicSparseConfig> = {
  id: 'set',
  title: 'Sparse Evolutionary Training (SET)',
  summary:
    'Trains a fixed number of connections: every 100 steps drops the smallest weights and regrows as many at random places, starting at zero (Mocanu et al. 2018).',
  gradient: 'masked',
  canRegrow: true,
  sparsity: 'target',
  schema: DYNAMIC_SPARSE_SCHEMA,
  defaults: () => DYNAMIC_SPARSE_DEFAULTS,
  resolve: (input, layers) => resolveDynamicSparse('set', input, layers),
  create: (cfg, info) => createDynamicSparse(cfg, info, 'random'),
};
