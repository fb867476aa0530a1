import { beforeAll, describe, expect, it } from 'vitest';
import { Network } from '../../src/core/models/network';
import { architecture } from '../../src/core/models/zoo';
import { getMethod } from '../../src/core/pruning/registry';
import { createRng } from '../../src/core/rng';
import { CAFFE_SGD } from '../../src/core/train/optimizer';
import { takeSnapshot } from '../../src/core/train/snapshot';
import { Trainer } from '../../src/core/train/trainer';
import { layerView } from '../../src/worker/cells';
import { handSurgeryFor } from '../../src/worker/hand';
import { HAND_CELL } from '../../src/worker/protocol';
import { blobsDataset } from '../helpers/data';
import { arr, backend } from '../helpers/tf';

beforeAll(() => backend('cpu'));

const data = blobsDataset(8, 4);

function setup(method: string, cfg: Record<string, unknown>) {
  const net = new Network(
    architecture({ id: 'mlp', hidden: [16] }, data.inputShape, data.numClasses),
    createRng(3).fork('init'),
  );
  const spec = getMethod(method);
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
    methodConfig: spec.resolve(cfg, layers),
    optimizer: CAFFE_SGD,
    batchSize: 32,
    seed: 1,
    epochs: 2,
    trackEvents: true,
  });
  return { net, trainer, hand: handSurgeryFor(method, net) };
}

/** The index of the largest |w| of layer 0. */
function largest(w: number[]): number {
  return w.reduce((best, v, i) => (Math.abs(v) > Math.abs(w[best]!) ? i : best), 0);
}

describe('hand surgery in the worker', () => {
  it('DNS splices a hand-cut large weight back (|w| > b), and the hand says so', async () => {
    const { net, trainer, hand } = setup('dns', { c: 0.5, gamma: 1, power: 0 });
    try {
      const i = largest(arr(net.layers[0]!.w));
      const t = await hand.edit(0, [i], 'cut');
      expect(t!.cuts).toBe(1);
      expect(arr(net.layers[0]!.wMask)[i]).toBe(0);
      expect(arr(net.layers[0]!.w)[i]).not.toBe(0); // DNS keeps the weight
      // Before a step: the snapshot marks the cell as cut by hand.
      const s0 = (await takeSnapshot(trainer, { acknowledge: true })).layers.map(layerView);
      expect(hand.observe(s0)).toBeNull();
      expect(s0[0]!.state![i]).toBe(HAND_CELL.handCut);
      let said = null;
      for (let k = 0; k < 5 && !said; k++) {
        trainer.step();
        said = hand.observe(
          (await takeSnapshot(trainer, { acknowledge: true })).layers.map(layerView),
        );
      }
      expect(said?.splicedBack).toBe(1);
      expect(said?.message).toMatch(
        /DNS spliced back 1 connection you cut by hand.*splice threshold b/,
      );
    } finally {
      trainer.dispose();
      net.dispose();
    }
  });

  it('a masked method zeroes a hand-cut weight; Undo restores mask and weight', async () => {
    const { net, trainer, hand } = setup('agp', { target: 0.5 });
    try {
      const w0 = arr(net.layers[0]!.w);
      await hand.edit(0, [0, 1, 2], 'cut');
      expect(arr(net.layers[0]!.w).slice(0, 3)).toEqual([0, 0, 0]);
      const u = await hand.undoLast();
      expect(u!.cuts).toBe(0);
      expect(u!.undoDepth).toBe(0);
      expect(arr(net.layers[0]!.w)).toEqual(w0);
      expect(arr(net.layers[0]!.wMask).every((v) => v === 1)).toBe(true);
      expect(await hand.undoLast()).toBeNull();
    } finally {
      trainer.dispose();
      net.dispose();
    }
  });
});
