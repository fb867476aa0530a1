import { beforeAll, describe, expect, it } from 'vitest';
import { Network } from '../../src/core/models/network';
import { architecture } from '../../src/core/models/zoo';
import { allMethods } from '../../src/core/pruning/registry';
import type { MethodId } from '../../src/core/pruning/types';
import { createRng } from '../../src/core/rng';
import { CAFFE_SGD } from '../../src/core/train/optimizer';
import { CELL, takeSnapshot } from '../../src/core/train/snapshot';
import { Trainer } from '../../src/core/train/trainer';
import { blobsDataset } from '../helpers/data';
import { backend } from '../helpers/tf';

beforeAll(() => backend('cpu'));

/** Settings that make every method change its masks within the test's 48 steps. */
const BUSY: Record<MethodId, Record<string, unknown>> = {
  none: {},
  dns: { c: 0.5 },
  imp: { target: 0.8, spareOutput: false },
  lth: { target: 0.8, spareOutput: false, rewind: 'step', rewindStep: 2 },
  oneshot: { target: 0.8, spareOutput: false, pruneStep: 3 },
  agp: { target: 0.8, frequency: 4, end: 0.6 },
  movement: { target: 0.8, spareOutput: false, frequency: 2, initialWarmup: 0.05 },
  set: { target: 0.8, deltaT: 4 },
  rigl: { target: 0.8, deltaT: 4 },
  nm: {},
  structured: { target: 0.6 },
  fixedMask: {}, // never changes its masks: only alive cells with the network's all-ones masks
};

const data = blobsDataset(8, 4);

/** Cell states seen in snapshots taken every few steps of a short run with the method. */
async function statesSeen(id: MethodId): Promise<Set<number>> {
  const spec = allMethods().find((m) => m.id === id)!;
  const net = new Network(
    architecture({ id: 'mlp', hidden: [16, 12] }, data.inputShape, data.numClasses),
    createRng(3).fork('init'),
  );
  const layers = net.layers.map((l) => ({
    name: l.name,
    kind: l.kind,
    size: l.size,
    weightShape: l.w.shape,
  }));
  const trainer = new Trainer({
    network: net,
    data,
    method: spec,
    methodConfig: spec.resolve(BUSY[id], layers),
    optimizer: CAFFE_SGD,
    batchSize: 32,
    seed: 1,
    epochs: 3,
    trackEvents: true, // as the lab's worker runs it
    initSeed: 3,
  });
  const seen = new Set<number>();
  try {
    while (trainer.t < trainer.totalSteps) {
      trainer.step();
      if (trainer.t % 3 !== 0) continue;
      const snap = await takeSnapshot(trainer, { acknowledge: true });
      for (const l of snap.layers) for (const s of l.state ?? []) seen.add(s);
    }
  } finally {
    trainer.dispose();
    net.dispose();
  }
  return seen;
}

describe('heatmap cell states for every method (what the colours can show)', () => {
  it.each(allMethods().map((m) => [m.id, m] as const))('%s', async (id, spec) => {
    const seen = await statesSeen(id);
    if (spec.sparsity === 'none') expect([...seen]).toEqual([CELL.alive]);
    else expect(seen.has(CELL.justCut)).toBe(true);
    // "Just spliced back" only where the method can bring a cut weight back.
    if (!spec.canRegrow) expect(seen.has(CELL.justSpliced)).toBe(false);
  });
});
