import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { dns } from '../../../src/core/pruning/methods/dns';
import { SaliencyTracker, magnitudeScore, taylorScore } from '../../../src/core/pruning/saliency';
import type { MaskUpdates } from '../../../src/core/pruning/types';
import { createRng } from '../../../src/core/rng';
import { fakeCtx } from '../../helpers/ctx';
import { handLayer } from '../../helpers/layers';
import { arr, backend } from '../../helpers/tf';

beforeAll(() => backend('cpu'));

describe('saliency criteria', () => {
  it('magnitude |w| and Taylor |w·∂L/∂w|', () => {
    expect(arr(magnitudeScore(tf.tensor1d([-2, 0.5])))).toEqual([2, 0.5]);
    expect(arr(taylorScore(tf.tensor1d([-2, 0.5]), tf.tensor1d([0.25, -4])))).toEqual([0.5, 2]);
  });

  it('Taylor scores average over the steps since the last restart; magnitude reads W⊙T', () => {
    const layer = handLayer([[1, -2]], [0, 0], { w: [[1, 0]] });
    const t = new SaliencyTracker('taylor');
    const g = (a: number, b: number) => ({ w: [tf.tensor2d([[a, b]])], b: [tf.zeros([2])] });
    t.observe([layer], g(1, 1));
    t.observe([layer], g(3, 0));
    expect(arr(t.scores([layer], 0))).toEqual([2, 1]); // mean of [1, 2] and [3, 0]
    t.restart();
    expect(arr(t.scores([layer], 0))).toEqual([1, 0]); // no window yet: |W⊙T|
    expect(arr(new SaliencyTracker('magnitude').scores([layer], 0))).toEqual([1, 0]);
    t.dispose();
  });
});

describe('DNS with the Taylor saliency', () => {
  it('cuts by the normalised |w·g|, not by |w|, and keeps thresholds off the |w| charts', async () => {
    // Large weights with no gradient matter less than a small weight the loss leans on.
    const layer = handLayer([[5, 4, 0.1, 3]], [0, 0, 0, 0]);
    const cfg = dns.resolve({ saliency: 'taylor', c: 0, gamma: 0 }, [layer]);
    const p = dns.create(cfg, { layers: [layer], rng: createRng(1) });
    expect(p.beforeStep).toBeUndefined();
    const grads = { w: [tf.tensor2d([[0.001, 0.001, 100, 0.001]])], b: [tf.zeros([1])] };
    const u = p.afterGradients!(fakeCtx([layer], 0, { random: () => 0 }), grads) as MaskUpdates;
    // scores [0.005, 0.004, 10, 0.003] (+ bias 0): mean over 5 kept ≈ 2; a = 0.9·μ of nonzero
    expect(arr(u[0]!.w)).toEqual([0, 0, 1, 0]);
    expect(await p.thresholds!()).toEqual([null]);
    p.dispose();
  });

  it('keeps magnitude DNS the default', () =>
    expect(dns.resolve({}, [handLayer([[1]], [0])]).saliency).toBe('magnitude'));
});
