import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Network } from '../../../src/core/models/network';
import { architecture } from '../../../src/core/models/zoo';
import {
  applyHandEdit,
  lineIndices,
  restoreHandEdit,
  UndoStack,
} from '../../../src/core/pruning/handEdit';
import { createRng } from '../../../src/core/rng';
import { blobsDataset } from '../../helpers/data';
import { arr, backend } from '../../helpers/tf';

beforeAll(() => backend('cpu'));

const data = blobsDataset(8, 4);
let net: Network;
beforeEach(() => {
  net = new Network(
    architecture({ id: 'mlp', hidden: [6] }, data.inputShape, data.numClasses),
    createRng(5).fork('init'),
  );
});
afterEach(() => net.dispose());

describe('lineIndices (heatmap rows = fan-in positions, cols = units, row-major)', () => {
  const grid = { rows: 3, cols: 4 };
  it("takes a unit's inputs", () => expect([...lineIndices(grid, { unit: 1 })]).toEqual([1, 5, 9]));
  it("takes an input's units", () =>
    expect([...lineIndices(grid, { input: 2 })]).toEqual([8, 9, 10, 11]));
});

describe('applyHandEdit', () => {
  it('cuts exactly the alive connections named and keeps the weights (DNS)', async () => {
    const l = net.layers[0]!;
    const w0 = arr(l.w);
    const r = await applyHandEdit(l, [3, 0, 3, 7, 10_000, -1], 'cut', { zeroCut: false });
    expect([...r.changed]).toEqual([0, 3, 7]);
    const m = arr(l.wMask);
    expect(m.map((v, i) => (v === 0 ? i : -1)).filter((i) => i >= 0)).toEqual([0, 3, 7]);
    expect(arr(l.w)).toEqual(w0);
    expect(r.keptWeights).toBe(l.w.size - 3);
  });

  it('zeroes the cut weights for masked-gradient methods', async () => {
    const l = net.layers[0]!;
    await applyHandEdit(l, [2, 5], 'cut', { zeroCut: true });
    const w = arr(l.w);
    expect([w[2], w[5]]).toEqual([0, 0]);
    expect(w.filter((v) => v === 0)).toHaveLength(2);
  });

  it('splices only pruned connections, and Undo puts masks and weights back', async () => {
    const l = net.layers[0]!;
    const w0 = arr(l.w);
    const cut = await applyHandEdit(l, [1, 2, 4], 'cut', { zeroCut: true });
    const splice = await applyHandEdit(l, [2, 4, 6], 'splice', { zeroCut: true });
    expect([...splice.changed]).toEqual([2, 4]); // 6 was alive
    expect(arr(l.wMask)[2]).toBe(1);
    expect(arr(l.w)[2]).toBe(0); // a spliced weight starts from its (zeroed) value
    await restoreHandEdit(l, splice.undo);
    await restoreHandEdit(l, cut.undo);
    expect(arr(l.wMask).every((v) => v === 1)).toBe(true);
    expect(arr(l.w)).toEqual(w0);
  });

  it('leaves the rest of the layer as training left it after the edit', async () => {
    const l = net.layers[0]!;
    const cut = await applyHandEdit(l, [0], 'cut', { zeroCut: false });
    l.w.assign(tf.add(l.w, 1)); // a training step meanwhile
    const w1 = arr(l.w);
    await restoreHandEdit(l, cut.undo);
    expect(arr(l.wMask)[0]).toBe(1);
    expect(arr(l.w).slice(1)).toEqual(w1.slice(1));
  });

  it('leaks no tensors', async () => {
    const l = net.layers[1]!;
    const before = tf.memory().numTensors;
    const r = await applyHandEdit(l, [0, 1], 'cut', { zeroCut: true });
    await restoreHandEdit(l, r.undo);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('UndoStack', () => {
  it('keeps the newest `limit` items', () => {
    const s = new UndoStack<number>(3);
    for (let i = 0; i < 5; i++) s.push(i);
    expect(s.depth).toBe(3);
    expect([s.pop(), s.pop(), s.pop(), s.pop()]).toEqual([4, 3, 2, undefined]);
  });
});
