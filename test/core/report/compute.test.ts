import { describe, expect, it } from 'vitest';
import { architecture } from '../../../src/core/models/zoo';
import { computeFigures, isNm } from '../../../src/core/report/compute';
import { gridLayers } from './helpers';

const lenet300 = architecture({ id: 'lenet300' }, [28, 28, 1], 10);
const lenet5 = architecture({ id: 'lenet5' }, [28, 28, 1], 10);

describe('computeFigures', () => {
  it('counts LeNet-300-100 dense: 266,610 parameters, 266,200 MACs, FLOPs twice that', () => {
    const f = computeFigures(lenet300, gridLayers(lenet300));
    expect(f.params).toBe(266610);
    expect(f.nonZeros).toBe(266610);
    expect(f.compression).toBe(1);
    expect(f.macs.dense).toBe(266200);
    expect(f.macs.sparse).toBe(266200);
    expect(f.macs.structured).toBe(266200);
    expect(f.flops.dense).toBe(532400);
    expect(f.layers.map((l) => l.denseMacs)).toEqual([235200, 30000, 1000]);
  });

  it('counts LeNet-5 dense: 2,293,000 MACs (288,000 + 1,600,000 + 400,000 + 5,000)', () => {
    const f = computeFigures(lenet5, gridLayers(lenet5));
    expect(f.layers.map((l) => l.denseMacs)).toEqual([288000, 1600000, 400000, 5000]);
    expect(f.macs.dense).toBe(2293000);
    expect(f.params).toBe(431080);
  });

  it('a conv weight kept costs one MAC per output position (24·24 for conv1)', () => {
    // keep only tap (0,0) of conv1's filter 0 and all of the rest
    const layers = gridLayers(lenet5, (l, r, c) => l !== 0 || (r === 0 && c === 0));
    const f = computeFigures(lenet5, layers);
    expect(f.layers[0]!.sparseMacs).toBe(576);
    expect(f.macs.sparse).toBe(576 + 1600000 + 400000 + 5000);
  });

  it('unstructured: sparse MACs follow kept weights; structured: dead units shrink both layers', () => {
    // ip1 keeps only its first 150 units (all their inputs); ip2 and ip3 dense.
    const layers = gridLayers(lenet300, (l, _r, c) => l !== 0 || c < 150);
    layers[0]!.keepB.fill(0, 150);
    const f = computeFigures(lenet300, layers);
    expect(f.layers[0]!.aliveUnits).toBe(150);
    expect(f.macs.sparse).toBe(784 * 150 + 30000 + 1000);
    // ip2's rows from the 150 dead units are dead too: 784·150 + 150·100 + 100·10
    expect(f.macs.structured).toBe(117600 + 15000 + 1000);
    expect(f.nonZeros).toBe(784 * 150 + 150 + 30100 + 1010);
    expect(f.compression).toBeCloseTo(266610 / f.nonZeros, 12);
  });

  it('2:4 halves the MACs of the layers it holds in and leaves the others dense', () => {
    // keep rows 0 and 1 of every group of 4 inputs in all layers (ip3 has 100 inputs: also 2:4)
    const layers = gridLayers(lenet300, (_l, r) => r % 4 < 2);
    expect(layers.map((l) => isNm(l, 2, 4))).toEqual([true, true, true]);
    const f = computeFigures(lenet300, layers);
    expect(f.macs.twoFour).toBe(266200 / 2);
    const dense = computeFigures(lenet300, gridLayers(lenet300));
    expect(dense.macs.twoFour).toBeNull();
    const three = gridLayers(lenet300, (_l, r) => r % 4 < 3);
    expect(isNm(three[0]!, 2, 4)).toBe(false);
  });
});
