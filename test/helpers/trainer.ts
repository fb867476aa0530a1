import type { Dataset } from '../../src/core/data/types';
import type { Network } from '../../src/core/models/network';
import { getMethod } from '../../src/core/pruning/registry';
import { CAFFE_SGD } from '../../src/core/train/optimizer';
import { Trainer } from '../../src/core/train/trainer';

/** The dense baseline (no pruning) on `net`: Caffe's SGD, batches of 16, seed 1. */
export function denseTrainer(net: Network, data: Dataset, epochs: number): Trainer {
  return new Trainer({
    network: net,
    data,
    method: getMethod('none'),
    methodConfig: {},
    optimizer: CAFFE_SGD,
    batchSize: 16,
    seed: 1,
    epochs,
  });
}
