import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import { saveCheckpoint } from '../../src/core/models/checkpoint';
import { buildNetwork } from '../../src/core/train/session';
import type { RunSpec } from '../../src/worker/protocol';
import { signDataset } from '../helpers/data';
import { pauseSession, sessionHarness } from '../helpers/session';

const dataset = signDataset(128);

/** Checkpoint bytes of an mlp whose weight masks keep every third weight (biases all kept). */
async function sourceBytes(hidden: number[]): Promise<{ bytes: Uint8Array; kept: number[] }> {
  const net = buildNetwork({ id: 'mlp', hidden }, dataset, 3);
  const kept = net.layers.map((l) => {
    const m = Float32Array.from({ length: l.w.size }, (_, i) => (i % 3 === 0 ? 1 : 0));
    tf.tidy(() => l.wMask.assign(tf.tensor(m, l.wMask.shape)));
    return m.reduce((a, b) => a + b, 0) + l.b.size;
  });
  const bytes = await saveCheckpoint(net, { dataset: dataset.id, withMasks: true });
  net.dispose();
  return { bytes, kept };
}

function spec(masks: Uint8Array, over: Partial<RunSpec['config']> = {}): RunSpec {
  return {
    data: { kind: 'inline', dataset },
    validateEvery: 5,
    masks,
    config: {
      dataset: dataset.id,
      model: { id: 'mlp', hidden: [8, 8] },
      method: 'fixedMask',
      methodConfig: { reinit: false },
      start: 'pretrain',
      pretrainEpochs: 1,
      epochs: 0.5,
      batchSize: 16,
      seed: 1,
      validationLimit: 50,
      ...over,
    },
  };
}

let h: ReturnType<typeof sessionHarness> | null = null;
afterEach(async () => {
  await pauseSession(h);
  h = null;
});

describe('LabSession under another run’s masks', () => {
  it('pre-trains dense, then trains under exactly the source masks', async () => {
    const src = await sourceBytes([8, 8]);
    h = sessionHarness(20_000);
    h.send({ type: 'configure', run: spec(src.bytes), backend: 'cpu' });
    await h.until(() => h!.status() === 'ready');
    expect(h.last('snapshot')!.snapshot.density).toBe(1); // the dense pre-training comes first
    h.send({ type: 'play' });
    const done = await h.until(() => h!.last('done'));
    expect(h.all('metrics')[0]!.points[0]!.phase).toBe('pretrain');
    expect(done.result.kept).toBe(src.kept.reduce((a, b) => a + b, 0));
    // Snapshots wait for the page's ack: ack each until the one of the last step arrives.
    const last = await h.until(() => {
      const s = h!.last('snapshot')!.snapshot;
      if (s.step === done.result.steps) return s;
      h!.send({ type: 'ack', id: s.id });
      return null;
    });
    expect(last!.layers.map((l) => l.kept)).toEqual(src.kept);
  });

  it('says so when the masks belong to another model', async () => {
    const src = await sourceBytes([4]);
    h = sessionHarness(20_000);
    h.send({ type: 'configure', run: spec(src.bytes), backend: 'cpu' });
    await h.until(() => h!.status() === 'error', { errors: true });
    expect(h.all('error')[0]!.message).toMatch(
      /masks do not fit this model: the masks have 2 layers/,
    );
    h = null;
  });
});
