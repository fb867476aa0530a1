import type { RunConfig } from '../config';
import type { Dataset } from '../data/types';
import type { Checkpoint } from '../models/checkpoint';
import { readCheckpoint, saveCheckpoint } from '../models/checkpoint';
import { calibrateCrate } from '../pruning/calibrate';
import type { CrateCalibration } from '../pruning/calibrate';
import { getMethod } from '../pruning/registry';
import { calibrateDnsByPilot } from './calibrateDns';
import { evaluate } from './evaluate';
import type { ExperimentHooks } from './experiment';
import { runExperimentAll } from './experiment';
import type { RunResult } from './result';
import { buildNetwork, createTrainer, startFromCheckpoint } from './session';
import { planSweepWith } from './sweepPlan';
import type { SweepJob } from './sweepPlan';

export type { SweepJob } from './sweepPlan';

/** The runs of a sweep (see `planSweepWith`), with the registered methods. */
export function planSweep(
  methods: readonly string[],
  targets: readonly number[],
  seeds: readonly number[],
): SweepJob[] {
  return planSweepWith(methods, targets, seeds, getMethod);
}

/** How DNS's c is chosen for a target. */
export interface DnsCalibrationOptions {
  readonly mode: 'first-cut' | 'pilot';
  readonly pilotEpochs: number;
  readonly rounds: number;
}

export interface SweepInputs {
  readonly data: Dataset;
  readonly backend: string;
  /** The dense start when the base config starts from a checkpoint. */
  readonly checkpoint?: Checkpoint | null;
  readonly logEvery?: number;
  readonly dnsCalibration?: DnsCalibrationOptions;
  readonly hooks?: ExperimentHooks;
  /** Called before each run and after it with its results. */
  readonly onJob?: (job: SweepJob, index: number, total: number) => void;
  readonly onResults?: (job: SweepJob, results: readonly RunResult[]) => void;
}

/**
 * Trains the dense start of a seed once (`start: pretrain`) and returns it as an in-memory
 * checkpoint, so every method of the seed starts from the same weights.
 */
export async function pretrainDenseStart(
  base: RunConfig,
  data: Dataset,
  seed: number,
  hooks: ExperimentHooks = {},
): Promise<Checkpoint> {
  const cfg: RunConfig = { ...base, seed, method: 'none', methodConfig: {} };
  const net = buildNetwork(cfg.model, data, seed);
  try {
    const trainer = createTrainer(cfg, data, net, {
      method: 'none',
      epochs: cfg.pretrainEpochs,
      seedLabel: 'pretrain',
    });
    try {
      while (trainer.t < trainer.totalSteps) {
        trainer.step();
        const wait = hooks.onStep?.('pretrain', trainer.t, trainer.totalSteps);
        if (wait) await wait;
      }
    } finally {
      trainer.dispose();
    }
    const acc = (await evaluate(net, data, data.test, { masked: false })).accuracy;
    const bytes = await saveCheckpoint(net, {
      dataset: cfg.dataset,
      meta: { testAccuracy: acc, initSeed: seed, seed, epochs: cfg.pretrainEpochs, method: 'none' },
    });
    return readCheckpoint(bytes);
  } finally {
    net.dispose();
  }
}

/** DNS's c for a target on the dense start of `cfg` (first cut, or corrected by pilot runs). */
async function calibrate(
  cfg: RunConfig,
  inputs: SweepInputs,
  checkpoint: Checkpoint | null,
  target: number,
): Promise<CrateCalibration> {
  const t0 = performance.now();
  const net = buildNetwork(cfg.model, inputs.data, cfg.seed);
  try {
    if (checkpoint) startFromCheckpoint(net, checkpoint, cfg);
    const spec = getMethod(cfg.method);
    const resolved = spec.resolve(cfg.methodConfig, net.layers) as { c: number[] };
    const opts = inputs.dnsCalibration ?? { mode: 'first-cut', pilotEpochs: 0, rounds: 0 };
    const r =
      opts.mode === 'pilot'
        ? await calibrateDnsByPilot({
            cfg,
            data: inputs.data,
            net,
            target,
            base: resolved.c,
            methodConfig: cfg.methodConfig,
            pilotEpochs: opts.pilotEpochs,
            rounds: opts.rounds,
            onStep: (step, total) => inputs.hooks?.onStep?.('calibrate', step, total),
          })
        : await calibrateCrate(net.layers, target, resolved.c);
    return { ...r, seconds: (performance.now() - t0) / 1000 };
  } finally {
    net.dispose();
  }
}

