/**
 * `npm run bench:history`: the time scrubber's history over the whole default run (LeNet-300-100
 * on MNIST, DNS, 20 epochs, from the shipped dense checkpoint), in Node on wasm. Every
 * `--every` steps (default 8: 200 ms at 25 ms per step, the fastest the lab's snapshot gate
 * sends) a snapshot is taken as the worker takes it (cells of every layer, shades, hand marks)
 * and recorded into the page's RunHistory with its default bounds. Prints the history's bytes
 * and moments as the run goes and the peak at the end. `--steps N` stops early.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { initBackend } from '../src/core/backend';
import { parseRunConfig } from '../src/core/config';
import { loadBuiltinDataset } from '../src/core/data/builtin';
import {
  buildNetwork,
  checkpointName,
  createTrainer,
  startFromCheckpoint,
} from '../src/core/train/session';
import { takeSnapshot } from '../src/core/train/snapshot';
import { CHECKPOINT_DIR, readCheckpointFile } from '../src/node/checkpoints';
import { fsSource } from '../src/node/fsSource';
import { HISTORY_LIMITS, RunHistory } from '../src/state/history';
import { snapshotMsg } from '../src/worker/cells';

const { values: flags } = parseArgs({
  options: {
    every: { type: 'string', default: '8' },
    steps: { type: 'string', default: '0' },
  },
});
const every = Number(flags.every);

async function main() {
  await initBackend(['wasm']);
  // The lab's default run (state/configRules.ts: DEFAULT_CONFIG with the MNIST defaults).
  const cfg = parseRunConfig({
    dataset: 'mnist',
    model: { id: 'lenet300' },
    method: 'dns',
    epochs: 20,
    batchSize: 64,
  });
  const data = await loadBuiltinDataset('mnist', fsSource(), { seed: cfg.seed });
  const net = buildNetwork(cfg.model, data, cfg.seed);
  const ckpt = await readCheckpointFile(join(CHECKPOINT_DIR, checkpointName(cfg.model, 'mnist')));
  if (ckpt) startFromCheckpoint(net, ckpt, cfg);
  const tr = createTrainer(cfg, data, net, {
    method: 'dns',
    epochs: cfg.epochs,
    seedLabel: 'train',
    trackEvents: true,
  });
  const h = new RunHistory(HISTORY_LIMITS);
  const stop = Number(flags.steps) > 0 ? Number(flags.steps) : tr.totalSteps;
  console.log(
    `default run: ${cfg.epochs} epochs = ${tr.totalSteps} steps; a snapshot every ${every} steps; bounds ${HISTORY_LIMITS.maxBytes / 1e6} MB, ${HISTORY_LIMITS.maxMoments} moments, keyframe every ${HISTORY_LIMITS.keyEvery}`,
  );
  let id = 0;
  const t0 = performance.now();
  for (;;) {
    if (tr.t % every === 0) {
      const s = await takeSnapshot(tr, { cells: 'all', acknowledge: true });
      const msg = snapshotMsg(s, ++id, 'train', tr.t);
      h.record(msg, {
        step: tr.t,
        epoch: tr.t / tr.stepsPerEpoch,
        density: msg.density,
        kept: msg.layers.map((l) => l.kept),
        cuts: 0,
        splices: 0,
        hand: null,
        accuracy: null,
      });
      if (id % 250 === 0)
        console.log(
          `step ${tr.t}: ${h.size} moments, ${(h.byteSize / 1e6).toFixed(1)} MB (peak ${(h.peakBytes / 1e6).toFixed(1)} MB), ${((performance.now() - t0) / 1000).toFixed(0)} s`,
        );
    }
    if (tr.t >= stop) break;
    tr.step();
    if (tr.t % 200 === 0) await tr.flushMetrics(); // as the lab reads metrics
  }
  const steps = h.steps();
  console.log(
    `end at step ${tr.t}: ${id} snapshots recorded; history holds ${h.size} moments (steps ${steps[0]}–${steps.at(-1)}), ${(h.byteSize / 1e6).toFixed(1)} MB; peak ${(h.peakBytes / 1e6).toFixed(1)} MB`,
  );
  tr.dispose();
  net.dispose();
}

void main();
