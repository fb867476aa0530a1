import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Network } from '../../src/core/models/network';
import { architecture } from '../../src/core/models/zoo';
import { getMethod } from '../../src/core/pruning/registry';
import { createRng } from '../../src/core/rng';
import { EventTracker } from '../../src/core/train/events';
import { CAFFE_SGD } from '../../src/core/train/optimizer';
import { CELL, takeSnapshot } from '../../src/core/train/snapshot';
import { Trainer } from '../../src/core/train/trainer';
import { readConnection } from '../../src/worker/inspect';
import { blobsDataset } from '../helpers/data';
import { arr, backend } from '../helpers/tf';

// What the heatmap's "just cut / just spliced" colours and the hover card's lifetime counts rest on.
const data = blobsDataset(8, 4);
const net = () =>
  new Network(
    architecture({ id: 'mlp', hidden: [6] }, data.inputShape, data.numClasses),
    createRng(3).fork('init'),
  );

describe.each(['cpu', 'wasm'] as const)('connection events on %s', (name) => {
  beforeAll(() => backend(name));

  it('marks cuts and splices since the last acknowledgement and counts them for life', () => {
    const n = net();
    const ev = new EventTracker(n.layers);
    const size = n.layers[0]!.w.size;
    const flags = (on: number[]) => {
      const a = new Float32Array(size);
      for (const i of on) a[i] = 1;
      return tf.tensor(a, n.layers[0]!.w.shape);
    };
    const since = () =>
      tf.tidy(() => {
        const e = ev.layer(0);
        return { cut: arr(e.cutSince), spliced: arr(e.splicedSince) };
      });
    try {
      tf.tidy(() => ev.record(0, flags([1, 2]), flags([])));
      tf.tidy(() => ev.record(0, flags([]), flags([1]))); // 1 comes back
      tf.tidy(() => ev.record(0, flags([1]), flags([]))); // and is cut again
      let s = since();
      expect([s.cut[1], s.cut[2], s.cut[3]]).toEqual([1, 1, 0]);
      expect([s.spliced[1], s.spliced[2]]).toEqual([1, 0]);
      expect(arr(ev.layer(0).cutTotal)[1]).toBe(2);
      expect(arr(ev.layer(0).spliceTotal)[1]).toBe(1);

      ev.acknowledge(); // a new window: nothing happened since
      s = since();
      expect(s.cut.every((v) => v === 0) && s.spliced.every((v) => v === 0)).toBe(true);
      tf.tidy(() => ev.record(0, flags([]), flags([2])));
      s = since();
      expect(s.spliced[2]).toBe(1);
      expect(s.cut[2]).toBe(0);
      expect(arr(ev.layer(0).cutTotal)[2]).toBe(1); // lifetime counts survive the window
      expect(arr(ev.layer(0).spliceTotal)[2]).toBe(1);
    } finally {
      ev.dispose();
      n.dispose();
    }
  });

  it('a DNS run: just-cut cells go back to pruned once acknowledged; the hover counts stay', async () => {
    const n = net();
    const spec = getMethod('dns');
    const layers = n.layers.map((l) => ({
      name: l.name,
      kind: l.kind,
      size: l.size,
      weightShape: l.w.shape,
    }));
    const trainer = new Trainer({
      network: n,
      data,
      method: spec,
      methodConfig: spec.resolve({ c: 0.5 }, layers),
      optimizer: CAFFE_SGD,
      batchSize: 32,
      seed: 1,
      epochs: 1,
      trackEvents: true,
    });
    try {
      trainer.step();
      const before = tf.memory().numTensors;
      const first = (await takeSnapshot(trainer, { acknowledge: true })).layers[0]!;
      const state = Array.from(first.state!);
      const i = state.indexOf(CELL.justCut);
      expect(i).toBeGreaterThanOrEqual(0);
      // Acknowledged and no step since: the same cell is plainly pruned now.
      const again = (await takeSnapshot(trainer, { acknowledge: true })).layers[0]!;
      expect(again.state![i]).toBe(CELL.pruned);
      expect(Array.from(again.state!).includes(CELL.justCut)).toBe(false);
      const c = await readConnection(n, trainer.eventTracker, 0, i);
      expect(c).toMatchObject({ alive: false, cuts: 1, splices: 0 });
      // Every weight lands in one bin of the histogram, the largest |w| in the top one.
      const h = again.histogram;
      const counted = [...h.alive, ...h.pruned].reduce((a, b) => a + b, 0);
      expect(counted).toBe(n.layers[0]!.w.size);
      const top = h.alive[h.alive.length - 1]! + h.pruned[h.pruned.length - 1]!;
      expect(top).toBeGreaterThanOrEqual(1);
      expect(tf.memory().numTensors).toBe(before); // snapshots and hover leave nothing behind
    } finally {
      trainer.dispose();
      n.dispose();
    }
  });
});
