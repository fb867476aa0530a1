import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import { planSweep } from '../../src/core/train/sweep';
import type { CompareSpec } from '../../src/worker/compareProtocol';
import type { RunSpec } from '../../src/worker/protocol';
import { pauseSession, sessionHarness, toyRunSpec } from '../helpers/session';

/** The lab's gaussians setup: the 16-16 MLP from its shipped dense checkpoint. */
const run: RunSpec = toyRunSpec(
  { start: 'checkpoint', batchSize: 32, validationLimit: 200 },
  { validateEvery: 0 },
);

function compare(over: Partial<CompareSpec> = {}): CompareSpec {
  return {
    id: 1,
    run,
    methods: ['dns', 'imp', 'nm'],
    targets: [0.7, 0.5],
    seeds: [1],
    settings: {},
    calibration: { mode: 'first-cut', pilotEpochs: 0, rounds: 1 },
    ...over,
  };
}

let h: ReturnType<typeof sessionHarness> | null = null;
afterEach(async () => {
  await pauseSession(h);
  h = null;
});

describe('compare mode in the worker', () => {
  it('runs planSweep’s queue one job after another and posts each job’s results', async () => {
    h = harness();
    h.send({ type: 'compare', spec: compare() });
    const end = await h.until(() => h!.last('compareEnd'));
    expect(end.outcome).toBe('done');
    const started = h.last('compareStarted')!;
    expect(started.jobs).toEqual(planSweep(['dns', 'imp', 'nm'], [0.7, 0.5], [1]));
    expect(started.backend).toBe(h.last('backend')!.report.backend);
    // Progress goes out for the job under way, in order, ending at each job's last step.
    const progress = h.all('compareProgress');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.map((p) => p.index)).toEqual([...progress.map((p) => p.index)].sort());
    const results = h.all('compareResults');
    expect(results.map((r) => r.index)).toEqual([0, 1, 2, 3]);
    const runs = results.flatMap((r) => r.results);
    // DNS at each target (calibrated), IMP once passing both, N:M at its own 50%.
    expect(runs.map((r) => [r.config.method, r.target])).toEqual([
      ['dns', 0.5],
      ['dns', 0.7],
      ['imp', 0.5],
      ['imp', 0.7],
      ['nm', null],
    ]);
    for (const r of runs) {
      expect(r.dense.source).toBe('checkpoint');
      expect(r.dense.testAccuracy).toBeGreaterThan(0.5);
      expect(r.config.epochs).toBe(1);
    }
    expect(runs[0]!.calibration?.mode).toBe('first-cut');
    for (const r of runs.filter((x) => x.config.method === 'imp'))
      expect(1 - r.density).toBeCloseTo(r.target!, 2);
  });

  it('pauses the live run and ignores Play until the compare is over', async () => {
    h = harness();
    h.send({
      type: 'configure',
      run: { ...run, config: { ...run.config, epochs: 50 } },
      backend: 'cpu',
    });
    await h.until(() => h!.status() === 'ready');
    h.send({ type: 'play' });
    await h.until(() => h!.status() === 'running');
    h.send({ type: 'compare', spec: compare({ methods: ['agp'], targets: [0.5] }) });
    await h.until(() => h!.last('compareStarted'));
    expect(h.status()).toBe('paused');
    h.send({ type: 'play' });
    h.send({ type: 'step' });
    await h.until(() => h!.last('compareEnd'));
    expect(h.status()).toBe('paused');
    h.send({ type: 'play' });
    await h.until(() => h!.status() === 'running');
  });

  it('cancels between two steps, keeps what finished, and leaks no tensors', async () => {
    h = harness();
    h.send({ type: 'compare', spec: compare({ methods: ['agp'], targets: [0.5], seeds: [1] }) });
    await h.until(() => h!.last('compareEnd'));
    const before = tf.memory().numTensors;
    const spec = compare({ id: 2, methods: ['agp', 'oneshot'], targets: [0.5], seeds: [1, 2] });
    h.send({
      type: 'compare',
      spec: { ...spec, run: { ...run, config: { ...run.config, epochs: 30 } } },
    });
    await h.until(() => h!.all('compareProgress').some((p) => p.id === 2 && p.step > 5));
    h.send({ type: 'cancelCompare', id: 2 });
    const end = await h.until(() => h!.all('compareEnd').find((e) => e.id === 2));
    expect(end.outcome).toBe('cancelled');
    expect(h.all('compareResults').filter((r) => r.id === 2).length).toBeLessThan(4);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reports DNS pilot runs as their own phase when it calibrates c by pilots', async () => {
    h = harness();
    h.send({
      type: 'compare',
      spec: compare({
        methods: ['dns'],
        targets: [0.6],
        calibration: { mode: 'pilot', pilotEpochs: 0.5, rounds: 1 },
      }),
    });
    const end = await h.until(() => h!.last('compareEnd'));
    expect(end.outcome).toBe('done');
    const phases = new Set(h.all('compareProgress').map((p) => p.phase));
    expect([...phases]).toEqual(['calibrate', 'train']);
    const [r] = h.last('compareResults')!.results;
    expect(r!.calibration).toMatchObject({ mode: 'pilot', target: 0.6 });
    expect(r!.calibration!.pilotSparsity).toHaveLength(1);
  });

  it('pre-trains each seed’s dense start once and measures it as the baseline', async () => {
    h = harness();
    const pre = {
      ...run,
      config: { ...run.config, start: 'pretrain' as const, pretrainEpochs: 1 },
    };
    h.send({
      type: 'compare',
      spec: compare({ run: pre, methods: ['agp', 'nm'], targets: [0.5], seeds: [1, 2] }),
    });
    const end = await h.until(() => h!.last('compareEnd'));
    expect(end.outcome).toBe('done');
    // Progress of a seed's pre-train belongs to the first job of that seed (0 and 2).
    const pretrain = new Set(
      h
        .all('compareProgress')
        .filter((p) => p.phase === 'pretrain')
        .map((p) => p.index),
    );
    expect([...pretrain]).toEqual([0, 2]);
    const runs = h.all('compareResults').flatMap((r) => r.results);
    // The pre-trained start runs as an in-memory checkpoint; the results say how it was made.
    expect(runs.map((r) => `${r.dense.source}/${r.config.start}`)).toEqual([
      'pretrain/pretrain',
      'pretrain/pretrain',
      'pretrain/pretrain',
      'pretrain/pretrain',
    ]);
    const dense = runs.map((r) => r.dense.testAccuracy!);
    expect(dense[0]).toBe(dense[1]); // one dense start per seed
    expect(dense.every((d) => d > 0.5)).toBe(true);
  });

  it('says which job the model cannot take before anything trains', async () => {
    h = harness();
    // IMP leaves the output layer (16 × 3) dense: more than 5% of this tiny MLP.
    h.send({ type: 'compare', spec: compare({ methods: ['dns', 'imp'], targets: [0.95] }) });
    const end = await h.until(() => h!.last('compareEnd'));
    expect(end.outcome).toBe('error');
    expect(end.message).toMatch(/^Iterative magnitude pruning at 95%: .*spared layers/);
    expect(h.all('compareStarted')).toHaveLength(0);
    expect(h.all('compareProgress')).toHaveLength(0);
  });
});

