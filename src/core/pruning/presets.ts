import type { RunConfig } from '../config';
import type { ModelId } from '../models/types';

/** Named bundles of settings; today only the authors' own settings of the DNS paper. */
export const PRESET_IDS = ['paper'] as const;
export type PresetId = (typeof PRESET_IDS)[number];

export function isPresetId(v: string): v is PresetId {
  return (PRESET_IDS as readonly string[]).includes(v);
}

/** What a preset fixes for one model: the method's settings and the run around it. */
export interface PresetSettings {
  readonly method: 'dns';
  /** DNS settings (keys of `DnsConfig`), per layer in the model's layer order. */
  readonly methodConfig: {
    readonly c: readonly number[];
    readonly iterStop: number;
    readonly gamma: number;
    readonly power: number;
  };
  /** Training examples carved off for validation: 0 = all 60,000 (as the authors trained). */
  readonly validationCount: number;
  readonly batchSize: number;
  /** DNS epochs of the final reproduction (after the dense start). */
  readonly epochs: number;
  /**
   * The dense start: a checkpoint under `public/checkpoints/` trained on all 60k, or null where
   * none ships (the run then pre-trains `pretrainEpochs` itself).
   */
  readonly checkpoint: string | null;
  readonly pretrainEpochs: number;
  /** Where each number comes from, for the README and the lab's hint. */
  readonly source: string;
}

/**
 * Guo, Yao & Chen, "Dynamic Network Surgery for Efficient DNNs", NIPS 2016: the per-layer c,
 * iter_stop, γ and power stored in the compressed layers of the authors' released sparse models
 * (yiwenguo/Dynamic-Network-Surgery, `caffe_lenet300100_sparse.caffemodel` and
 * `caffe_lenet5_sparse.caffemodel`); the paper's Table 1 reports 56× at 1.99% and 108× at 0.91%.
 * Epochs and the dense start are this project's, chosen on a validation split
 * (docs/reproduction.md).
 */
const PAPER: Partial<Record<ModelId, PresetSettings>> = {
  lenet300: {
    method: 'dns',
    methodConfig: { c: [5, 3, 3], iterStop: 20000, gamma: 1e-4, power: 1 },
    validationCount: 0,
    batchSize: 64,
    epochs: 40,
    checkpoint: 'paper/lenet300-mnist.ckpt',
    pretrainEpochs: 20,
    source:
      'c 5/3/3, iter_stop 20,000, γ 1e-4, power 1: read from the authors’ released caffe_lenet300100_sparse.caffemodel',
  },
  lenet5: {
    method: 'dns',
    methodConfig: { c: [2, 3, 4, 2.5], iterStop: 14000, gamma: 1e-4, power: 1 },
    validationCount: 0,
    batchSize: 64,
    // iter_stop (14,000 steps, epoch 14.9) and about one epoch of fine-tuning with frozen masks.
    epochs: 16,
    // Caffe's LeNet solver length (10,000 iterations, 10.67 epochs): the shipped 4-epoch 55k start
    // trained on for 6.67 epochs on all 60k (0.80% test error; docs/reproduction.md).
    checkpoint: 'paper/lenet5-mnist.ckpt',
    pretrainEpochs: 10.67,
    source:
      'c 2/3/4/2.5, iter_stop 14,000, γ 1e-4, power 1: read from the authors’ released caffe_lenet5_sparse.caffemodel',
  },
};

/** The paper's data set: both headline rows are MNIST. */
export const PAPER_DATASET = 'mnist';

/** The preset's settings for a model, or an error naming the models it covers. */
export function resolvePreset(id: PresetId, model: ModelId, dataset: string): PresetSettings {
  const p = PAPER[model];
  if (!p)
    throw new Error(
      `preset "${id}" covers ${Object.keys(PAPER).join(' and ')} (the paper's networks), not ${model}`,
    );
  if (dataset !== PAPER_DATASET)
    throw new Error(`preset "${id}" reproduces the paper on ${PAPER_DATASET}, not ${dataset}`);
  return p;
}

/** The models a preset covers (for the lab's menu). */
export function presetModels(id: PresetId): ModelId[] {
  void id;
  return Object.keys(PAPER) as ModelId[];
}

/**
 * Run-config fields the preset sets, under any the caller gave explicitly (`explicit` wins: a
 * flag or a link can still change one number of the paper's setting).
 */
export function applyPreset(
  p: PresetSettings,
  explicit: Partial<Pick<RunConfig, 'epochs' | 'batchSize' | 'validationCount'>> & {
    methodConfig?: Record<string, unknown>;
  },
): {
  method: 'dns';
  methodConfig: Record<string, unknown>;
  epochs: number;
  batchSize: number;
  validationCount: number;
} {
  return {
    method: p.method,
    methodConfig: {
      c: [...p.methodConfig.c],
      iterStop: p.methodConfig.iterStop,
      gamma: p.methodConfig.gamma,
      power: p.methodConfig.power,
      ...(explicit.methodConfig ?? {}),
    },
    epochs: explicit.epochs ?? p.epochs,
    batchSize: explicit.batchSize ?? p.batchSize,
    validationCount: explicit.validationCount ?? p.validationCount,
  };
}
