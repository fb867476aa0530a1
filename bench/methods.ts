/**
 * `npx tsx bench/methods.ts`: ms per training step of every pruning method vs the dense baseline,
 * LeNet-300-100 on MNIST from the shipped checkpoint, batch 64, a 20-epoch budget at 95% sparsity
 * (so every schedule runs at its real pace). Each method's 20-step blocks alternate with the dense
 * baseline's, and the ratio sums them (10 pairs: 200 steps, two beats of AGP / SET / RigL).
 * Movement is timed in its pruning phase (TopK every step); IMP's level prune is timed on its own
 * and spread over the run. BENCH_BACKEND=cpu|wasm (default wasm), BENCH_PAIRS (default 10).
 */
import { join } from 'node:path';
import { initBackend } from '../src/core/backend';
import type { BackendName } from '../src/core/backend';
import { parseRunConfig } from '../src/core/config';
import type { RunConfig } from '../src/core/config';
import { loadBuiltinDataset } from '../src/core/data/builtin';
import type { Dataset } from '../src/core/data/types';
import type { Checkpoint } from '../src/core/models/checkpoint';
import { shapesOf } from '../src/core/pruning/budget';
import { impLevelPlan } from '../src/core/pruning/methods/iterativeMagnitude';
import type { ImpConfig } from '../src/core/pruning/methods/iterativeMagnitude';
import { getMethod } from '../src/core/pruning/registry';
import { METHOD_IDS } from '../src/core/pruning/types';
import {
  buildNetwork,
  checkpointName,
  createTrainer,
  denseInitSeed,
  startFromCheckpoint,
} from '../src/core/train/session';
import type { Trainer } from '../src/core/train/trainer';
import { CHECKPOINT_DIR, readCheckpointFile } from '../src/node/checkpoints';
import { fsSource } from '../src/node/fsSource';

const BACKEND = (process.env['BENCH_BACKEND'] ?? 'wasm') as BackendName;
const PAIRS = Number(process.env['BENCH_PAIRS'] ?? 10);
const PAIR = 20;
const EPOCHS = 20;
const TARGET = 0.95;

function trainerFor(method: string, data: Dataset, ckpt: Checkpoint): Trainer {
  const spec = getMethod(method);
  const cfg: RunConfig = parseRunConfig({
    dataset: 'mnist',
    model: { id: 'lenet300' },
    method,
    epochs: EPOCHS,
    methodConfig: spec.sparsity === 'target' ? { target: TARGET } : {},
  });
  const net = buildNetwork(cfg.model, data, cfg.seed);
  startFromCheckpoint(net, ckpt, cfg);
  const initSeed = denseInitSeed(ckpt.header.meta);
  return createTrainer(cfg, data, net, {
    method,
    methodConfig: cfg.methodConfig,
    epochs: EPOCHS,
    seedLabel: 'bench',
    ...(initSeed !== undefined ? { initSeed } : {}),
  });
}

async function block(tr: Trainer, steps: number): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) tr.step();
  await tr.flushMetrics();
  return (performance.now() - t0) / steps;
}

async function main() {
  await initBackend([BACKEND]);
  const data = await loadBuiltinDataset('mnist', fsSource(), { seed: 1 });
  const ckpt = await readCheckpointFile(
    join(CHECKPOINT_DIR, checkpointName({ id: 'lenet300' }, 'mnist')),
  );
  if (!ckpt) throw new Error('no LeNet-300-100 MNIST checkpoint in public/checkpoints');
  const trainers = new Map(METHOD_IDS.map((m) => [m, trainerFor(m, data, ckpt)]));
  for (const [m, tr] of trainers) {
    await block(tr, 5); // first prunes and kernel warm-up
    // Movement: jump into the cubic phase so TopK runs every step (scores exist after step 0).
    if (m === 'movement') tr.t = Math.round(0.4 * tr.totalSteps);
  }
  // Each method runs PAIRS blocks of PAIR steps, each right after a dense block of the same length,
  // so load that drifts on the machine hits both sides of a ratio alike; sums include the beats.
  const dense = trainers.get('none')!;
  const ratio = new Map<string, number>();
  const ms = new Map<string, number>();
  for (const m of METHOD_IDS.filter((x) => x !== 'none')) {
    let a = 0;
    let b = 0;
    for (let i = 0; i < PAIRS; i++) {
      a += await block(dense, PAIR);
      b += await block(trainers.get(m)!, PAIR);
    }
    ratio.set(m, b / a);
    ms.set(m, b / PAIRS);
    ms.set('none', (ms.get('none') ?? 0) + a / PAIRS / (METHOD_IDS.length - 1));
  }
  ratio.set('none', 1);
  // IMP's level prune (a global top-k over 265k weights), spread over the run.
  const imp = trainers.get('imp')!;
  const plan = impLevelPlan(
    imp.methodConfig as ImpConfig,
    shapesOf(imp.network.layers),
    imp.totalSteps,
  );
  imp.t = plan.levels[1]!.start;
  const eventMs = await block(imp, 1);
  console.log(
    `LeNet-300-100 on MNIST, ${BACKEND}, batch 64, ${EPOCHS}-epoch budget (${imp.totalSteps} steps), target ${TARGET}`,
  );
  console.log('method      ms/step  vs dense (adjacent blocks)');
  for (const m of METHOD_IDS) {
    let r = ratio.get(m)!;
    const t = ms.get(m)!;
    // IMP and lottery tickets: spread the level prunes over the run.
    if (m === 'imp' || m === 'lth')
      r *= 1 + (plan.levels.length * (eventMs - t)) / (t * imp.totalSteps);
    console.log(`${m.padEnd(10)}  ${t.toFixed(1).padStart(7)}  ${r.toFixed(2).padStart(7)}x`);
  }
  console.log(`(IMP level prune: ${eventMs.toFixed(0)} ms, ${plan.levels.length} levels)`);
  for (const tr of trainers.values()) {
    tr.dispose();
    tr.network.dispose();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
