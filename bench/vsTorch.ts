/**
 * `npm run bench` (part): ms per training step of the lab's fastest CLI path (wasm backend, our
 * wasm kernels, evaluation excluded as with `--validation 0`) next to the tfjs-wasm step and a
 * PyTorch loop (bench/torch_dns.py) on the same model, data, batch and solver. PyTorch runs as one
 * process answering block requests, so every block of every column is interleaved with the others
 * and machine noise hits them alike; medians over blocks. Skipped with one line where
 * `/usr/bin/python3` cannot import torch.
 */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { initBackend } from '../src/core/backend';
import { parseRunConfig } from '../src/core/config';
import { loadBuiltinDataset } from '../src/core/data/builtin';
import type { Dataset } from '../src/core/data/types';
import { useMlpKernels } from '../src/core/kernels/fastStep';
import {
  buildNetwork,
  checkpointName,
  createTrainer,
  startFromCheckpoint,
} from '../src/core/train/session';
import type { Trainer } from '../src/core/train/trainer';
import { CHECKPOINT_DIR, readCheckpointFile } from '../src/node/checkpoints';
import { fsSource } from '../src/node/fsSource';
import { loadMlpModule } from '../src/node/kernels';

const PYTHON = '/usr/bin/python3';
const BLOCKS = Number(process.env['BENCH_BLOCKS'] ?? 7);
const STEPS = Number(process.env['BENCH_STEPS'] ?? 30);
const TORCH_THREADS = Number(process.env['BENCH_TORCH_THREADS'] ?? 2);
const cfg = parseRunConfig({
  dataset: 'mnist',
  model: { id: 'lenet300' },
  method: 'dns',
  epochs: 20,
});

async function trainerFor(
  method: 'none' | 'dns',
  data: Dataset,
  kernels: boolean,
): Promise<Trainer> {
  useMlpKernels(kernels ? loadMlpModule() : null);
  const net = buildNetwork(cfg.model, data, cfg.seed);
  const ckpt = await readCheckpointFile(join(CHECKPOINT_DIR, checkpointName(cfg.model, 'mnist')));
  if (ckpt) startFromCheckpoint(net, ckpt, cfg);
  const tr = createTrainer(cfg, data, net, { method, epochs: 20, seedLabel: 'bench' });
  useMlpKernels(null);
  if ((tr.stepPath === 'kernels') !== kernels)
    throw new Error(`${method}: not on the expected path`);
  return tr;
}

/** PyTorch blocks on request: `time(name, steps)` answers its ms per step. */
async function startTorch() {
  if (spawnSync(PYTHON, ['-c', 'import torch']).status !== 0) return null;
  const script = join(import.meta.dirname, 'torch_dns.py');
  const proc = spawn(PYTHON, [script, '--serve', '--threads', String(TORCH_THREADS)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: proc.stdout })[Symbol.asyncIterator]();
  const next = async () =>
    JSON.parse(((await lines.next()).value as string) ?? '{}') as Record<string, unknown>;
  const hello = await next();
  return {
    version: String(hello['torch']),
    async time(name: string, steps: number): Promise<number> {
      proc.stdin.write(`${name} ${steps}\n`);
      return Number((await next())['ms']);
    },
    close: () => proc.stdin.end(),
  };
}

async function time(tr: Trainer, steps: number, t0Step?: number): Promise<number> {
  if (t0Step !== undefined) tr.t = t0Step;
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) tr.step();
  await tr.flushMetrics();
  return (performance.now() - t0) / steps;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const data = await loadBuiltinDataset('mnist', fsSource(), { seed: 1 });
  await initBackend(['wasm']);
  const torch = await startTorch();
  const lab = {
    dense: await trainerFor('none', data, true),
    dns: await trainerFor('dns', data, true),
    tfDense: await trainerFor('none', data, false),
    tfDns: await trainerFor('dns', data, false),
  };
  // After the first cut: a few steps of surgery, then masks fixed (t past iter_stop) or surgery on.
  for (const tr of Object.values(lab)) await time(tr, 5);
  const rows: Record<string, number[]> = {};
  const add = (k: string, v: number) => (rows[k] ??= []).push(v);
  for (let b = 0; b < BLOCKS; b++) {
    add('lab dense', await time(lab.dense, STEPS));
    add('lab dns fixed', await time(lab.dns, STEPS, 14000));
    add('lab dns surgery', await time(lab.dns, STEPS, 5));
    add('tfjs dense', await time(lab.tfDense, STEPS));
    add('tfjs dns fixed', await time(lab.tfDns, STEPS, 14000));
    add('tfjs dns surgery', await time(lab.tfDns, STEPS, 5));
    if (torch) {
      add('torch dense', await torch.time('dense', STEPS));
      add('torch dns fixed', await torch.time('dns', STEPS));
      add('torch dns surgery', await torch.time('dnsSurgery', STEPS));
    }
  }
  torch?.close();
  const m = (k: string) => (rows[k] ? median(rows[k]) : NaN);
  const f = (x: number, w: number) => (Number.isNaN(x) ? '-' : x.toFixed(2)).padStart(w);
  console.log(
    `LeNet-300-100 on MNIST, batch 64, ms/step: medians of ${BLOCKS} interleaved blocks of ${STEPS} steps`,
  );
  if (!torch)
    console.log(
      `PyTorch: skipped (${PYTHON} cannot import torch; Debian: apt-get install -y python3-torch)`,
    );
  else console.log(`PyTorch ${torch.version}, ${TORCH_THREADS} threads (bench/torch_dns.py)`);
  console.log(
    'step                      lab kernels  lab tfjs-wasm  PyTorch  lab/PyTorch  tfjs/PyTorch',
  );
  for (const [label, k] of [
    ['dense', 'dense'],
    ['DNS, masks fixed', 'dns fixed'],
    ['DNS, surgery each step', 'dns surgery'],
  ] as const) {
    const l = m(`lab ${k}`);
    const t = m(`tfjs ${k}`);
    const p = m(`torch ${k}`);
    console.log(
      `${label.padEnd(24)} ${f(l, 12)} ${f(t, 14)} ${f(p, 8)} ${f(l / p, 11)}x ${f(t / p, 12)}x`,
    );
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