describe('sensitivity analysis in the worker', () => {
  it('prunes each layer of the live network to 0..95% and puts every mask back', async () => {
    h = harness();
    h.send({ type: 'configure', run, backend: 'cpu' });
    await h.until(() => h!.status() === 'ready');
    h.send({ type: 'step' });
    await h.until(() => h!.status() === 'paused');
    const kept = h.last('metrics')!.points.at(-1)!.kept;
    h.send({ type: 'sensitivity', id: 4 });
    const done = await h.until(() => h!.last('sensitivityResult'));
    expect(done.id).toBe(4);
    expect(done.at).toMatchObject({ step: 1, method: 'dns', split: 'validation', examples: 200 });
    expect(done.at.layerSparsity).toHaveLength(3);
    expect(Math.min(...done.at.layerSparsity)).toBeGreaterThan(0); // DNS's first cut
    expect(done.result.curves.map((c) => c.layer)).toEqual(['fc1', 'fc2', 'fc3']);
    for (const c of done.result.curves) {
      expect(c.sparsity).toHaveLength(20);
      expect(c.accuracy).toHaveLength(20);
    }
    expect(h.last('sensitivityProgress')).toMatchObject({ done: 60, total: 60 });
    // The run goes on with its own masks.
    h.send({ type: 'step' });
    await h.until(() => h!.last('metrics')!.points.at(-1)!.step === 2);
    const after = h.last('metrics')!.points.at(-1)!.kept;
    expect(after.reduce((a, b) => a + b)).toBeLessThanOrEqual(kept.reduce((a, b) => a + b) + 5);
  });

  it('answers with an error before a run is built', async () => {
    h = harness();
    h.send({ type: 'sensitivity', id: 1 });
    const e = await h.until(() => h!.last('sensitivityError'));
    expect(e.message).toMatch(/no run is built yet/);
  });
});

describe('metric points of a short run', () => {
  it('samples every step or few so a short run draws a curve, posting at most ten a second', async () => {
    h = harness();
    h.send({
      type: 'configure',
      run: { ...run, config: { ...run.config, epochs: 2 } },
      backend: 'cpu',
    });
    await h.until(() => h!.status() === 'ready');
    const total = h.last('ready')!.info.trainSteps;
    h.send({ type: 'play' });
    await h.until(() => h!.last('done'));
    const points = h.all('metrics').flatMap((e) => e.points);
    expect(points.length).toBeGreaterThanOrEqual(Math.min(total, 100) - 1);
    expect(h.all('metrics').length).toBeLessThan(points.length);
  });
});

const harness = sessionHarness;
