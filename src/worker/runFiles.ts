import type { RunConfig } from '../core/config';
import { parseRunConfig } from '../core/config';
import { exportRun } from '../core/export';
import type { Checkpoint } from '../core/models/checkpoint';
import { readCheckpoint, saveCheckpoint } from '../core/models/checkpoint';
import type { Network } from '../core/models/network';
import { modelLabel } from '../core/models/zoo';
import type { RunFileJson } from '../core/runfile/runFile';
import {
  checkpointMismatch,
  parseRunFileJson,
  RUN_FILE_FORMAT,
  shapeMismatch,
} from '../core/runfile/runFile';
import type { Histogram, LayerSnapshot } from '../core/train/snapshot';
import { CELL } from '../core/train/snapshot';
import { layerView } from './cells';
import type { LayerInfoMsg, RunInfo, SnapshotMsg, WorkerEvent } from './protocol';
import { fieldShape } from './runInfo';
import type { CheckpointSummary, RunsCommand, RunsEvent } from './runsProtocol';

/** Heatmap cells a saved run's snapshot carries at most (as the live snapshots). */
const MAX_CELLS = 2_000_000;
const BINS = 48;

/** The live run, as saving its checkpoint needs it. */
export interface LiveRun {
  readonly runId: number;
  readonly net: Network;
  readonly dataset: string;
  readonly step: number;
}

function layerName(param: string): string {
  return param.split('/')[0] ?? param;
}

/** Weights and masks of layer k of a checkpoint saved with masks. */
function layerTensors(ckpt: Checkpoint, k: number) {
  const per = ckpt.header.withMasks ? 4 : 2;
  const p = ckpt.header.params[k * per]!;
  const w = ckpt.tensors[k * per]!;
  const b = ckpt.tensors[k * per + 1]!;
  const wMask = ckpt.header.withMasks ? ckpt.tensors[k * per + 2]! : null;
  const bMask = ckpt.header.withMasks ? ckpt.tensors[k * per + 3]! : null;
  return { name: layerName(p.name), shape: p.shape, w, b, wMask, bMask };
}

function layerCount(ckpt: Checkpoint): number {
  return ckpt.header.params.length / (ckpt.header.withMasks ? 4 : 2);
}

/** The heatmap layout of a checkpoint's layers (rows: fan-in positions, cols: units). */
export function checkpointLayers(ckpt: Checkpoint): LayerInfoMsg[] {
  return Array.from({ length: layerCount(ckpt) }, (_, k) => {
    const t = layerTensors(ckpt, k);
    const cols = t.shape[t.shape.length - 1] ?? 1;
    return {
      name: t.name,
      kind: t.shape.length === 4 ? 'conv2d' : 'dense',
      rows: t.w.length / cols,
      cols,
      total: t.w.length + t.b.length,
      shape: t.shape,
      note: null,
    };
  });
}

/**
 * What the heatmaps and histograms show of saved weights and masks: the same numbers as a live
 * snapshot (|w| histogram in 48 bins, kept counts, alive/pruned cells), computed on the arrays.
 */
export function checkpointSnapshot(ckpt: Checkpoint, id: number, step: number): SnapshotMsg {
  let budget = MAX_CELLS;
  let keptAll = 0;
  let totalAll = 0;
  const layers = checkpointLayers(ckpt).map((info, k): LayerSnapshot => {
    const t = layerTensors(ckpt, k);
    let maxAbs = 1e-12;
    for (let i = 0; i < t.w.length; i++) maxAbs = Math.max(maxAbs, Math.abs(t.w[i]!));
    const alive = new Float32Array(BINS);
    const pruned = new Float32Array(BINS);
    let kept = 0;
    for (let i = 0; i < t.w.length; i++) {
      const bin = Math.min(BINS - 1, Math.floor((Math.abs(t.w[i]!) / maxAbs) * BINS));
      const on = t.wMask ? t.wMask[i]! > 0.5 : true;
      if (on) {
        alive[bin]! += 1;
        kept++;
      } else pruned[bin]! += 1;
    }
    for (let i = 0; i < t.b.length; i++) if (!t.bMask || t.bMask[i]! > 0.5) kept++;
    keptAll += kept;
    totalAll += info.total;
    const histogram: Histogram = { maxAbs, alive, pruned };
    const base: LayerSnapshot = {
      index: k,
      name: info.name,
      kind: info.kind,
      rows: info.rows,
      cols: info.cols,
      kept,
      total: info.total,
      histogram,
      thresholds: null,
    };
    if (t.w.length > budget) return base;
    budget -= t.w.length;
    const state = new Uint8Array(t.w.length);
    for (let i = 0; i < state.length; i++)
      state[i] = !t.wMask || t.wMask[i]! > 0.5 ? CELL.alive : CELL.pruned;
    return { ...base, weights: Float32Array.from(t.w), state };
  });
  return {
    id,
    phase: 'train',
    step,
    density: totalAll > 0 ? keptAll / totalAll : 1,
    layers: layers.map(layerView),
  };
}

