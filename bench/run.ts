/**
 * `npm run bench`: ms per training step of DNS vs the dense baseline (same model, data, batch and
 * backend), on cpu and wasm in Node. Ratios are measured in one run with interleaved blocks, so
 * machine noise hits both sides alike. Timings belong here, never in tests.
 */
import { join } from 'node:path';
import { initBackend } from '../src/core/backend';
import type { BackendName } from '../src/core/backend';
import { parseRunConfig } from '../src/core/config';
import { loadBuiltinDataset } from '../src/core/data/builtin';
import type { Dataset } from '../src/core/data/types';
import {
  buildNetwork,
  checkpointName,
  createTrainer,
  startFromCheckpoint,
} from '../src/core/train/session';
import type { Trainer } from '../src/core/train/trainer';
import { CHECKPOINT_DIR, readCheckpointFile } from '../src/node/checkpoints';
import { fsSource } from '../src/node/fsSource';

const BACKENDS = (process.env['BENCH_BACKENDS'] ?? 'wasm,cpu').split(',') as BackendName[];
const cfg = parseRunConfig({
  dataset: 'mnist',
  model: { id: 'lenet300' },
  method: 'dns',
  epochs: 20,
});

async function trainerFor(method: 'none' | 'dns', data: Dataset): Promise<Trainer> {
  const net = buildNetwork(cfg.model, data, cfg.seed);
  const ckpt = await readCheckpointFile(join(CHECKPOINT_DIR, checkpointName(cfg.model, 'mnist')));
  if (ckpt) startFromCheckpoint(net, ckpt, cfg);
  return createTrainer(cfg, data, net, { method, epochs: 20, seedLabel: 'bench' });
}

/** Mean ms per step over `steps` steps, including one metrics flush as a run would do. */
async function time(tr: Trainer, steps: number): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) tr.step();
  await tr.flushMetrics();
  return (performance.now() - t0) / steps;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const data = await loadBuiltinDataset('mnist', fsSource(), { seed: 1 });
  console.log('LeNet-300-100 on MNIST, batch 64, from the shipped dense checkpoint');
  console.log('backend  phase                         dense ms/step  dns ms/step  dns/dense');
  for (const backend of BACKENDS) {
    await initBackend([backend]);
    const steps = backend === 'cpu' ? 10 : 40;
    const blocks = backend === 'cpu' ? 5 : 9;
    const dense = await trainerFor('none', data);
    const dns = await trainerFor('dns', data);
    await time(dense, 5);
    await time(dns, 5);
    // Early surgery: t small, every layer updates its masks at (almost) every step (p ≈ 1).
    const early = { dense: [] as number[], dns: [] as number[] };
    for (let b = 0; b < blocks; b++) {
      early.dense.push(await time(dense, steps));
      early.dns.push(await time(dns, steps));
    }
    report(backend, 'early surgery (p ≈ 1)', early);
    // Late surgery: jump the DNS step counter past iter_stop (no more mask updates).
    dns.t = 14000;
    const late = { dense: [] as number[], dns: [] as number[] };
    for (let b = 0; b < blocks; b++) {
      late.dense.push(await time(dense, steps));
      late.dns.push(await time(dns, steps));
    }
    report(backend, 'after iter_stop (masks fixed)', late);
    for (const tr of [dense, dns]) {
      tr.dispose();
      tr.network.dispose();
    }
  }
}

function report(backend: string, phase: string, r: { dense: number[]; dns: number[] }) {
  const d = median(r.dense);
  const s = median(r.dns);
  console.log(
    `${backend.padEnd(8)} ${phase.padEnd(29)} ${d.toFixed(2).padStart(13)}  ${s.toFixed(2).padStart(11)}  ${(s / d).toFixed(3).padStart(9)}x`,
  );
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
