import type { BuiltinDatasetId } from '../core/data/ids';
import { modelLabel } from '../core/models/zoo';
import type { ModelConfig } from '../core/models/types';
import type { RunSpec } from '../worker/protocol';
import type { CheckpointEntry, LabConfig, UploadedDataset } from './types';

/** Image sets train LeNets; the small tabular and toy sets a 16-16 MLP. */
export function isImageSet(id: string): boolean {
  return id === 'mnist' || id === 'fashion-mnist';
}

/** The settings a dataset starts with: its model, budget and dense pre-train length. */
export function datasetDefaults(
  id: string,
): Pick<LabConfig, 'model' | 'epochs' | 'pretrainEpochs' | 'batchSize'> {
  return isImageSet(id)
    ? { model: { id: 'lenet300' }, epochs: 20, pretrainEpochs: 2, batchSize: 64 }
    : { model: { id: 'mlp', hidden: [16, 16] }, epochs: 100, pretrainEpochs: 60, batchSize: 32 };
}

/** The one-click preset: LeNet-300-100 on MNIST, DNS from the shipped dense checkpoint. */
export const DEFAULT_CONFIG: LabConfig = {
  source: { kind: 'builtin', id: 'mnist' },
  ...datasetDefaults('mnist'),
  method: 'dns',
  methodConfig: {},
  start: 'checkpoint',
  seed: 1,
  optimizer: 'sgd',
  lr: null,
  validateEvery: 0,
  validationLimit: 1000,
};

/** How a settings change reaches the run: at once, on the next build, or after the user confirms. */
export type ChangeKind = 'live' | 'rebuild' | 'confirm';

/** Learning rate goes live; data and model reset the run (asked first); the rest apply on a rebuild. */
export function changeKind(patch: Partial<LabConfig>): ChangeKind {
  const keys = Object.keys(patch) as (keyof LabConfig)[];
  if (keys.some((k) => k === 'source' || k === 'model')) return 'confirm';
  if (keys.every((k) => k === 'lr')) return 'live';
  return 'rebuild';
}

/** The dataset id a source stands for. */
export function sourceId(config: LabConfig): string {
  return config.source.kind === 'builtin' ? config.source.id : config.source.key;
}

/** Mirrors `checkpointName` in core/train/session (kept out of the page bundle: it pulls in tfjs). */
export function checkpointFile(model: ModelConfig, dataset: string): string {
  return `${modelLabel(model)}-${dataset}.ckpt`;
}

/** The shipped checkpoint for a config, null when none, undefined while the index is loading. */
export function findCheckpoint(
  entries: readonly CheckpointEntry[] | null,
  config: LabConfig,
): CheckpointEntry | null | undefined {
  if (!entries) return undefined;
  const file = checkpointFile(config.model, sourceId(config));
  return entries.find((e) => e.file === file) ?? null;
}

/** The run spec the worker builds from a config. */
export function buildSpec(config: LabConfig, uploads: readonly UploadedDataset[]): RunSpec {
  const id = sourceId(config);
  let data: RunSpec['data'];
  if (config.source.kind === 'builtin')
    data = { kind: 'builtin', id: config.source.id as BuiltinDatasetId };
  else {
    const key = config.source.key;
    const up = uploads.find((u) => u.key === key);
    if (!up)
      throw new Error(`the uploaded dataset "${key}" is no longer here; choose another dataset`);
    data = { kind: 'inline', dataset: up.dataset };
  }
  return {
    data,
    validateEvery: config.validateEvery,
    config: {
      dataset: id,
      model: {
        id: config.model.id,
        ...(config.model.hidden ? { hidden: [...config.model.hidden] } : {}),
      },
      method: config.method,
      methodConfig: { ...config.methodConfig },
      start: config.start,
      pretrainEpochs: config.pretrainEpochs,
      epochs: config.epochs,
      batchSize: config.batchSize,
      seed: config.seed,
      optimizer: config.optimizer,
      ...(config.lr !== null ? { lr: config.lr } : {}),
      validationLimit: config.validationLimit,
    },
  };
}

/** A short run label for the session chart: method, the settings the user changed, model and data. */
export function runLabel(n: number, config: LabConfig): string {
  const over = Object.entries(config.methodConfig)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('/') : String(v)}`)
    .join(' ');
  const start = config.start === 'checkpoint' ? '' : ` · ${config.start}`;
  return `#${n} ${config.method}${over ? ` ${over}` : ''} · ${modelLabel(config.model)} · ${sourceId(config)}${start}`;
}
