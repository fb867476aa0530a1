import type { RunConfig, RunConfigInput } from '../../core/config';
import { isBuiltinDataset } from '../../core/data/ids';
import type { RunFileJson } from '../../core/runfile/runFile';
import type { LabPoint, RunInfo, RunSpec, ValidationPoint } from '../../worker/protocol';
import { emptyRun } from '../runReducer';
import { appendCapped } from '../series';
import type { LabConfig, RunView, SessionRun, TrainPoint, UploadedDataset } from '../types';
import type { LoadedRun, SavedPoint, SavedRun } from './types';

const sum = (a: readonly number[]) => a.reduce((s, v) => s + v, 0);
const finiteOr = (v: number | undefined, fill: number) =>
  v !== undefined && Number.isFinite(v) ? v : fill;

/** A worker metric point as a saved run keeps it. */
export function savedPoint(p: LabPoint): SavedPoint {
  return {
    step: p.step,
    phase: p.phase,
    epoch: p.epoch,
    steps: p.steps,
    loss: p.loss,
    trainAccuracy: p.trainAccuracy,
    density: p.density,
    cuts: sum(p.cuts),
    splices: sum(p.splices),
    learningRate: p.learningRate,
    msPerStep: p.msPerStep,
  };
}

/** A chart point of a saved metric point (percent, per step), as series.ts makes live ones. */
export function trainPoint(p: SavedPoint): TrainPoint {
  const steps = Math.max(1, p.steps);
  return {
    step: p.step,
    phase: p.phase,
    loss: p.loss,
    trainAccuracy: 100 * p.trainAccuracy,
    density: 100 * p.density,
    cutsPerStep: p.cuts / steps,
    splicesPerStep: p.splices / steps,
  };
}

/** The run view of a saved run: what the live views draw for it (`id`: the view's run id). */
export function savedRunView(loaded: LoadedRun, id: number): RunView {
  const r = loaded.run;
  const last = loaded.points.at(-1);
  let train: TrainPoint[] = [];
  for (let i = 0; i < loaded.points.length; i += 500)
    train = appendCapped(train, loaded.points.slice(i, i + 500).map(trainPoint));
  return {
    ...emptyRun(id),
    status: r.result ? 'done' : 'paused',
    info: r.info,
    phase: last?.phase ?? 'train',
    step: r.step,
    epoch: last?.epoch ?? 0,
    density: r.density,
    kept: r.kept,
    total: r.total,
    cuts: sum(loaded.points.map((p) => p.cuts)),
    splices: sum(loaded.points.map((p) => p.splices)),
    learningRate: last?.learningRate ?? NaN,
    msPerStep: last?.msPerStep ?? NaN,
    baseline: r.baseline,
    train,
    validation: loaded.validation.slice(-600),
    result: r.result,
    methodConfig: r.info
      ? { values: r.info.methodConfig, layers: r.info.layers.map((l) => l.name) }
      : null,
  };
}

/** The lab settings a core run config stands for; null when its dataset is not here. */
export function labConfigOf(
  c: RunConfigInput,
  uploads: readonly UploadedDataset[],
  validateEvery = 0,
): LabConfig | null {
  const source: LabConfig['source'] | null = isBuiltinDataset(c.dataset)
    ? { kind: 'builtin', id: c.dataset }
    : uploads.some((u) => u.key === c.dataset)
      ? { kind: 'upload', key: c.dataset }
      : null;
  if (!source) return null;
  return {
    source,
    model: { id: c.model.id, ...(c.model.hidden ? { hidden: [...c.model.hidden] } : {}) },
    method: c.method,
    methodConfig: { ...(c.methodConfig ?? {}) },
    start: c.start ?? 'checkpoint',
    pretrainEpochs: c.pretrainEpochs ?? 0,
    epochs: c.epochs,
    batchSize: c.batchSize ?? 64,
    seed: c.seed ?? 1,
    optimizer: c.optimizer ?? 'sgd',
    lr: c.lr ?? null,
    validateEvery,
    validationLimit: c.validationLimit ?? 1000,
  };
}

