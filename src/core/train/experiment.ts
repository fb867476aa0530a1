import * as tf from '@tensorflow/tfjs';
import type { RunConfig } from '../config';
import type { Dataset } from '../data/types';
import type { Checkpoint } from '../models/checkpoint';
import type { Network } from '../models/network';
import { keptCount } from '../pruning/masks';
import { applyMasks } from '../pruning/maskSet';
import type { MaskSet } from '../pruning/maskSet';
import { getMethod } from '../pruning/registry';
import { evaluate } from './evaluate';
import type { Milestone } from '../pruning/types';
import type { EpochPoint, HistoryPoint, LayerResult, RunResult } from './result';
import { buildNetwork, createTrainer, denseInitSeed, startFromCheckpoint } from './session';
import type { Trainer } from './trainer';

/** What a headless run is doing: dense pre-training, DNS pilot runs (sweeps), or the method. */
export type ExperimentPhase = 'pretrain' | 'calibrate' | 'train';

/** Progress callbacks of a headless run (the CLI draws its bar from these). */
export interface ExperimentHooks {
  /**
   * Called after each step with the phase, step and total steps of that phase. A promise it
   * returns is awaited (the browser worker yields to its message queue there, so Cancel gets in).
   */
  onStep?(phase: ExperimentPhase, step: number, total: number): void | Promise<void>;
  onEpoch?(phase: 'pretrain' | 'train', point: EpochPoint): void;
  /** Called with the dense network once its start is ready (before pruning). */
  onDense?(net: Network, testAccuracy: number | null): Promise<void> | void;
  /** Called with the final network and its test accuracy (e.g. to save a checkpoint). */
  onDone?(net: Network, summary: { testAccuracy: number; density: number }): Promise<void> | void;
}

export interface ExperimentInputs {
  readonly data: Dataset;
  readonly backend: string;
  /**
   * The dense start: the checkpoint for `start: checkpoint`, or for `start: pretrain` a dense
   * network already pre-trained (a sweep pre-trains each seed once and shares it).
   */
  readonly checkpoint?: Checkpoint | null;
  /** History granularity in steps. */
  readonly logEvery?: number;
  readonly hooks?: ExperimentHooks;
  /**
   * Masks to train under, set on the dense start before the method begins (mask transfer: a
   * `fixedMask` run needs them; any other method starts pruning from them).
   */
  readonly masks?: MaskSet;
}

/** Training examples checked each epoch when a run has no validation split. */
export const TRAIN_CHECK_SAMPLE = 5000;

/** Called after the step that reaches a milestone, with the history so far. */
type MilestoneHook = (
  m: Milestone,
  sofar: { history: HistoryPoint[]; epochs: EpochPoint[]; trainMs: number },
) => Promise<void>;

/** Trains `trainer` for its whole budget, evaluating validation after each epoch. */
async function trainPhase(
  trainer: Trainer,
  data: Dataset,
  phase: 'pretrain' | 'train',
  logEvery: number,
  hooks: ExperimentHooks,
  onMilestone?: MilestoneHook,
): Promise<{ history: HistoryPoint[]; epochs: EpochPoint[]; trainMs: number }> {
  const history: HistoryPoint[] = [];
  const epochs: EpochPoint[] = [];
  const spe = trainer.stepsPerEpoch;
  const milestones = onMilestone ? trainer.milestones : [];
  let trainMs = 0;
  let epochStart = performance.now();
  while (trainer.t < trainer.totalSteps) {
    const t0 = performance.now();
    trainer.step();
    const endOfEpoch = trainer.t % spe === 0 || trainer.t === trainer.totalSteps;
    const milestone = milestones.find((m) => m.step === trainer.t);
    if (trainer.t % logEvery === 0 || endOfEpoch || milestone) {
      const m = await trainer.flushMetrics();
      history.push({
        step: m.step,
        epoch: m.epoch,
        loss: m.loss,
        trainAccuracy: m.trainAccuracy,
        density: m.density,
        cuts: m.cuts.reduce((a, b) => a + b, 0),
        splices: m.splices.reduce((a, b) => a + b, 0),
        learningRate: m.learningRate,
      });
    }
    const dt = performance.now() - t0;
    trainMs += dt;
    const wait = hooks.onStep?.(phase, trainer.t, trainer.totalSteps);
    if (wait) await wait;
    if (endOfEpoch) {
      // Never the test split: with no validation split (`validationCount: 0`), the per-epoch check
      // reads a fixed sample of the training split, so no setting is ever chosen on test data.
      const val =
        data.validation.count > 0
          ? await evaluate(trainer.network, data, data.validation)
          : await evaluate(trainer.network, data, data.train, { limit: TRAIN_CHECK_SAMPLE });
      const point: EpochPoint = {
        epoch: trainer.t / spe,
        step: trainer.t,
        validationAccuracy: val.accuracy,
        density: history[history.length - 1]?.density ?? 1,
        seconds: (performance.now() - epochStart) / 1000,
      };
      epochs.push(point);
      hooks.onEpoch?.(phase, point);
      epochStart = performance.now();
    }
    if (milestone && onMilestone) await onMilestone(milestone, { history, epochs, trainMs });
  }
  return { history, epochs, trainMs };
}

