import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Network } from '../../src/core/models/network';
import { architecture } from '../../src/core/models/zoo';
import { createRng } from '../../src/core/rng';
import type { MetricPoint, Trainer } from '../../src/core/train/trainer';
import { RESTORE_EVERY_MS, RunGuard } from '../../src/worker/guard';
import { blobsDataset } from '../helpers/data';
import { arr, backend } from '../helpers/tf';
import { denseTrainer } from '../helpers/trainer';

beforeAll(() => backend('cpu'));
afterEach(() => vi.restoreAllMocks());

const data = blobsDataset(8, 4);

/** A reading over the last steps with this loss (the rest does not matter to the guard). */
const reading = (tr: Trainer, loss: number): MetricPoint => ({
  step: tr.t,
  loss,
  trainAccuracy: 0.5,
  density: 1,
  kept: [],
  total: [],
  cuts: [],
  splices: [],
  learningRate: 0.01,
  epoch: 0,
});

describe('the run guard’s restore points', () => {
  it('are taken at most every RESTORE_EVERY_MS; a divergence goes back to the newest one vouched for', async () => {
    let clock = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => clock);
    const net = new Network(
      architecture({ id: 'mlp', hidden: [8] }, data.inputShape, data.numClasses),
      createRng(3).fork('init'),
    );
    const tr = denseTrainer(net, data, 5);
    const guard = new RunGuard(Math.log(4));
    const at = (fromT: number) => ({ fromT, phase: 'train' as const, offset: 0 });
    const steps = async (n: number, loss: number) => {
      const from = tr.t;
      for (let i = 0; i < n; i++) tr.step();
      return guard.judge(tr, reading(tr, loss), Number.isFinite(loss), at(from));
    };
    try {
      await guard.start(tr, 'train', 0);
      expect(await steps(2, 1)).toBeNull(); // copy A at step 2
      const wAtA = arr(net.layers[0]!.w);
      clock = 100;
      expect(await steps(2, 1)).toBeNull(); // vouches for A; too soon for a new copy
      clock = 200;
      const bad = await steps(2, NaN);
      expect(bad?.restoredStep).toBe(2); // A, not the start
      expect(arr(net.layers[0]!.w)).toEqual(wAtA);

      clock = 300;
      expect(await steps(2, 1)).toBeNull(); // A was taken 300 ms ago: no copy yet
      clock = 100 + RESTORE_EVERY_MS;
      expect(await steps(2, 1)).toBeNull(); // copy B at step 6, not vouched for
      expect((await steps(1, Infinity))?.restoredStep).toBe(2); // B unjudged: back to A
    } finally {
      guard.dispose();
      tr.dispose();
      net.dispose();
    }
  });
});
