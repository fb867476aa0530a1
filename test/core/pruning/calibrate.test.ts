import { beforeAll, describe, expect, it } from 'vitest';
import { Network } from '../../../src/core/models/network';
import { architecture } from '../../../src/core/models/zoo';
import {
  crateForFirstCut,
  firstCutSparsity,
  layerDistributions,
} from '../../../src/core/pruning/calibrate';
import { defaultCrate } from '../../../src/core/pruning/methods/dns';
import { createRng } from '../../../src/core/rng';
import { backend } from '../../helpers/tf';

beforeAll(() => backend('cpu'));

describe('DNS calibration to a target', () => {
  it('finds one shift of c that makes the first cut hit the target, per-layer pattern kept', async () => {
    const net = new Network(architecture({ id: 'mlp', hidden: [64, 32] }, [16], 4), createRng(3));
    const d = await layerDistributions(net.layers);
    const base = defaultCrate(net.layers);
    for (const target of [0.5, 0.9, 0.95]) {
      const r = crateForFirstCut(d, target, base);
      expect(Math.abs(r.firstCut - target)).toBeLessThanOrEqual(1 / net.paramCount + 1e-12);
      r.c.forEach((c, k) => expect(c - base[k]!).toBeCloseTo(r.shift, 9));
    }
    net.dispose();
  });

  it('cuts more as c grows (monotone), counting zeros as already cut', async () => {
    const net = new Network(architecture({ id: 'mlp', hidden: [8] }, [4], 2), createRng(1));
    const d = await layerDistributions(net.layers);
    const cuts = [-1, 0, 1, 2].map((c) => firstCutSparsity(d, [c, c]));
    for (let i = 1; i < cuts.length; i++)
      cuts[i]!.forEach((s, k) => expect(s).toBeGreaterThanOrEqual(cuts[i - 1]![k]!));
    // biases start at 0: a layer can never be less sparse than its bias share
    expect(cuts[0]![0]).toBeGreaterThanOrEqual(8 / 40);
    net.dispose();
  });
});
