import type { RunConfig } from '../core/config';
import type { Dataset } from '../core/data/types';
import { modelLabel } from '../core/models/zoo';
import { getMethod } from '../core/pruning/registry';
import type { Network } from '../core/models/network';
import type { RunInfo, WorkerEvent } from './protocol';
import type { LabRun } from './run';
import type { DataShape } from './sources';

/** What the page learns about a run once it is built. */
export function runInfo(
  cfg: RunConfig,
  data: Dataset,
  run: LabRun,
  shape: DataShape,
  baseline: number | null,
): RunInfo {
  const layers = run.net.layers;
  const notes = getMethod(cfg.method).layerNotes?.(
    run.methodConfig,
    layers.map((l) => ({ name: l.name, kind: l.kind, size: l.size, weightShape: l.w.shape })),
  );
  return {
    datasetId: cfg.dataset,
    datasetTitle: data.title,
    modelLabel: modelLabel(cfg.model),
    layers: layers.map((l, k) => ({
      name: l.name,
      kind: l.kind,
      rows: l.rows,
      cols: l.cols,
      total: l.size,
      shape: l.w.shape,
      note: notes?.[k] ?? null,
    })),
    inputShape: data.inputShape,
    counts: { train: data.train.count, validation: data.validation.count, test: data.test.count },
    stepsPerEpoch: run.stepsPerEpoch,
    pretrainSteps: run.pretrainSteps,
    trainSteps: run.trainSteps,
    validateEvery: run.validateEvery,
    validationLimit: cfg.validationLimit,
    methodConfig: run.methodConfig,
    baseline,
    fieldShape: fieldShape(layers[0], shape),
  };
}

/** Which dense start a config uses: same data, model and seed (and pre-train settings) share one. */
export function denseKey(cfg: RunConfig): string {
  const base = `${cfg.dataset}|${modelLabel(cfg.model)}`;
  if (cfg.start === 'checkpoint') return `ckpt|${base}`;
  if (cfg.start === 'scratch') return `scratch|${base}|${cfg.seed}`;
  return `pre|${base}|${cfg.seed}|${cfg.pretrainEpochs}|${cfg.batchSize}|${cfg.optimizer}|${cfg.lr ?? ''}`;
}

/** One first-layer unit's receptive field [h, w] when the input is a 1-channel image. */
export function fieldShape(
  first: { kind: 'dense' | 'conv2d'; rows: number } | undefined,
  shape: DataShape,
): readonly [number, number] | null {
  if (!first) return null;
  if (first.kind === 'conv2d') {
    const k = Math.round(Math.sqrt(first.rows));
    return k * k === first.rows ? [k, k] : null;
  }
  const img = shape.image;
  return img && img[0] * img[1] === first.rows ? img : null;
}

/**
 * The method's settings with its defaults filled in, for the page's form, as soon as the network
 * exists; null when they do not resolve (the run then reports why).
 */
export function methodConfigEvent(id: number, cfg: RunConfig, net: Network): WorkerEvent | null {
  const layers = net.layers.map((l) => ({
    name: l.name,
    kind: l.kind,
    size: l.size,
    weightShape: l.w.shape,
  }));
  try {
    const methodConfig = getMethod(cfg.method).resolve(cfg.methodConfig, layers);
    return {
      type: 'methodConfig',
      runId: id,
      methodConfig: methodConfig as Record<string, unknown>,
      layers: layers.map((l) => l.name),
    };
  } catch {
    return null;
  }
}