/** The run config with the defaults the schema fills in (run files hold it whole). */
export function fullRunConfig(c: RunConfigInput): RunConfig {
  return {
    ...c,
    methodConfig: { ...(c.methodConfig ?? {}) },
    start: c.start ?? 'checkpoint',
    pretrainEpochs: c.pretrainEpochs ?? 0,
    batchSize: c.batchSize ?? 64,
    seed: c.seed ?? 1,
    optimizer: c.optimizer ?? 'sgd',
    validationLimit: c.validationLimit ?? 1000,
  };
}

/** A plain file-name stem for a saved run's exports. */
export function fileStem(r: Pick<SavedRun, 'name' | 'createdAtMs'>): string {
  const stamp = new Date(r.createdAtMs).toISOString().slice(0, 16).replace(/[-:T]/g, '');
  const name = r.name.replace(/^#\d+\s*/, '').replace(/[^A-Za-z0-9._-]+/g, '_');
  return `${name.replace(/^_+|_+$/g, '').slice(0, 60) || 'run'}-${stamp}`;
}

/**
 * The run-file JSON of a saved run (CLI layout: config, history, epochs, layers, timing).
 * An imported run keeps the file it came with. Unfinished runs have no test accuracy: NaN.
 */
export function toRunFile(loaded: LoadedRun, checkpointName: string): RunFileJson {
  const r = loaded.run;
  if (r.runFile) return { ...r.runFile, checkpoint: checkpointName };
  const config = fullRunConfig(r.runConfig);
  const kept = sum(r.kept);
  const total = sum(r.total);
  const names = r.info?.layers.map((l) => l.name) ?? [];
  const stepsPerEpoch = r.info?.stepsPerEpoch ?? 0;
  const test = r.result?.testAccuracy ?? NaN;
  const seconds = r.result?.seconds ?? (r.updatedAtMs - r.createdAtMs) / 1000;
  const dense = { source: config.start, testAccuracy: r.baseline };
  return {
    format: 'pruning-lab-run',
    version: 1,
    checkpoint: checkpointName,
    denseStart: { ...dense, file: null },
    config,
    methodConfig: r.info?.methodConfig ?? config.methodConfig,
    backend: r.backend ?? 'unknown',
    dense,
    testAccuracy: test,
    testError: 1 - test,
    density: r.result?.density ?? r.density,
    compression: kept > 0 ? total / kept : Infinity,
    kept: r.result?.kept ?? kept,
    total: r.result?.total ?? total,
    layers: r.kept.map((k, i) => ({
      name: names[i] ?? `layer${i}`,
      kept: k,
      total: r.total[i] ?? 0,
      density: (r.total[i] ?? 0) > 0 ? k / r.total[i]! : 1,
      compression: k > 0 ? (r.total[i] ?? 0) / k : Infinity,
    })),
    history: loaded.points.map((p) => ({
      step: p.step,
      epoch: p.epoch,
      loss: p.loss,
      trainAccuracy: p.trainAccuracy,
      density: p.density,
      cuts: p.cuts,
      splices: p.splices,
      learningRate: p.learningRate,
    })),
    epochs: loaded.validation.map((v) => ({
      epoch: stepsPerEpoch > 0 ? v.step / stepsPerEpoch : 0,
      step: v.step,
      validationAccuracy: v.accuracy,
      density: v.density,
      seconds: 0,
    })),
    timing: {
      epochSeconds: [],
      msPerStep: finiteOr(loaded.points.at(-1)?.msPerStep, 0),
      totalSeconds: finiteOr(seconds, 0),
      steps: r.result?.steps ?? r.step,
    },
    startedAt: new Date(r.createdAtMs).toISOString(),
    seed: config.seed,
  };
}

/** A saved run from an imported run file (or a config alone: no weights, no metrics). */
export function fromImport(
  key: string,
  nowMs: number,
  name: string,
  config: RunConfig,
  run: RunFileJson | null,
  info: RunInfo | null,
  checkpoint: Uint8Array | null,
  uploads: readonly UploadedDataset[],
): LoadedRun {
  const started = run ? Date.parse(run.startedAt) : NaN;
  const points: SavedPoint[] = [];
  for (const h of run?.history ?? []) {
    const prev = points.at(-1)?.step ?? 0;
    points.push({
      step: h.step,
      phase: 'train',
      epoch: h.epoch,
      steps: Math.max(1, h.step - prev),
      loss: h.loss,
      trainAccuracy: h.trainAccuracy,
      density: h.density,
      cuts: h.cuts,
      splices: h.splices,
      learningRate: h.learningRate,
      msPerStep: run?.timing.msPerStep ?? NaN,
    });
  }
  const validation: ValidationPoint[] = (run?.epochs ?? []).map((e) => ({
    phase: 'train',
    step: e.step,
    accuracy: e.validationAccuracy,
    loss: NaN,
    density: e.density,
  }));
  const finished = run !== null && Number.isFinite(run.testAccuracy);
  const saved: SavedRun = {
    key,
    name,
    origin: 'import',
    createdAtMs: Number.isFinite(started) ? started : nowMs,
    updatedAtMs: nowMs,
    status: finished ? 'done' : 'paused',
    config: labConfigOf(config, uploads),
    runConfig: config,
    backend: run?.backend ?? null,
    info,
    baseline: run?.dense.testAccuracy ?? null,
    result:
      run && finished
        ? {
            testAccuracy: run.testAccuracy,
            density: run.density,
            kept: run.kept,
            total: run.total,
            steps: run.timing.steps,
            seconds: run.timing.totalSeconds,
          }
        : null,
    step: run?.timing.steps ?? 0,
    density: run?.density ?? 1,
    kept: run?.layers.map((l) => l.kept) ?? [],
    total: run?.layers.map((l) => l.total) ?? [],
    checkpoint: checkpoint
      ? { step: run?.timing.steps ?? 0, savedAtMs: nowMs, bytes: checkpoint.byteLength }
      : null,
    continuedFrom: null,
    ...(run ? { runFile: run } : {}),
  };
  return { run: saved, points, validation, checkpoint };
}

/** The run spec with the saved weights to continue from, when they fit its model and data. */
export function withResume(
  spec: RunSpec,
  from: { readonly runConfig: RunConfigInput; readonly bytes: Uint8Array } | null,
): RunSpec {
  if (!from) return spec;
  const a = from.runConfig;
  const b = spec.config;
  const same =
    a.dataset === b.dataset &&
    a.model.id === b.model.id &&
    JSON.stringify(a.model.hidden ?? null) === JSON.stringify(b.model.hidden ?? null);
  return same ? { ...spec, resume: from.bytes } : spec;
}

/** A saved run's masks to train under (mask transfer), and from which start. */
export interface MaskSource {
  readonly key: string;
  readonly name: string;
  readonly step: number;
  readonly runConfig: RunConfigInput;
  /** Checkpoint bytes (weights with masks) of the source run. */
  readonly bytes: Uint8Array;
  /** true: a fresh initialisation under the masks; false: the run's dense start under them. */
  readonly reinit: boolean;
}

/**
 * The run spec as a fixed-mask run under a saved run's masks, when they fit its model and data
 * (otherwise the spec as it is): method `fixedMask`, the source's checkpoint bytes as `masks`.
 */
export function withMaskSource(spec: RunSpec, from: MaskSource | null): RunSpec {
  if (!from) return spec;
  const a = from.runConfig;
  const b = spec.config;
  const same =
    a.dataset === b.dataset &&
    a.model.id === b.model.id &&
    JSON.stringify(a.model.hidden ?? null) === JSON.stringify(b.model.hidden ?? null);
  if (!same) return spec;
  const config = { ...b, method: 'fixedMask' as const, methodConfig: { reinit: from.reinit } };
  return { ...spec, config, masks: from.bytes };
}

/** A saved run as an entry of the accuracy-vs-sparsity chart (ids below 0: saved runs). */
export function tradeoffEntry(loaded: LoadedRun, id: number, colour: string): SessionRun {
  const r = loaded.run;
  return {
    id,
    label: `saved: ${r.name}`,
    colour,
    trajectory: loaded.validation
      .filter((v) => v.phase === 'train')
      .map((v) => ({ density: v.density, accuracy: v.accuracy })),
    end: r.result ? { density: r.result.density, accuracy: r.result.testAccuracy } : null,
    baseline: r.baseline,
  };
}