/**
 * DNS calibrations already made, per dense start and target: seeds that share a dense start (the
 * shipped checkpoint) share DNS's c, so pilot runs are paid once per target.
 */
const calibrations = new WeakMap<Checkpoint, Map<string, CrateCalibration>>();

/** Runs one job: sets the method's target(s) (or calibrates DNS) and trains; one result per target. */
export async function runSweepJob(
  job: SweepJob,
  base: RunConfig,
  inputs: SweepInputs,
  checkpoint: Checkpoint | null,
): Promise<RunResult[]> {
  const spec = getMethod(job.method);
  const own = base.methodConfig;
  let cfg: RunConfig = { ...base, method: job.method as RunConfig['method'], seed: job.seed };
  let calibration: CrateCalibration | undefined;
  const targets = job.targets;
  if (targets && spec.sparsity === 'threshold') {
    cfg = { ...cfg, methodConfig: { ...own } };
    const key = JSON.stringify([targets[0], own, inputs.dnsCalibration ?? null]);
    const cache = checkpoint
      ? (calibrations.get(checkpoint) ?? new Map<string, CrateCalibration>())
      : null;
    if (checkpoint && cache) calibrations.set(checkpoint, cache);
    const found = cache?.get(key) ?? (await calibrate(cfg, inputs, checkpoint, targets[0]!));
    cache?.set(key, found);
    calibration = found;
    cfg = { ...cfg, methodConfig: { ...own, c: [...found.c] } };
  } else if (targets) {
    const top = targets[targets.length - 1]!;
    const stops = targets.slice(0, -1);
    cfg = {
      ...cfg,
      methodConfig: { ...own, target: top, ...(spec.multiTarget ? { stops } : {}) },
    };
  }
  const results = await runExperimentAll(cfg, {
    data: inputs.data,
    backend: inputs.backend,
    checkpoint,
    ...(inputs.logEvery ? { logEvery: inputs.logEvery } : {}),
    ...(inputs.hooks ? { hooks: inputs.hooks } : {}),
  });
  return results.map((r) => ({
    ...r,
    seed: job.seed,
    target: r.target ?? (targets && targets.length === 1 ? targets[0]! : null),
    ...(calibration ? { calibration } : {}),
  }));
}

/**
 * A whole sweep: for each seed the dense start is loaded (or pre-trained once), then every job of
 * that seed runs from it with the same budget.
 */
export async function runSweep(
  jobs: readonly SweepJob[],
  base: (job: SweepJob) => RunConfig,
  inputs: SweepInputs,
): Promise<RunResult[]> {
  const out: RunResult[] = [];
  const starts = new Map<number, Checkpoint | null>();
  for (let i = 0; i < jobs.length; i++) {
    const job = jobs[i]!;
    const cfg = base(job);
    if (!starts.has(job.seed))
      starts.set(
        job.seed,
        cfg.start === 'checkpoint'
          ? (inputs.checkpoint ?? null)
          : cfg.start === 'pretrain' && cfg.pretrainEpochs > 0
            ? await pretrainDenseStart(cfg, inputs.data, job.seed, inputs.hooks)
            : null,
      );
    const checkpoint = starts.get(job.seed) ?? null;
    inputs.onJob?.(job, i, jobs.length);
    const results = await runSweepJob(job, cfg, inputs, checkpoint);
    inputs.onResults?.(job, results);
    out.push(...results);
  }
  return out;
}
