import { z } from 'zod';
import { parseWith } from '../config';
import type { PrunerSpec } from '../types';

const schema = z.strictObject({});

/** No pruning: the dense baseline (the same model and trainer with no masks at all). */
export const none: PrunerSpec<Record<string, never>> = {
  id: 'none',
  title: 'Dense baseline (no pruning)',
  summary: 'Trains every weight with no mask: the reference the pruned runs are compared with.',
  gradient: 'dense',
  canRegrow: false,
  sparsity: 'none',
  schema,
  defaults: () => ({}),
  resolve: (input) => parseWith(schema, input, 'none'),
  create: () => ({ dispose() {} }),
};
