import { join } from 'node:path';
import type { BackendName } from '../src/core/backend';
import { initBackend } from '../src/core/backend';
import { parseRunConfig } from '../src/core/config';
import { loadBuiltinDataset } from '../src/core/data/builtin';
import { runExperiment } from '../src/core/train/experiment';
import { checkpointName } from '../src/core/train/session';
import { CHECKPOINT_DIR, readCheckpointFile } from '../src/node/checkpoints';
import { fsSource } from '../src/node/fsSource';
import { useKernelsFromEnv } from '../src/node/kernels';

/**
 * What `npm run lab -- run --dataset mnist --method dns --backend <b>` does (its wasm kernels
 * included), run in this process so its CPU time can be read: wall and CPU milliseconds per
 * training step over the steps `window.from` (at least the 10th, so loading and the first kernels
 * are left out) to `window.to`. On a shared machine the CPU figure is the fair one to compare with
 * the worker thread's CPU per step.
 */
export async function cliStepCost(
  backend: BackendName,
  window: { from: number; to: number } = { from: 10, to: 172 },
): Promise<{ wallMs: number; cpuMs: number; steps: number }> {
  const from = Math.max(10, window.from);
  await initBackend([backend]);
  // The CLI's own path: our wasm kernels on unless LAB_KERNELS says otherwise (as src/cli/lab.ts).
  useKernelsFromEnv();
  const cfg = parseRunConfig({
    dataset: 'mnist',
    model: { id: 'lenet300' },
    method: 'dns',
    // Enough epochs to reach `to` (MNIST: 55,000 training examples after the validation split).
    epochs: Math.max(0.2, ((window.to + 2) * 64) / 55_000),
  });
  const data = await loadBuiltinDataset('mnist', fsSource(), { seed: cfg.seed });
  const checkpoint = await readCheckpointFile(
    join(CHECKPOINT_DIR, checkpointName(cfg.model, 'mnist')),
  );
  let start: { wall: number; cpu: NodeJS.CpuUsage; step: number } | null = null;
  let end: { wall: number; cpu: NodeJS.CpuUsage; step: number } | null = null;
  await runExperiment(cfg, {
    data,
    backend,
    checkpoint,
    hooks: {
      onStep(phase, step) {
        if (phase !== 'train') return;
        const mark = { wall: performance.now(), cpu: process.cpuUsage(), step };
        if (step === from) start = mark;
        else if (step > from && step <= window.to) end = mark;
      },
    },
  });
  const a = start as { wall: number; cpu: NodeJS.CpuUsage; step: number } | null;
  const b = end as { wall: number; cpu: NodeJS.CpuUsage; step: number } | null;
  if (!a || !b) throw new Error('the CLI run was too short to time');
  const steps = b.step - a.step;
  const cpuUsed = (b.cpu.user + b.cpu.system - (a.cpu.user + a.cpu.system)) / 1000;
  return { wallMs: (b.wall - a.wall) / steps, cpuMs: cpuUsed / steps, steps };
}
