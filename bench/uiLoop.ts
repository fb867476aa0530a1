/**
 * The lab's training loop against the CLI's, in one Node process on the same backend, taking
 * turns so both see the same machine: `npx tsx bench/uiLoop.ts [--backend wasm] [--steps 300]`.
 * The lab's loop is the worker's LabSession (metrics ten times a second, validation on 1,000
 * examples, snapshots of every weight acknowledged at once, a MessageChannel yield per step);
 * the CLI's is runExperiment's trainer loop. Browser costs (drawing, other threads) are not in
 * here: `npm run bench:ui` measures those.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { BackendName } from '../src/core/backend';
import { useBackend } from '../src/core/backend';
import { parseRunConfig } from '../src/core/config';
import { loadBuiltinDataset } from '../src/core/data/builtin';
import { buildNetwork, createTrainer, startFromCheckpoint } from '../src/core/train/session';
import { CHECKPOINT_DIR, readCheckpointFile } from '../src/node/checkpoints';
import { fsSource, PUBLIC_DIR } from '../src/node/fsSource';
import type { WorkerEvent } from '../src/worker/protocol';
import { LabSession } from '../src/worker/session';

const { values: flags } = parseArgs({
  options: {
    backend: { type: 'string', default: 'wasm' },
    steps: { type: 'string', default: '300' },
    rounds: { type: 'string', default: '2' },
  },
});
const backend = flags.backend as BackendName;
const steps = Number(flags.steps);
if (!(await useBackend(backend))) throw new Error(`backend ${backend} did not start`);

const cfg = parseRunConfig({
  dataset: 'mnist',
  model: { id: 'lenet300' },
  method: 'dns',
  epochs: 20,
});
const data = await loadBuiltinDataset('mnist', fsSource(), { seed: cfg.seed });
const ckpt = await readCheckpointFile(join(CHECKPOINT_DIR, 'lenet300-mnist.ckpt'));
if (!ckpt) throw new Error('public/checkpoints/lenet300-mnist.ckpt is missing');

/** The CLI's loop: a step at a time, metrics read every 100 steps. */
async function cliLoop(): Promise<number> {
  const net = buildNetwork(cfg.model, data, cfg.seed);
  startFromCheckpoint(net, ckpt!, cfg);
  const tr = createTrainer(cfg, data, net, {
    method: 'dns',
    epochs: cfg.epochs,
    seedLabel: 'train',
  });
  for (let i = 0; i < 10; i++) tr.step();
  await tr.flushMetrics();
  const t0 = performance.now();
  for (let i = 1; i <= steps; i++) {
    tr.step();
    if (i % 100 === 0) await tr.flushMetrics();
  }
  await tr.flushMetrics();
  const ms = (performance.now() - t0) / steps;
  tr.dispose();
  net.dispose();
  return ms;
}

/** The lab's loop: Play on a LabSession until `steps` more steps are done. */
async function labLoop(): Promise<{ ms: number; snapshots: number; points: number }> {
  let session: LabSession | null = null;
  let from = -1;
  let t0 = 0;
  let snapshots = 0;
  let points = 0;
  const done = new Promise<number>((resolve, reject) => {
    session = new LabSession({
      datasets: fsSource(),
      checkpoints: fsSource(join(PUBLIC_DIR, 'checkpoints')),
      backend: {},
      post: (ev: WorkerEvent) => {
        if (ev.type === 'error') reject(new Error(ev.message));
        if (ev.type === 'snapshot') {
          snapshots++;
          queueMicrotask(() => session!.handle({ type: 'ack', id: ev.snapshot.id }));
        }
        if (ev.type === 'status' && ev.status === 'ready' && from < 0) {
          from = 0;
          session!.handle({ type: 'play' });
        }
        if (ev.type !== 'metrics') return;
        const step = ev.points.at(-1)!.step;
        points += ev.points.length;
        if (step >= 10 && t0 === 0) {
          t0 = performance.now();
          from = step;
        } else if (t0 > 0 && step - from >= steps) {
          session!.handle({ type: 'pause' });
          resolve((performance.now() - t0) / (step - from));
        }
      },
    });
  });
  const s = session as unknown as LabSession;
  s.handle({ type: 'init', baseUrl: '', verdicts: {} });
  s.handle({
    type: 'configure',
    backend,
    run: { data: { kind: 'builtin', id: 'mnist' }, validateEvery: 0, config: cfg },
  });
  const ms = await done;
  return { ms, snapshots, points };
}

// The loop yields through an unref'd MessageChannel (so tests can exit): keep the process alive.
const keepAlive = setInterval(() => undefined, 1000);
const cli: number[] = [];
const lab: number[] = [];
for (let r = 0; r < Number(flags.rounds); r++) {
  cli.push(await cliLoop());
  const l = await labLoop();
  lab.push(l.ms);
  console.log(
    `round ${r + 1}: CLI loop ${cli.at(-1)!.toFixed(1)} ms/step, lab loop ${l.ms.toFixed(1)} ms/step (${l.snapshots} snapshots, ${l.points} metric points)`,
  );
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
console.log(
  `${backend}: lab loop / CLI loop speed = ${(mean(cli) / mean(lab)).toFixed(2)} (goal ≥ 0.9)`,
);
clearInterval(keepAlive);
