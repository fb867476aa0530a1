import { z } from 'zod';
import { MODEL_IDS } from './models/types';
import { METHOD_IDS } from './pruning/types';

/** Where training starts: the shipped dense checkpoint, a fresh dense pre-train, or random init. */
export const START_MODES = ['checkpoint', 'pretrain', 'scratch'] as const;
export type StartMode = (typeof START_MODES)[number];

/** Everything that defines a run. The CLI, the worker, saved runs and (later) URLs share it. */
export const runConfigSchema = z.strictObject({
  dataset: z.string().min(1),
  model: z.strictObject({
    id: z.enum(MODEL_IDS),
    hidden: z.array(z.number().int().positive().max(4096)).max(8).optional(),
  }),
  method: z.enum(METHOD_IDS),
  /** Method settings, filled and checked by the method's `resolve`. */
  methodConfig: z.record(z.string(), z.unknown()).default({}),
  start: z.enum(START_MODES).default('checkpoint'),
  /** Dense epochs before pruning when `start` is `pretrain`. */
  pretrainEpochs: z.number().nonnegative().default(0),
  /** Training budget of the method, in epochs (fractions allowed). */
  epochs: z.number().positive(),
  batchSize: z.number().int().positive().max(4096).default(64),
  seed: z.number().int().nonnegative().default(1),
  optimizer: z.enum(['sgd', 'adam']).default('sgd'),
  /** Base learning rate; default 0.01 for SGD (Caffe LeNet solver), 1e-3 for Adam. */
  lr: z.number().positive().optional(),
  /**
   * Step drops on top of the learning-rate policy (Caffe's `multistep` idea): from trainer step
   * `step` on, the rate is the policy's × `factor` (the latest drop reached applies). E.g. a
   * lower rate for the fine-tuning after DNS's masks freeze at iter_stop.
   */
  lrDrops: z
    .array(
      z.strictObject({
        step: z.number().int().nonnegative(),
        factor: z.number().positive().max(1),
      }),
    )
    .max(8)
    .optional(),
  /** Validation examples used for the periodic check (a fixed subsample). */
  validationLimit: z.number().int().positive().default(1000),
  /**
   * Examples carved from the training split for validation (built-in image sets; default 5,000
   * for MNIST, 2,000 for Fashion-MNIST). 0 trains on the whole training split, as Caffe's LeNet
   * examples do; per-epoch checks then read a fixed 5,000-example sample of the training split
   * (never the test split).
   */
  validationCount: z.number().int().nonnegative().optional(),
});

export type RunConfig = z.infer<typeof runConfigSchema>;
export type RunConfigInput = z.input<typeof runConfigSchema>;

/** Validates a run config; the error names the field and what is wrong with it. */
export function parseRunConfig(input: unknown): RunConfig {
  const r = runConfigSchema.safeParse(input);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new Error(`${i?.path.join('.') || 'config'}: ${i?.message ?? 'invalid'}`);
  }
  return r.data;
}
