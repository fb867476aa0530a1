import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import { CELL } from '../../src/core/train/snapshot';
import type { RunSpec } from '../../src/worker/protocol';
import { signDataset } from '../helpers/data';
import { pauseSession, sessionHarness, toyRunSpec } from '../helpers/session';

/** The shared harness, with waits that give up after 20 s. */
const harness = () => sessionHarness(20_000);

const spec = (
  over: Partial<RunSpec['config']> = {},
  dataset: 'gaussians' | 'circle' = 'gaussians',
) => toyRunSpec(over, { dataset });

let h: ReturnType<typeof harness> | null = null;
afterEach(async () => {
  await pauseSession(h);
  h = null;
});

describe('LabSession', () => {
  it('builds a run at step 0 and shows the dense start', async () => {
    h = harness();
    h.send({ type: 'configure', run: spec(), backend: 'cpu' });
    await h.until(() => h!.status() === 'ready');
    expect(h.last('hello')!.methods.map((m) => m.id)).toContain('dns');
    expect(h.last('backend')!.report.backend).toBe('cpu');
    const ready = h.last('ready')!;
    expect(ready.info.layers.map((l) => l.name)).toEqual(['fc1', 'fc2', 'fc3']);
    expect(ready.info.methodConfig['c']).toEqual([0.5, 0.5, 0.5]);
    const snap = h.last('snapshot')!.snapshot;
    expect(snap.step).toBe(0);
    expect(Array.from(snap.layers[0]!.state!).every((s) => s === CELL.alive)).toBe(true);
    expect(snap.layers[0]!.shade!.length).toBe(2 * 16);
    expect(h.all('validation')).toHaveLength(1);
    expect(h.last('firstCut')!.fractions).toHaveLength(3);
  });

  it('keeps one snapshot in flight and sends the next after the ack', async () => {
    h = harness();
    h.send({ type: 'configure', run: spec(), backend: 'cpu' });
    await h.until(() => h!.status() === 'ready');
    const first = h.last('snapshot')!;
    h.send({ type: 'step' });
    const m = await h.until(() => h!.last('metrics'));
    expect(m.points[0]!.step).toBe(1);
    expect(m.points[0]!.cuts.reduce((a, b) => a + b)).toBeGreaterThan(0);
    await h.until(() => h!.status() === 'paused');
    expect(h.all('snapshot')).toHaveLength(1); // not acked yet
    h.send({ type: 'ack', id: first.snapshot.id });
    const second = await h.until(() => h!.all('snapshot')[1]);
    expect(second.snapshot.step).toBe(1);
    const state = Array.from(second.snapshot.layers[0]!.state!);
    expect(state).toContain(CELL.justCut);
    // Hover: a just-cut connection has been cut once in its life.
    const index = state.indexOf(CELL.justCut);
    h.send({ type: 'query', id: 9, layer: 0, index });
    const c = await h.until(() => h!.last('connection'));
    expect(c.info).toMatchObject({ id: 9, layer: 0, index, alive: false, cuts: 1, splices: 0 });
  });

  it('plays, pauses between steps and changes the learning rate without a reset', async () => {
    h = harness();
    h.send({ type: 'configure', run: spec({ epochs: 50 }), backend: 'cpu' });
    await h.until(() => h!.status() === 'ready');
    const runId = h.last('ready')!.runId;
    h.send({ type: 'play' });
    await h.until(() => (h!.last('metrics')?.points[0]?.step ?? 0) > 20);
    h.send({ type: 'setLr', lr: 0.001 });
    await h.until(() => h!.last('metrics')!.points[0]!.learningRate < 0.002);
    h.send({ type: 'pause' });
    await h.until(() => h!.status() === 'paused');
    const at = h.last('metrics')!.points[0]!.step;
    h.send({ type: 'query', id: 1, layer: 0, index: 0 });
    await h.until(() => h!.last('connection')); // answered between steps, while paused
    expect(h.last('metrics')!.points[0]!.step).toBe(at);
    expect(h.all('ready').every((r) => r.runId === runId)).toBe(true);
    // Metrics only carry points new since the previous post, so steps never repeat.
    const steps = h.all('metrics').flatMap((e) => e.points.map((p) => p.step));
    expect(new Set(steps).size).toBe(steps.length);
  });

  it('while playing, each snapshot goes out right after the metrics of its own step', async () => {
    // The metrics reading judges the weights (divergence) before the heatmap draws them, and
    // the curves and the heatmap show the same step.
    h = harness();
    h.send({ type: 'configure', run: spec({ epochs: 500 }), backend: 'cpu' });
    await h.until(() => h!.status() === 'ready');
    let acked = 0;
    h.send({ type: 'play' });
    await h.until(() => {
      const snaps = h!.all('snapshot');
      for (; acked < snaps.length; acked++) {
        const id = snaps[acked]!.snapshot.id;
        queueMicrotask(() => h?.send({ type: 'ack', id })); // the page draws, then acks
      }
      return snaps.length >= 4;
    });
    h.send({ type: 'pause' });
    await h.until(() => h!.status() === 'paused');
    let lastMetricsStep = -1;
    let checked = 0;
    for (const ev of h.events) {
      if (ev.type === 'metrics') lastMetricsStep = ev.points.at(-1)!.step;
      if (ev.type === 'snapshot' && ev.snapshot.step > 0) {
        expect(ev.snapshot.step).toBe(lastMetricsStep);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(3);
  });

  it('runs to the end and evaluates the test set', async () => {
    h = harness();
    h.send({ type: 'configure', run: spec({ epochs: 0.5 }), backend: 'cpu' });
    await h.until(() => h!.status() === 'ready');
    h.send({ type: 'play' });
    const done = await h.until(() => h!.last('done'));
    expect(done.result.testAccuracy).toBeGreaterThan(0);
    expect(done.result.density).toBeLessThan(1);
    await h.until(() => h!.status() === 'done');
    expect(h.all('validation').length).toBeGreaterThan(2);
  });

  it('pre-trains dense first, then measures the baseline and starts surgery', async () => {
    h = harness();
    h.send({
      type: 'configure',
      run: spec({ start: 'pretrain', pretrainEpochs: 1, epochs: 0.3, methodConfig: {} }),
      backend: 'cpu',
    });
    await h.until(() => h!.status() === 'ready');
    expect(h.last('ready')!.info.pretrainSteps).toBeGreaterThan(0);
    expect(h.all('firstCut')).toHaveLength(0);
    h.send({ type: 'play' });
    await h.until(() => h!.last('done'));
    expect(h.last('baseline')!.accuracy).toBeGreaterThan(0.5);
    expect(h.all('firstCut')).toHaveLength(1);
    const phases = h.all('metrics').map((e) => e.points[0]!.phase);
    expect(phases[0]).toBe('pretrain');
    expect(phases.at(-1)).toBe('train');
    // A reset reuses the pre-trained dense start: the new run begins with surgery.
    h.send({ type: 'reset' });
    await h.until(() => h!.all('ready').length === 2 && h!.status() === 'ready');
    expect(h.last('ready')!.info.pretrainSteps).toBe(0);
    expect(h.last('ready')!.info.baseline).toBeGreaterThan(0.5);
  });

  it('trains on a dataset handed over whole (uploads)', async () => {
    h = harness();
    const dataset = signDataset(128);
    h.send({
      type: 'configure',
      run: { ...spec({ dataset: dataset.id }), data: { kind: 'inline', dataset } },
      backend: 'cpu',
    });
    await h.until(() => h!.status() === 'ready');
    expect(h.last('ready')!.info).toMatchObject({
      datasetId: 'sign',
      inputShape: [2],
      fieldShape: null,
    });
    h.send({ type: 'step' });
    await h.until(() => h!.status() === 'paused');
    expect(h.last('metrics')!.points[0]!.step).toBe(1);
  });

  it('reports a missing checkpoint instead of failing', async () => {
    h = harness();
    h.send({
      type: 'configure',
      run: spec({ start: 'checkpoint', model: { id: 'mlp', hidden: [5] } }, 'circle'),
      backend: 'cpu',
    });
    await h.until(() => h!.status() === 'needsStart');
    expect(h.last('checkpointMissing')!.file).toBe('mlp-5-circle.ckpt');
  });

  it('says what is wrong with a bad configuration', async () => {
    h = harness();
    h.send({ type: 'configure', run: spec({ model: { id: 'lenet5' } }), backend: 'cpu' });
    await h.until(() => h!.status() === 'error', { errors: true });
    expect(h.all('error')[0]!.message).toMatch(/LeNet-5 needs image input/);
    h = null;
  });

  it('leaks no tensors across resets', async () => {
    h = harness();
    h.send({ type: 'configure', run: spec(), backend: 'cpu' });
    await h.until(() => h!.status() === 'ready');
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      h.send({ type: 'reset' });
      await h.until(() => h!.all('ready').length === i + 2 && h!.status() === 'ready');
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
