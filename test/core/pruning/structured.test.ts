import { beforeAll, describe, expect, it } from 'vitest';
import { Network } from '../../../src/core/models/network';
import { architecture } from '../../../src/core/models/zoo';
import { structured, unitsForTarget } from '../../../src/core/pruning/methods/structured';
import {
  aliveUnits,
  geometryOfLayers,
  layerGeometry,
  structuredCost,
} from '../../../src/core/pruning/structure';
import { createRng } from '../../../src/core/rng';
import { CAFFE_SGD } from '../../../src/core/train/optimizer';
import { Trainer } from '../../../src/core/train/trainer';
import { blobsDataset } from '../../helpers/data';
import { arr, backend } from '../../helpers/tf';

beforeAll(() => backend('cpu'));

describe('real parameter and FLOP drop', () => {
  it('LeNet-300-100: half the hidden neurons also kill half the inputs of the next layer', () => {
    const g = layerGeometry(architecture({ id: 'lenet300' }, [28, 28, 1], 10));
    const dense = structuredCost(g, [300, 100, 10]);
    expect(dense.denseParams).toBe(266_610);
    expect(dense.keptParams).toBe(266_610);
    expect(dense.denseMacs).toBe(266_200);
    const half = structuredCost(g, [150, 50, 10]);
    // 784·150 + 150 + 150·50 + 50 + 50·10 + 10
    expect(half.keptParams).toBe(125_810);
    expect(half.keptMacs).toBe(125_600);
    expect(half.keptFlops).toBe(2 * 125_600);
  });

  it('LeNet-5: a removed conv2 filter takes its 5·5·20 kernel and 16 inputs of each ip1 unit', () => {
    const g = layerGeometry(architecture({ id: 'lenet5' }, [28, 28, 1], 10));
    expect(g.map((l) => [l.rowsPerInput, l.positions])).toEqual([
      [0, 576],
      [25, 64],
      [16, 1],
      [1, 1],
    ]);
    const dense = structuredCost(g, [20, 50, 500, 10]);
    expect(dense.denseParams).toBe(431_080);
    // conv1 25·20·576 + conv2 25·20·50·64 + ip1 800·500 + ip2 500·10
    expect(dense.denseMacs).toBe(288_000 + 1_600_000 + 400_000 + 5_000);
    const c = structuredCost(g, [20, 25, 500, 10]);
    expect(dense.denseMacs - c.keptMacs).toBe(800_000 + 200_000);
    expect(dense.denseParams - c.keptParams).toBe(25 * 20 * 25 + 25 + 400 * 500);
  });

  it('picks the unit fraction whose real size is closest to the target', () => {
    const g = layerGeometry(architecture({ id: 'lenet300' }, [28, 28, 1], 10));
    const units = unitsForTarget(g, 0.95);
    expect(units[2]).toBe(10);
    const c = structuredCost(g, units);
    expect(Math.abs(c.keptParams / c.denseParams - 0.05)).toBeLessThan(0.002);
  });
});

describe('structured masks', () => {
  it('remove whole columns (units) and the rows they fed, biases with them', async () => {
    const data = blobsDataset(8, 4);
    const net = new Network(
      architecture({ id: 'mlp', hidden: [16, 12] }, data.inputShape, data.numClasses),
      createRng(4),
    );
    const trainer = new Trainer({
      network: net,
      data,
      method: structured,
      methodConfig: structured.resolve({ target: 0.6 }, net.layers),
      optimizer: CAFFE_SGD,
      batchSize: 16,
      seed: 1,
      epochs: 1,
    });
    for (let i = 0; i < 5; i++) trainer.step();
    const [l1, l2, l3] = net.layers;
    const cols = (m: number[], rows: number, c: number) =>
      Array.from({ length: c }, (_, j) => Array.from({ length: rows }, (_, i) => m[i * c + j]!));
    const keep1 = arr(l1!.bMask);
    const keep2 = arr(l2!.bMask);
    expect(keep1.some((v) => v === 0)).toBe(true);
    cols(arr(l1!.wMask), 8, 16).forEach((col, j) =>
      expect(new Set(col)).toEqual(new Set([keep1[j]])),
    );
    const m2 = arr(l2!.wMask);
    for (let i = 0; i < 16; i++)
      for (let j = 0; j < 12; j++) expect(m2[i * 12 + j]).toBe(keep1[i]! * keep2[j]!);
    const m3 = arr(l3!.wMask);
    for (let i = 0; i < 12; i++) for (let j = 0; j < 4; j++) expect(m3[i * 4 + j]).toBe(keep2[i]);
    const alive = await aliveUnits(net.layers);
    const cost = structuredCost(geometryOfLayers(net.layers), alive);
    const m = await trainer.flushMetrics();
    expect(cost.keptParams).toBe(m.kept.reduce((a, b) => a + b, 0));
    trainer.dispose();
    net.dispose();
  });
});
