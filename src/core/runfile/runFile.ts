import { z } from 'zod';
import { runConfigSchema } from '../config';
import type { Checkpoint } from '../models/checkpoint';
import { architecture, layerInfos, modelLabel } from '../models/zoo';
import type { RunResult } from '../train/result';

/** `format` of a run file's JSON. */
export const RUN_FILE_FORMAT = 'pruning-lab-run';
/** Version of the run-file JSON this code writes and reads. */
export const RUN_FILE_VERSION = 1;

/** Where a run's dense start came from, and the checkpoint file holding it (beside the JSON). */
export interface DenseStart {
  readonly source: 'checkpoint' | 'pretrain' | 'scratch';
  /** File name of the dense checkpoint beside the run JSON; null for a start from scratch. */
  readonly file: string | null;
  /** Test accuracy of the dense start (null when unknown, and for scratch). */
  readonly testAccuracy: number | null;
}

/**
 * A run file: the run JSON (`RunResult`) plus the names of its checkpoints. A run file is the
 * pair JSON + `checkpoint` (the final weights with masks); `denseStart.file` names the dense start.
 * File names are plain names resolved against the JSON's folder (no paths).
 */
export type RunFileJson = RunResult & {
  readonly format: typeof RUN_FILE_FORMAT;
  readonly version: typeof RUN_FILE_VERSION;
  /** File name of the final checkpoint (weights and masks), beside the JSON. */
  readonly checkpoint: string;
  readonly denseStart: DenseStart;
};

/** The run JSON of `result` with its checkpoint names. */
export function makeRunFileJson(
  result: RunResult,
  files: { checkpoint: string; denseFile: string | null },
): RunFileJson {
  return {
    format: RUN_FILE_FORMAT,
    version: RUN_FILE_VERSION,
    ...result,
    checkpoint: files.checkpoint,
    denseStart: {
      source: result.dense.source,
      file: files.denseFile,
      testAccuracy: result.dense.testAccuracy,
    },
  };
}

// JSON writes Infinity and NaN as null; these read them back as numbers.
const num = z.number();
const numOrNull = (fill: number) =>
  z
    .number()
    .nullable()
    .transform((v) => v ?? fill);
const fileName = z
  .string()
  .min(1)
  .max(255)
  .refine((s) => !/[/\\]/.test(s) && s !== '.' && s !== '..', 'must be a plain file name');

const layerSchema = z.object({
  name: z.string(),
  kept: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  density: num,
  compression: numOrNull(Infinity),
  a: num.optional(),
  b: num.optional(),
  mu: num.optional(),
  sigma: num.optional(),
});

const historySchema = z.object({
  step: num,
  epoch: num,
  loss: numOrNull(NaN),
  trainAccuracy: numOrNull(NaN),
  density: num,
  cuts: num,
  splices: num,
  learningRate: num,
});

const epochSchema = z.object({
  epoch: num,
  step: num,
  validationAccuracy: numOrNull(NaN),
  density: num,
  seconds: num,
});

const sourceSchema = z.enum(['checkpoint', 'pretrain', 'scratch']);

const runFileSchema = z.object({
  format: z.literal(RUN_FILE_FORMAT),
  version: z.literal(RUN_FILE_VERSION),
  checkpoint: fileName,
  denseStart: z.object({
    source: sourceSchema,
    file: fileName.nullable(),
    testAccuracy: num.nullable(),
  }),
  config: runConfigSchema,
  methodConfig: z.unknown(),
  backend: z.string(),
  dense: z.object({ source: sourceSchema, testAccuracy: num.nullable() }),
  // An unfinished run (saved or exported from the lab mid-run) has no test figures yet: NaN.
  testAccuracy: numOrNull(NaN),
  testError: numOrNull(NaN),
  density: num,
  compression: numOrNull(Infinity),
  kept: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  layers: z.array(layerSchema),
  history: z.array(historySchema),
  epochs: z.array(epochSchema),
  timing: z.object({
    epochSeconds: z.array(num),
    msPerStep: num,
    totalSeconds: num,
    steps: num,
  }),
  startedAt: z.string(),
  epochsTrained: num.optional(),
  target: num.nullable().optional(),
  levels: num.optional(),
  calibration: z.record(z.string(), z.unknown()).optional(),
  seed: num.optional(),
});

/** Checks a parsed value is a run file; throws an error naming the first wrong field. */
export function parseRunFile(value: unknown): RunFileJson {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error('not a Pruning Lab run file (expected a JSON object)');
  const v = value as Record<string, unknown>;
  if (v['format'] !== RUN_FILE_FORMAT)
    throw new Error(
      `not a Pruning Lab run file (format is ${JSON.stringify(v['format'] ?? null)}, expected "${RUN_FILE_FORMAT}")`,
    );
  if (v['version'] !== RUN_FILE_VERSION)
    throw new Error(`run file version ${String(v['version'])} is not supported`);
  const r = runFileSchema.safeParse(value);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new Error(`run file ${i?.path.join('.') || 'JSON'}: ${i?.message ?? 'invalid'}`);
  }
  return r.data as unknown as RunFileJson;
}

/** Parses run-file JSON text; malformed JSON or a wrong field throws one readable line. */
export function parseRunFileJson(text: string): RunFileJson {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new Error(`run file is not valid JSON (${(e as Error).message.split('\n')[0]})`);
  }
  return parseRunFile(value);
}

/**
 * Why a checkpoint cannot hold the weights of this run (other model, data, class count or
 * tensor shapes), or null when it fits. `masks`: the checkpoint must carry masks.
 */
export function checkpointMismatch(
  run: Pick<RunResult, 'config'>,
  ckpt: Checkpoint,
  opts: { masks?: boolean } = {},
): string | null {
  const h = ckpt.header;
  const want = modelLabel(run.config.model);
  const got = modelLabel(h.model);
  if (h.model.id !== run.config.model.id || got !== want)
    return `checkpoint holds a ${got} model, the run is ${want}`;
  if (h.dataset !== run.config.dataset)
    return `checkpoint was trained on ${h.dataset}, the run on ${run.config.dataset}`;
  if (opts.masks && !h.withMasks) return 'checkpoint has no masks';
  return shapeMismatch(ckpt);
}

/** Why a checkpoint's tensors do not fit the model its header names, or null when they do. */
export function shapeMismatch(ckpt: Checkpoint): string | null {
  const h = ckpt.header;
  let infos;
  try {
    infos = layerInfos(architecture(h.model, h.inputShape, h.numClasses));
  } catch (e) {
    return (e as Error).message;
  }
  const per = h.withMasks ? 4 : 2;
  if (h.params.length !== infos.length * per)
    return `checkpoint has ${h.params.length} tensors, ${modelLabel(h.model)} needs ${infos.length * per}`;
  for (let k = 0; k < infos.length; k++) {
    const wShape = infos[k]!.weightShape;
    const units = wShape[wShape.length - 1]!;
    const shapes = h.withMasks ? [wShape, [units], wShape, [units]] : [wShape, [units]];
    for (let j = 0; j < per; j++) {
      const p = h.params[k * per + j]!;
      if (p.shape.join('x') !== shapes[j]!.join('x'))
        return `checkpoint ${p.name} has shape ${p.shape.join('x')}, ${modelLabel(h.model)} needs ${shapes[j]!.join('x')}`;
    }
    if (ckpt.tensors[k * per]?.length !== wShape.reduce((a, b) => a * b, 1))
      return `checkpoint data for ${h.params[k * per]!.name} has the wrong length`;
  }
  return null;
}
