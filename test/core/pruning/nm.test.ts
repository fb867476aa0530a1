import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { architecture, layerInfos } from '../../../src/core/models/zoo';
import { nm, nmMask, nmPlan } from '../../../src/core/pruning/methods/nm';
import { arr, backend } from '../../helpers/tf';

beforeAll(() => backend('cpu'));

describe('N:M masks', () => {
  it('keep the 2 largest of every 4 consecutive inputs, per output column (dense [in, out])', () => {
    // column 0 runs 1..8, column 1 runs 8..1
    const w = Array.from({ length: 8 }, (_, i) => [i + 1, 8 - i]);
    const m = arr(nmMask(tf.tensor2d(w), 2, 4));
    const col = (j: number) => m.filter((_, i) => i % 2 === j);
    expect(col(0)).toEqual([0, 0, 1, 1, 0, 0, 1, 1]);
    expect(col(1)).toEqual([1, 1, 0, 0, 1, 1, 0, 0]);
  });

  it('group conv kernels along input channels (NVIDIA ASP)', () => {
    // [1, 1, 8 channels, 1 filter]
    const s = tf.tensor4d([5, 1, 2, 7, 0.1, 0.3, 0.2, 0.4], [1, 1, 8, 1]);
    expect(arr(nmMask(s, 2, 4))).toEqual([1, 0, 0, 1, 0, 1, 0, 1]);
  });

  it('skip layers whose input size is not a multiple of M, and say so', () => {
    const lenet5 = layerInfos(architecture({ id: 'lenet5' }, [28, 28, 1], 10));
    expect(nmPlan({ n: 2, m: 4 }, lenet5).map((p) => p.applied)).toEqual([false, true, true, true]);
    const mlp = layerInfos(architecture({ id: 'mlp', hidden: [16, 16] }, [2], 2));
    const notes = nm.layerNotes!({ n: 2, m: 4, saliency: 'magnitude' }, mlp);
    expect(notes[0]).toMatch(/input size 2 is not a multiple of 4/);
    expect(notes.slice(1)).toEqual([null, null]);
  });
});