/**
 * A whole headless run: dense start (checkpoint, pre-train or scratch), the method's training
 * budget, then the test set. The CLI and the sweeps call this; the browser worker drives a
 * `Trainer` itself so it can pause.
 */
export async function runExperiment(cfg: RunConfig, inputs: ExperimentInputs): Promise<RunResult> {
  const all = await runExperimentAll(cfg, inputs);
  return all[all.length - 1]!;
}

/**
 * `runExperiment`, with one result per milestone of the method (IMP records each target it passes
 * as a level on the way), the last at the end of the budget; methods without milestones give one.
 */
export async function runExperimentAll(
  cfg: RunConfig,
  inputs: ExperimentInputs,
): Promise<RunResult[]> {
  const { data } = inputs;
  const hooks = inputs.hooks ?? {};
  const logEvery = inputs.logEvery ?? 100;
  const startedAt = new Date().toISOString();
  const t0 = performance.now();
  const net = buildNetwork(cfg.model, data, cfg.seed);
  const masked = cfg.method !== 'none';
  try {
    let denseAcc: number | null = null;
    let initSeed: number | undefined = cfg.seed;
    if (cfg.start === 'checkpoint' && !inputs.checkpoint)
      throw new Error('start is "checkpoint" but no checkpoint was given');
    if (inputs.checkpoint && cfg.start !== 'scratch') {
      startFromCheckpoint(net, inputs.checkpoint, cfg);
      const acc = inputs.checkpoint.header.meta['testAccuracy'];
      denseAcc = typeof acc === 'number' ? acc : null;
      initSeed = denseInitSeed(inputs.checkpoint.header.meta);
    } else if (cfg.start === 'pretrain' && cfg.pretrainEpochs > 0) {
      const pre = createTrainer(cfg, data, net, {
        method: 'none',
        epochs: cfg.pretrainEpochs,
        seedLabel: 'pretrain',
      });
      try {
        await trainPhase(pre, data, 'pretrain', logEvery, hooks);
      } finally {
        pre.dispose();
      }
      denseAcc = (await evaluate(net, data, data.test, { masked: false })).accuracy;
    }
    await hooks.onDense?.(net, denseAcc);
    if (getMethod(cfg.method).needsMasks && !inputs.masks)
      throw new Error(`method ${cfg.method} trains under another run's masks; none were given`);
    if (inputs.masks) applyMasks(net, inputs.masks);
    const trainer = createTrainer(cfg, data, net, {
      method: cfg.method,
      methodConfig: cfg.methodConfig,
      epochs: cfg.epochs,
      seedLabel: 'train',
      ...(initSeed !== undefined ? { initSeed } : {}),
    });
    const results: RunResult[] = [];
    const record = async (
      sofar: { history: HistoryPoint[]; epochs: EpochPoint[]; trainMs: number },
      m: Milestone | null,
    ): Promise<RunResult> => {
      const thresholds = await trainer.thresholds();
      const test = await evaluate(net, data, data.test, { masked });
      const counts = await layerCounts(net, masked);
      const layers: LayerResult[] = net.layers.map((l, k) => {
        const kept = counts[k]!;
        const th = thresholds[k];
        return {
          name: l.name,
          kept,
          total: l.size,
          density: kept / l.size,
          compression: kept > 0 ? l.size / kept : Infinity,
          ...(th ? { a: th.a, b: th.b, mu: th.mu, sigma: th.sigma } : {}),
        };
      });
      const kept = layers.reduce((s, l) => s + l.kept, 0);
      const total = layers.reduce((s, l) => s + l.total, 0);
      return {
        config: cfg,
        methodConfig: trainer.methodConfig,
        backend: inputs.backend,
        dense: { source: cfg.start, testAccuracy: denseAcc },
        testAccuracy: test.accuracy,
        testError: 1 - test.accuracy,
        density: kept / total,
        compression: total / Math.max(1, kept),
        kept,
        total,
        layers,
        history: [...sofar.history],
        epochs: [...sofar.epochs],
        timing: {
          epochSeconds: sofar.epochs.map((e) => e.seconds),
          msPerStep: sofar.trainMs / Math.max(1, trainer.t),
          totalSeconds: (performance.now() - t0) / 1000,
          steps: trainer.t,
        },
        startedAt,
        epochsTrained: trainer.t / trainer.stepsPerEpoch,
        ...(m ? { target: m.target, levels: m.level } : {}),
      };
    };
    try {
      const phase = await trainPhase(trainer, data, 'train', logEvery, hooks, async (m, sofar) => {
        results.push(await record(sofar, m));
      });
      const last = results[results.length - 1];
      if (!last || last.timing.steps !== trainer.t) results.push(await record(phase, null));
    } finally {
      trainer.dispose();
    }
    const final = results[results.length - 1]!;
    await hooks.onDone?.(net, { testAccuracy: final.testAccuracy, density: final.density });
    return results;
  } finally {
    net.dispose();
  }
}

/** Kept weights and biases per layer (read back once). */
async function layerCounts(net: Network, masked: boolean): Promise<number[]> {
  if (!masked) return net.layers.map((l) => l.size);
  const t = tf.tidy(() => tf.stack(net.layers.map((l) => keptCount(l))));
  const v = await t.data();
  t.dispose();
  return Array.from(v);
}
