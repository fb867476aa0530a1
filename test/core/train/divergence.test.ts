import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Network } from '../../../src/core/models/network';
import { architecture } from '../../../src/core/models/zoo';
import { getMethod } from '../../../src/core/pruning/registry';
import { createRng } from '../../../src/core/rng';
import {
  DivergenceWatch,
  divergenceMessage,
  median,
  spansEvent,
  suggestedLearningRate,
} from '../../../src/core/train/divergence';
import { CAFFE_SGD } from '../../../src/core/train/optimizer';
import {
  loadHostOptimizer,
  loadHostWeights,
  readHostState,
  RestorePoint,
} from '../../../src/core/train/restorePoint';
import { Trainer } from '../../../src/core/train/trainer';
import { blobsDataset } from '../../helpers/data';
import { arr, backend } from '../../helpers/tf';

const CHANCE = Math.log(10); // 2.30

/** Feeds losses to a watch and returns the verdict kinds. */
function kinds(w: DivergenceWatch, losses: number[], chanceLoss = CHANCE): string[] {
  return losses.map((loss) => w.check({ loss, weightsFinite: true, chanceLoss }).kind);
}

describe('DivergenceWatch', () => {
  it('median of odd and even lists', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('a NaN or infinite loss diverges at once, even on the first reading', () => {
    expect(kinds(new DivergenceWatch(), [NaN])).toEqual(['nonFinite']);
    expect(kinds(new DivergenceWatch(), [2, Infinity])).toEqual(['ok', 'nonFinite']);
  });

  it('non-finite weights diverge even when the loss read finite', () => {
    const v = new DivergenceWatch().check({ loss: 1, weightsFinite: false, chanceLoss: CHANCE });
    expect(v.kind).toBe('nonFinite');
  });

  it('a loss past 10x the median of the window is a spike; 10x itself is not', () => {
    const w = new DivergenceWatch();
    kinds(w, [3, 3, 3, 3]);
    expect(kinds(w, [30, 30.01])).toEqual(['ok', 'spike']);
    // median of [3,3,3,3,30] is 3: 30.01 > 30 diverges; the spike did not join the window
    expect(w.size).toBe(5);
  });

  it('judges against the last 20 readings only', () => {
    const w = new DivergenceWatch();
    kinds(w, Array(20).fill(10)); // an early high-loss phase...
    kinds(w, Array(20).fill(2.5)); // ...pushed out by 20 lower readings
    // median now 2.5: 26 is a spike (it would not be against a median of 10)
    expect(w.check({ loss: 26, weightsFinite: true, chanceLoss: CHANCE })).toEqual({
      kind: 'spike',
      loss: 26,
      median: 2.5,
    });
  });

  it('never calls a loss below chance level a spike (a converged run meeting a hard batch)', () => {
    const w = new DivergenceWatch();
    kinds(w, [0.01, 0.01, 0.01]);
    expect(kinds(w, [0.5, 2.29, 2.31])).toEqual(['ok', 'ok', 'spike']);
  });

  it('judges spikes from the second reading on; a restart empties the window', () => {
    const w = new DivergenceWatch();
    expect(kinds(w, [0.3, 5])).toEqual(['ok', 'spike']); // a learning rate far too high
    kinds(w, [0.1, 0.1, 0.1]);
    w.restart();
    expect(w.size).toBe(0);
    expect(kinds(w, [50])).toEqual(['ok']); // a method event: the jump is expected
  });

  it('spansEvent: an event step inside [from, to)', () => {
    expect(spansEvent(0, 5, [0])).toBe(true);
    expect(spansEvent(1, 5, [0, 5])).toBe(false);
    expect(spansEvent(4, 9, [0, 5])).toBe(true);
  });

  it('suggests a tenth of the learning rate and says what happened', () => {
    expect(suggestedLearningRate(0.01)).toBe(0.001);
    expect(suggestedLearningRate(3)).toBe(0.3);
    const msg = divergenceMessage(
      { kind: 'spike', loss: 40, median: 2 },
      { step: 120, restoredStep: 110, lr: 0.5 },
    );
    expect(msg).toContain('step 120');
    expect(msg).toContain('step 110');
    expect(msg).toContain('0.05 instead of 0.5');
  });
});

describe('RestorePoint and host state', () => {
  beforeAll(() => backend('cpu'));

  function trainer() {
    const data = blobsDataset(8, 4, 128);
    const net = new Network(architecture({ id: 'mlp', hidden: [8] }, [8], 4), createRng(2));
    const spec = getMethod('set');
    const tr = new Trainer({
      network: net,
      data,
      method: spec,
      methodConfig: spec.resolve({ target: 0.5, deltaT: 3 }, net.layers),
      optimizer: { ...CAFFE_SGD, lr: 0.05 },
      batchSize: 16,
      seed: 1,
      epochs: 3,
    });
    return { net, tr };
  }
  const values = (net: Network) =>
    net.layers.flatMap((l) => [arr(l.w), arr(l.b), arr(l.wMask), arr(l.bMask)]);

  it('puts back weights, masks and momentum of the copy, and frees what it held', () => {
    const { net, tr } = trainer();
    for (let i = 0; i < 4; i++) tr.step();
    const before = tf.memory().numTensors;
    const rp = RestorePoint.capture(tr);
    const want = values(net);
    const wantMomentum = arr(tr.optimizer.state[0]![0]!);
    for (let i = 0; i < 5; i++) tr.step(); // masks move (ΔT = 3), weights train
    expect(values(net)).not.toEqual(want);
    // a NaN blow-up
    tf.tidy(() => net.layers[0]!.w.assign(tf.fill(net.layers[0]!.w.shape, NaN)));
    rp.restore(tr);
    expect(values(net)).toEqual(want);
    expect(arr(tr.optimizer.state[0]![0]!)).toEqual(wantMomentum);
    rp.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tr.dispose();
    net.dispose();
  });

  it('host state rebuilds a fresh trainer at the same step with the same weights and momentum', async () => {
    const a = trainer();
    for (let i = 0; i < 7; i++) a.tr.step();
    const host = await readHostState(a.tr);
    const b = trainer();
    loadHostWeights(b.net, host);
    loadHostOptimizer(b.tr, host);
    expect(b.tr.t).toBe(7);
    expect(values(b.net)).toEqual(values(a.net));
    expect(arr(b.tr.optimizer.state[2]![0]!)).toEqual(arr(a.tr.optimizer.state[2]![0]!));
    for (const x of [a, b]) {
      x.tr.dispose();
      x.net.dispose();
    }
  });
});
