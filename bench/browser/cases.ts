/**
 * The three timed steps of bench/vsTorch.ts (dense, DNS with masks fixed, DNS with surgery each
 * step) on LeNet-300-100, MNIST, batch 64, built from src/core only so that Node (bench/vsTorch.ts)
 * and the browser bench page (bench/browser/step.worker.ts) time exactly the same code.
 */
import { parseRunConfig } from '../../src/core/config';
import type { Dataset } from '../../src/core/data/types';
import { useMlpKernels } from '../../src/core/kernels/fastStep';
import type { Checkpoint } from '../../src/core/models/checkpoint';
import { buildNetwork, createTrainer, startFromCheckpoint } from '../../src/core/train/session';
import type { Trainer } from '../../src/core/train/trainer';
import type { StepCase } from './protocol';

/** The run every column times: the lab's default DNS preset on LeNet-300-100. */
export const BENCH_CFG = parseRunConfig({
  dataset: 'mnist',
  model: { id: 'lenet300' },
  method: 'dns',
  epochs: 20,
});

/** A dense and a DNS trainer on one path, started from the shipped dense checkpoint when given. */
export interface PathTrainers {
  readonly dense: Trainer;
  readonly dns: Trainer;
}

function trainerFor(
  method: 'none' | 'dns',
  data: Dataset,
  ckpt: Checkpoint | null,
  kernels: WebAssembly.Module | null,
): Trainer {
  useMlpKernels(kernels);
  const net = buildNetwork(BENCH_CFG.model, data, BENCH_CFG.seed);
  if (ckpt) startFromCheckpoint(net, ckpt, BENCH_CFG);
  const tr = createTrainer(BENCH_CFG, data, net, { method, epochs: 20, seedLabel: 'bench' });
  useMlpKernels(null);
  if ((tr.stepPath === 'kernels') !== (kernels !== null))
    throw new Error(`${method}: not on the expected path`);
  return tr;
}

/** Trainers on the kernels path (`kernels` given) or the tfjs path (null); call after the backend started. */
export function pathTrainers(
  data: Dataset,
  ckpt: Checkpoint | null,
  kernels: WebAssembly.Module | null,
): PathTrainers {
  return {
    dense: trainerFor('none', data, ckpt, kernels),
    dns: trainerFor('dns', data, ckpt, kernels),
  };
}

/** ms per step over `steps` steps, metrics read back at the end (as `--validation 0` runs). */
export async function timeSteps(tr: Trainer, steps: number, t0Step?: number): Promise<number> {
  if (t0Step !== undefined) tr.t = t0Step;
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) tr.step();
  await tr.flushMetrics();
  return (performance.now() - t0) / steps;
}

/**
 * After the first cut: DNS with t past its iter_stop keeps its masks fixed; at t = 5 surgery
 * (the mask rule) runs every step.
 */
export function timeCase(trainers: PathTrainers, name: StepCase, steps: number): Promise<number> {
  if (name === 'dense') return timeSteps(trainers.dense, steps);
  return timeSteps(trainers.dns, steps, name === 'dns fixed' ? 14000 : 5);
}

/** A few steps of each trainer, so the first timed block sees no start-up cost. */
export async function warmUp(trainers: PathTrainers, steps = 5): Promise<void> {
  await timeSteps(trainers.dense, steps);
  await timeSteps(trainers.dns, steps);
}
