import type { RunConfig } from '../config';
import type { Dataset } from '../data/types';
import type { Checkpoint } from '../models/checkpoint';
import { applyCheckpoint } from '../models/checkpoint';
import { Network } from '../models/network';
import { architecture, modelLabel } from '../models/zoo';
import type { ModelConfig } from '../models/types';
import { getMethod } from '../pruning/registry';
import { createRng } from '../rng';
import type { OptimizerConfig } from './optimizer';
import { CAFFE_SGD, DEFAULT_ADAM } from './optimizer';
import { Trainer } from './trainer';

/** File name of the shipped dense checkpoint for a model and dataset (under `public/checkpoints/`). */
export function checkpointName(model: ModelConfig, dataset: string): string {
  return `${modelLabel(model)}-${dataset}.ckpt`;
}

/** A fresh network for the data, initialised from the seed (Caffe xavier). */
export function buildNetwork(model: ModelConfig, data: Dataset, seed: number): Network {
  return new Network(
    architecture(model, data.inputShape, data.numClasses),
    createRng(seed).fork('init'),
  );
}

/**
 * The optimizer a run config asks for; `drops: false` leaves out `lrDrops` (they count the
 * method's steps, not a dense pre-train's or a QAT fine-tune's).
 */
export function optimizerFor(
  cfg: Pick<RunConfig, 'optimizer' | 'lr' | 'lrDrops'>,
  opts: { drops?: boolean } = {},
): OptimizerConfig {
  const base = cfg.optimizer === 'adam' ? DEFAULT_ADAM : CAFFE_SGD;
  return {
    ...base,
    ...(cfg.lr === undefined ? {} : { lr: cfg.lr }),
    ...(cfg.lrDrops?.length && opts.drops !== false ? { drops: cfg.lrDrops } : {}),
  };
}

/** A trainer for a phase of a run: `method` 'none' for dense (pre-)training. */
export function createTrainer(
  cfg: RunConfig,
  data: Dataset,
  net: Network,
  phase: {
    method: string;
    methodConfig?: unknown;
    epochs: number;
    seedLabel: string;
    trackEvents?: boolean;
    /** Seed of the dense start's initialisation, when known (lottery tickets rewind to it). */
    initSeed?: number;
  },
): Trainer {
  const spec = getMethod(phase.method);
  const layerInfo = net.layers.map((l) => ({
    name: l.name,
    kind: l.kind,
    size: l.size,
    weightShape: l.w.shape,
  }));
  const methodConfig = spec.resolve(phase.methodConfig ?? {}, layerInfo);
  const seed = createRng(cfg.seed).fork(phase.seedLabel).seed32();
  return new Trainer({
    network: net,
    data,
    method: spec,
    methodConfig,
    optimizer: optimizerFor(cfg, { drops: phase.seedLabel !== 'pretrain' }),
    batchSize: cfg.batchSize,
    seed,
    epochs: phase.epochs,
    trackEvents: phase.trackEvents ?? false,
    ...(phase.initSeed !== undefined ? { initSeed: phase.initSeed } : {}),
  });
}

/**
 * The seed of the initialisation a checkpoint's dense weights were trained from, when the
 * checkpoint says: `meta.initSeed`, or, for dense checkpoints the CLI made from scratch or by
 * pre-training (`lab run --method none --from-scratch`), the run's `seed`.
 */
export function denseInitSeed(meta: Readonly<Record<string, unknown>>): number | undefined {
  const own = meta['initSeed'];
  if (typeof own === 'number') return own;
  const seed = meta['seed'];
  const command = meta['command'];
  if (
    meta['method'] === 'none' &&
    typeof seed === 'number' &&
    typeof command === 'string' &&
    /--from-scratch|--pretrain-epochs/.test(command)
  )
    return seed;
  return undefined;
}

/** Loads a checkpoint into the network after checking it was made for this model and data. */
export function startFromCheckpoint(net: Network, ckpt: Checkpoint, cfg: RunConfig): void {
  const h = ckpt.header;
  if (h.model.id !== cfg.model.id || modelLabel(h.model) !== modelLabel(cfg.model))
    throw new Error(
      `checkpoint is for ${modelLabel(h.model)}, the run uses ${modelLabel(cfg.model)}`,
    );
  if (h.dataset !== cfg.dataset)
    throw new Error(`checkpoint was trained on ${h.dataset}, the run uses ${cfg.dataset}`);
  applyCheckpoint(net, ckpt);
}
