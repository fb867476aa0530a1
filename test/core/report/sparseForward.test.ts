import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCheckpoint, saveCheckpoint } from '../../../src/core/models/checkpoint';
import { architecture } from '../../../src/core/models/zoo';
import { reportLayers } from '../../../src/core/report/layers';
import { sparseForward } from '../../../src/core/report/sparseForward';
import { backend } from '../../helpers/tf';
import { randomMasked } from './helpers';

beforeAll(() => backend('cpu'));

describe.each([
  ['LeNet-5', architecture({ id: 'lenet5' }, [28, 28, 1], 10)],
  ['MLP 8-16-16-4', architecture({ id: 'mlp', hidden: [16, 16] }, [8], 4)],
])('sparse JS forward of %s', (_name, arch) => {
  it('equals the masked tfjs network', async () => {
    const net = await randomMasked(arch, 0.3);
    const ckpt = readCheckpoint(await saveCheckpoint(net, { dataset: 'x', withMasks: true }));
    const d = arch.inputShape.reduce((p, q) => p * q, 1);
    const x = Float32Array.from({ length: 3 * d }, (_, i) => ((i * 37) % 101) / 101);
    const want = tf.tidy(() => net.predict(tf.tensor(x, [3, ...arch.inputShape])).dataSync());
    const got = sparseForward(arch, reportLayers(ckpt))(x, 3);
    expect(got.length).toBe(want.length);
    for (let i = 0; i < got.length; i++) expect(got[i]).toBeCloseTo(want[i]!, 4);
    net.dispose();
  });
});
