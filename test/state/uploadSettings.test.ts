import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/core/data/types';
import { withDatasetDefaults } from '../../src/state/slices/config';
import { DEFAULT_CONFIG } from '../../src/state/configRules';
import {
  UPLOAD_PRETRAIN_STEPS,
  uploadFitsLenet5,
  uploadRunSettings,
} from '../../src/state/uploadSettings';

function dataset(inputShape: number[], train: number, numClasses = 3): Dataset {
  const d = inputShape.reduce((p, q) => p * q, 1);
  const split = (n: number) => ({ count: n, x: new Float32Array(n * d), y: new Uint8Array(n) });
  return {
    id: 'upload-x-1',
    title: 'x.csv',
    inputShape,
    featureSize: d,
    numClasses,
    classNames: Array.from({ length: numClasses }, (_, k) => `c${k}`),
    xScale: 1,
    train: split(train),
    validation: split(2),
    test: split(2),
  };
}

describe('uploadRunSettings', () => {
  it('starts tabular data on its suggested MLP after about 300 steps of dense pre-train', () => {
    const s = uploadRunSettings(dataset([4], 90));
    expect(s).toMatchObject({
      source: { kind: 'upload', key: 'upload-x-1' },
      model: { id: 'mlp', hidden: [16, 16] },
      start: 'pretrain',
      batchSize: 32,
    });
    expect(s.pretrainEpochs * Math.ceil(90 / 32)).toBeCloseTo(UPLOAD_PRETRAIN_STEPS, -1);
  });

  it('keeps the batch within a small training split and the epochs within bounds', () => {
    const s = uploadRunSettings(dataset([28, 28, 1], 20));
    expect(s.batchSize).toBe(20);
    expect(s.pretrainEpochs).toBe(100);
    expect(s.epochs).toBe(200);
    const big = uploadRunSettings(dataset([28, 28, 1], 12_000));
    expect(big.batchSize).toBe(64);
    expect(big.pretrainEpochs).toBe(2);
  });

  it('suggests LeNet-5 for images on a GPU backend, an MLP otherwise', () => {
    expect(uploadRunSettings(dataset([28, 28, 1], 100), 'webgl').model).toEqual({ id: 'lenet5' });
    expect(uploadRunSettings(dataset([28, 28, 1], 100), 'wasm').model.id).toBe('mlp');
  });

  it('wins over the defaults a dataset change brings', () => {
    const s = uploadRunSettings(dataset([4], 90));
    const next = withDatasetDefaults({ ...DEFAULT_CONFIG, methodConfig: { c: [1, 1, 1] } }, s);
    expect(next).toMatchObject({ ...s, methodConfig: {} });
  });
});

describe('uploadFitsLenet5', () => {
  it('is true for images of at least 16x16 only', () => {
    const ups = [
      { key: 'a', title: 'a', dataset: dataset([16, 16, 3], 10) },
      { key: 'b', title: 'b', dataset: dataset([8, 8, 1], 10) },
      { key: 'c', title: 'c', dataset: dataset([64], 10) },
    ];
    expect(['a', 'b', 'c', 'd'].map((k) => uploadFitsLenet5(ups, k))).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });
});
