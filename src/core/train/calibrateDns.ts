import * as tf from '@tensorflow/tfjs';
import type { RunConfig } from '../config';
import type { Dataset } from '../data/types';
import { Network } from '../models/network';
import { crateForFirstCut, layerDistributions } from '../pruning/calibrate';
import type { CrateCalibration } from '../pruning/calibrate';
import { clamp01 } from '../pruning/schedules';
import { createRng } from '../rng';
import { createTrainer } from './session';

/** A copy of a network: same architecture, weights and masks. */
export function cloneNetwork(net: Network): Network {
  const copy = new Network(net.arch, createRng(0));
  tf.tidy(() =>
    copy.layers.forEach((l, k) => {
      const src = net.layers[k]!;
      l.w.assign(tf.clone(src.w));
      l.b.assign(tf.clone(src.b));
      l.wMask.assign(tf.clone(src.wMask));
      l.bMask.assign(tf.clone(src.bMask));
    }),
  );
  return copy;
}

/**
 * DNS's c for a target by pilot runs: start from the first-cut calibration, run DNS for
 * `pilotEpochs` on a copy of the dense start, and move the first-cut target by the gap between the
 * sparsity reached and the target (a fixed-point step), `rounds` times. The pilots train on the
 * training split with the run's seed; their cost is not part of the run's budget, so a sweep reports
 * it next to the run.
 */
export async function calibrateDnsByPilot(args: {
  readonly cfg: RunConfig;
  readonly data: Dataset;
  readonly net: Network;
  readonly target: number;
  readonly base: readonly number[];
  readonly methodConfig: Record<string, unknown>;
  readonly pilotEpochs: number;
  readonly rounds: number;
  /** Called after each pilot step (a promise it returns is awaited, as `ExperimentHooks.onStep`). */
  readonly onStep?: (step: number, total: number) => void | Promise<void>;
}): Promise<CrateCalibration> {
  const d = await layerDistributions(args.net.layers);
  let firstCutTarget = args.target;
  const reached: number[] = [];
  let r = crateForFirstCut(d, firstCutTarget, args.base);
  for (let round = 0; round < args.rounds; round++) {
    const copy = cloneNetwork(args.net);
    const trainer = createTrainer(args.cfg, args.data, copy, {
      method: 'dns',
      methodConfig: { ...args.methodConfig, c: r.c },
      epochs: args.pilotEpochs,
      seedLabel: 'calibrate',
    });
    try {
      while (trainer.t < trainer.totalSteps) {
        trainer.step();
        const wait = args.onStep?.(trainer.t, trainer.totalSteps);
        if (wait) await wait;
      }
      const m = await trainer.flushMetrics();
      reached.push(1 - m.density);
    } finally {
      trainer.dispose();
      copy.dispose();
    }
    firstCutTarget = Math.min(0.9999, clamp01(firstCutTarget + (args.target - reached[round]!)));
    r = crateForFirstCut(d, firstCutTarget, args.base);
  }
  return {
    mode: 'pilot',
    target: args.target,
    c: r.c,
    shift: r.shift,
    firstCut: r.firstCut,
    firstCutPerLayer: r.perLayer,
    pilotSparsity: reached,
  };
}
