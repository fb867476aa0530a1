import { beforeAll, describe, expect, it } from 'vitest';
import { Network } from '../../../src/core/models/network';
import { architecture } from '../../../src/core/models/zoo';
import { createRng } from '../../../src/core/rng';
import { evaluate } from '../../../src/core/train/evaluate';
import { sensitivityAnalysis, SENSITIVITY_LEVELS } from '../../../src/core/train/sensitivity';
import { blobsDataset } from '../../helpers/data';
import { arr, backend } from '../../helpers/tf';
import { denseTrainer } from '../../helpers/trainer';

beforeAll(() => backend('cpu'));

describe('per-layer sensitivity (Distiller style)', () => {
  it('prunes one layer at a time over 0..95% and puts every mask back', async () => {
    const data = blobsDataset(8, 4);
    const net = new Network(
      architecture({ id: 'mlp', hidden: [16] }, data.inputShape, data.numClasses),
      createRng(2),
    );
    const trainer = denseTrainer(net, data, 2);
    while (trainer.t < trainer.totalSteps) trainer.step();
    trainer.dispose();
    const masks = net.layers.map((l) => arr(l.wMask));
    const r = await sensitivityAnalysis(net, data, data.validation);
    expect(SENSITIVITY_LEVELS).toHaveLength(20);
    expect(SENSITIVITY_LEVELS[19]).toBeCloseTo(0.95, 12);
    expect(r.curves.map((c) => c.layer)).toEqual(['fc1', 'fc2']);
    for (const c of r.curves) {
      expect(c.accuracy).toHaveLength(20);
      expect(c.accuracy[0]).toBeCloseTo(r.baseline.accuracy, 12);
      expect(c.accuracy[19]!).toBeLessThanOrEqual(c.accuracy[0]! + 1e-12);
    }
    expect(net.layers.map((l) => arr(l.wMask))).toEqual(masks);
    expect((await evaluate(net, data, data.validation)).accuracy).toBe(r.baseline.accuracy);
    net.dispose();
  });
});
