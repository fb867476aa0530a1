import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { architecture } from '../../../src/core/models/zoo';
import { Network } from '../../../src/core/models/network';
import { createRng } from '../../../src/core/rng';
import { cellCentre, decisionGrid, isPlanar, planeOf } from '../../../src/core/train/boundary';
import { signDataset } from '../../helpers/data';
import { backend } from '../../helpers/tf';

beforeAll(() => backend('cpu'));

describe('decision boundary', () => {
  const data = signDataset(200);
  // A linear model (no hidden layer) whose logits are (−x, x): class 1 exactly where x > 0.
  let net: Network;
  beforeAll(() => {
    net = new Network(
      architecture({ id: 'mlp', hidden: [] }, data.inputShape, 2),
      createRng(1).fork('init'),
    );
    const l = net.layers[0]!;
    l.w.assign(
      tf.tensor2d([
        [-4, 4],
        [0, 0],
      ]),
    );
    l.b.assign(tf.zeros([2]));
  });
  afterAll(() => net.dispose());

  it('covers the points with a margin and knows which data are planar', () => {
    const p = planeOf({ count: 2, x: new Float32Array([0, 0, 10, 2]), y: new Uint8Array(2) }, 1);
    expect(p).toEqual({ x0: -1, x1: 11, y0: expect.closeTo(-0.2, 6), y1: expect.closeTo(2.2, 6) });
    expect(isPlanar(data)).toBe(true);
    expect(isPlanar({ featureSize: 784, inputShape: [28, 28, 1] })).toBe(false);
  });

  it('predicts every cell as the model does, top row at y1', async () => {
    const plane = { x0: -1, x1: 1, y0: -2, y1: 2 };
    const g = await decisionGrid(net, data, plane, { size: 8, maxPoints: 50 });
    expect(cellCentre(plane, 8, 0, 0)).toEqual([-0.875, 1.75]);
    for (let r = 0; r < 8; r++)
      for (let c = 0; c < 8; c++) {
        const [x] = cellCentre(plane, 8, r, c);
        expect(g.classes[r * 8 + c]).toBe(x > 0 ? 1 : 0);
        expect(g.confidence[r * 8 + c]).toBeCloseTo(1 / (1 + Math.exp(-8 * Math.abs(x))), 5);
      }
    expect(g.points.length).toBe(100);
    expect(g.labels.length).toBe(50);
    for (let i = 0; i < 50; i++) expect(g.labels[i]).toBe(g.points[2 * i]! > 0 ? 1 : 0);
  });

  it('changes where a cut connection mattered: masking x’s weights leaves a coin toss', async () => {
    const l = net.layers[0]!;
    l.wMask.assign(
      tf.tensor2d([
        [0, 0],
        [1, 1],
      ]),
    );
    const g = await decisionGrid(net, data, { x0: -1, x1: 1, y0: -1, y1: 1 }, { size: 4 });
    l.wMask.assign(tf.ones([2, 2]));
    for (const p of g.confidence) expect(p).toBeCloseTo(0.5, 6);
  });
});