/** A RunInfo for a run known only from a checkpoint and its config (imports). */
export function checkpointRunInfo(
  ckpt: Checkpoint,
  cfg: RunConfig,
  run: RunFileJson | null,
): RunInfo {
  const layers = checkpointLayers(ckpt);
  const h = ckpt.header;
  const img = h.inputShape.length === 3 && h.inputShape[2] === 1 ? h.inputShape : null;
  return {
    datasetId: cfg.dataset,
    datasetTitle: cfg.dataset,
    modelLabel: modelLabel(cfg.model),
    layers,
    inputShape: h.inputShape,
    counts: { train: 0, validation: 0, test: 0 },
    stepsPerEpoch: 0,
    pretrainSteps: 0,
    trainSteps: run?.timing.steps ?? 0,
    validateEvery: 0,
    validationLimit: cfg.validationLimit,
    methodConfig: (run?.methodConfig ?? cfg.methodConfig) as Record<string, unknown>,
    baseline: run?.dense.testAccuracy ?? null,
    fieldShape: fieldShape(layers[0], {
      inputShape: h.inputShape,
      numClasses: h.numClasses,
      image: img ? [img[0]!, img[1]!] : null,
    }),
  };
}

function summary(ckpt: Checkpoint): CheckpointSummary {
  return {
    model: modelLabel(ckpt.header.model),
    dataset: ckpt.header.dataset,
    withMasks: ckpt.header.withMasks,
    params: ckpt.header.params.length,
  };
}

/** Reads checkpoint bytes and checks they hold the tensors their header promises. */
function readWhole(bytes: Uint8Array): Checkpoint {
  const ckpt = readCheckpoint(bytes);
  const bad = shapeMismatch(ckpt);
  if (bad) throw new Error(bad);
  return ckpt;
}

/** An exported config: the run config alone, or an object holding it under `config`. */
function parseConfigFile(value: unknown): RunConfig {
  const v = value as { config?: unknown } | null;
  const inner = v && typeof v === 'object' && !Array.isArray(v) && 'config' in v ? v.config : value;
  return parseRunConfig(inner);
}

/** What an import file is: a run file (with its checkpoint) or an exported config. */
function checkImport(
  json: string,
  bytes: Uint8Array | null,
): Omit<Extract<RunsEvent, { type: 'importChecked' }>, 'type' | 'id'> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (e) {
    throw new Error(`the file is not valid JSON (${(e as Error).message.split('\n')[0]})`);
  }
  const format = (value as { format?: unknown } | null)?.format;
  if (format !== RUN_FILE_FORMAT) {
    let config: RunConfig;
    try {
      config = parseConfigFile(value);
    } catch (e) {
      throw new Error(`neither a Pruning Lab run file nor a run config (${(e as Error).message})`);
    }
    return { run: null, config, checkpoint: null, info: null };
  }
  const run = parseRunFileJson(json);
  if (!bytes)
    throw new Error(
      `the run file needs its checkpoint ${run.checkpoint}: choose both files, or a zip of both`,
    );
  const ckpt = readWhole(bytes);
  const bad = checkpointMismatch(run, ckpt, { masks: true });
  if (bad) throw new Error(`the checkpoint does not belong to this run: ${bad}`);
  const config = run.config;
  return {
    run,
    config,
    checkpoint: summary(ckpt),
    info: checkpointRunInfo(ckpt, config, run),
  };
}

/** Handles one saved-runs command; every failure answers `runsError` with one readable line. */
export async function handleRunsCommand(
  cmd: RunsCommand,
  live: LiveRun | null,
  post: (ev: WorkerEvent, transfer?: Transferable[]) => void,
): Promise<void> {
  try {
    switch (cmd.type) {
      case 'saveCheckpoint': {
        if (!live) throw new Error('no run is built yet');
        const bytes = await saveCheckpoint(live.net, {
          dataset: live.dataset,
          withMasks: true,
          meta: { step: live.step },
        });
        post({ type: 'checkpointSaved', id: cmd.id, ofRun: live.runId, step: live.step, bytes }, [
          bytes.buffer,
        ]);
        return;
      }
      case 'viewCheckpoint': {
        const ckpt = readWhole(cmd.bytes);
        const step = Number(ckpt.header.meta['step'] ?? 0);
        const snapshot = checkpointSnapshot(ckpt, cmd.id, Number.isFinite(step) ? step : 0);
        post({ type: 'checkpointView', id: cmd.id, snapshot });
        return;
      }
      case 'exportRun': {
        const checkpoint = readWhole(cmd.bytes);
        const files = exportRun(
          { checkpoint, ...(cmd.run ? { run: cmd.run } : {}), baseName: cmd.baseName },
          cmd.format,
        );
        post(
          { type: 'exported', id: cmd.id, files },
          files.map((f) => f.bytes.buffer as ArrayBuffer),
        );
        return;
      }
      case 'checkImport': {
        const r = checkImport(cmd.json, cmd.bytes);
        post({ type: 'importChecked', id: cmd.id, ...r });
        return;
      }
    }
  } catch (e) {
    post({ type: 'runsError', id: cmd.id, message: e instanceof Error ? e.message : String(e) });
  }
}
