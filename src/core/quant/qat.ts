import * as tf from '@tensorflow/tfjs';
import type { RunConfig } from '../config';
import type { Dataset } from '../data/types';
import { applyCheckpoint, readCheckpoint, saveCheckpoint } from '../models/checkpoint';
import { Network } from '../models/network';
import { getMethod } from '../pruning/registry';
import { createRng } from '../rng';
import { evaluate } from '../train/evaluate';
import { optimizerFor } from '../train/session';
import { Trainer } from '../train/trainer';
import { fakeQuantInt8, int8RoundTripTensor } from './fakeQuant';
import { byteFigures, weightFiles } from '../report/bytes';
import { reportLayers } from '../report/layers';

/** Test accuracy and storage of one form of a trained network. */
export interface QuantPoint {
  readonly accuracy: number;
  /** Bytes of the report's sparse weight file: `csr-f32` for float, `csr-int8` for int8. */
  readonly bytes: number;
}

/** Float vs post-training int8 vs quantization-aware int8, on the test split. */
export interface QuantFigures {
  readonly float: QuantPoint;
  /** The trained float weights rounded to int8 (per-output-channel, symmetric). */
  readonly ptq: QuantPoint;
  /** After `epochs` of fine-tuning with fake-quantised int8 weights, masks kept (null: none asked). */
  readonly qat: (QuantPoint & { readonly epochs: number; readonly floatAccuracy: number }) | null;
}

/** A copy of a network (weights and masks) that training can change without touching the original. */
export async function cloneNetwork(net: Network, dataset: string): Promise<Network> {
  const ckpt = readCheckpoint(await saveCheckpoint(net, { dataset, withMasks: true }));
  const copy = new Network(net.arch, createRng(0).fork('init'));
  applyCheckpoint(copy, ckpt);
  return copy;
}

/** Replaces every layer's weights by the int8 round trip of W⊙T (biases stay float). */
export function quantizeWeightsInPlace(net: Network): void {
  for (const l of net.layers)
    tf.tidy(() => {
      l.w.assign(int8RoundTripTensor(tf.mul(l.w, l.wMask)));
    });
}

/**
 * Bytes of the network's weight files as the report writes them (`report/bytes.ts`): sparse
 * float32 (`csr-f32`) and sparse int8 with per-channel scales (`csr-int8`).
 */
async function fileBytes(net: Network, dataset: string): Promise<{ float: number; int8: number }> {
  const ckpt = readCheckpoint(await saveCheckpoint(net, { dataset, withMasks: true }));
  const b = byteFigures(weightFiles(ckpt.header, reportLayers(ckpt)));
  return { float: b['csr-f32'].raw, int8: b['csr-int8'].raw };
}

/**
 * The int8 figures of a trained (pruned) network: its float accuracy, post-training int8, and,
 * with `qatEpochs` > 0, int8 after quantization-aware fine-tuning (fake-quant forward,
 * straight-through gradient, masks fixed). Works on copies; `net` is left as it was.
 */
export async function quantizationStudy(
  net: Network,
  cfg: RunConfig,
  data: Dataset,
  opts: { qatEpochs: number; onStep?: (step: number, total: number) => void | Promise<void> },
): Promise<QuantFigures> {
  const test = data.test;
  const bytes = await fileBytes(net, cfg.dataset);
  const float: QuantPoint = {
    accuracy: (await evaluate(net, data, test)).accuracy,
    bytes: bytes.float,
  };
  const int8Bytes = bytes.int8;
  const ptqNet = await cloneNetwork(net, cfg.dataset);
  let ptq: QuantPoint;
  try {
    quantizeWeightsInPlace(ptqNet);
    ptq = { accuracy: (await evaluate(ptqNet, data, test)).accuracy, bytes: int8Bytes };
  } finally {
    ptqNet.dispose();
  }
  if (opts.qatEpochs <= 0) return { float, ptq, qat: null };
  const qatNet = await cloneNetwork(net, cfg.dataset);
  try {
    const spec = getMethod('fixedMask');
    const trainer = new Trainer({
      network: qatNet,
      data,
      method: spec,
      methodConfig: spec.resolve({}, qatNet.layers),
      optimizer: optimizerFor(cfg, { drops: false }),
      batchSize: cfg.batchSize,
      seed: createRng(cfg.seed).fork('qat').seed32(),
      epochs: opts.qatEpochs,
      forwardWeights: fakeQuantInt8,
    });
    try {
      while (trainer.t < trainer.totalSteps) {
        trainer.step();
        const wait = opts.onStep?.(trainer.t, trainer.totalSteps);
        if (wait) await wait;
      }
    } finally {
      trainer.dispose();
    }
    const floatAccuracy = (await evaluate(qatNet, data, test)).accuracy;
    quantizeWeightsInPlace(qatNet);
    const accuracy = (await evaluate(qatNet, data, test)).accuracy;
    return {
      float,
      ptq,
      qat: { accuracy, bytes: int8Bytes, epochs: opts.qatEpochs, floatAccuracy },
    };
  } finally {
    qatNet.dispose();
  }
}
