import type { BackendName } from '../core/backend';
import type { Dataset } from '../core/data/types';
import { suggestModel } from '../core/data/upload/suggest';
import type { LabConfig, UploadedDataset } from './types';

/** Steps of the dense pre-train an upload starts with (there is no shipped checkpoint for it). */
export const UPLOAD_PRETRAIN_STEPS = 300;
/** Steps of the method's budget on an upload. */
export const UPLOAD_METHOD_STEPS = 600;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/**
 * The settings a run on an uploaded dataset starts with: the suggested model, a short dense
 * pre-train (about 300 steps), a method budget of about 600 steps, and a batch that fits the
 * training split (64 for images, 32 for tables).
 */
export function uploadRunSettings(
  dataset: Dataset,
  backend?: BackendName | null,
): Pick<LabConfig, 'source' | 'model' | 'start' | 'pretrainEpochs' | 'epochs' | 'batchSize'> {
  const image = dataset.inputShape.length === 3;
  const train = Math.max(1, dataset.train.count);
  const batchSize = Math.min(image ? 64 : 32, train);
  const stepsPerEpoch = Math.ceil(train / batchSize);
  return {
    source: { kind: 'upload', key: dataset.id },
    model: suggestModel(dataset.inputShape, dataset.numClasses, backend ?? undefined).model,
    start: 'pretrain',
    pretrainEpochs: clamp(Math.round(UPLOAD_PRETRAIN_STEPS / stepsPerEpoch), 1, 100),
    epochs: clamp(Math.round(UPLOAD_METHOD_STEPS / stepsPerEpoch), 1, 200),
    batchSize,
  };
}

/** Whether an upload is images large enough for LeNet-5 (two 5x5 convolutions and pools). */
export function uploadFitsLenet5(uploads: readonly UploadedDataset[], key: string): boolean {
  const s = uploads.find((u) => u.key === key)?.dataset.inputShape;
  return !!s && s.length === 3 && s[0]! >= 16 && s[1]! >= 16;
}
